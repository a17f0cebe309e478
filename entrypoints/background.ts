import { startAlerts } from '@/src/alerts';
import { startContextMenus } from '@/src/background/context-menus';
import { startIssuingSaveTickets } from '@/src/background/save-tickets';

// The background only wires browser events to src/: alerts, the right-click actions, and the tickets that let a
// mail frame save through the kSuite shell.
export default defineBackground({
  type: 'module',
  main() {
    startAlerts();
    startContextMenus();
    startIssuingSaveTickets();
  },
});
