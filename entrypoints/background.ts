import { startAlerts } from '@/src/alerts';
import { startContextMenus } from '@/src/background/context-menus';

// The background only wires browser events to src/: alerts, and the right-click actions.
export default defineBackground({
  type: 'module',
  main() {
    startAlerts();
    startContextMenus();
  },
});
