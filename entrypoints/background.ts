import { startAlerts } from '@/src/alerts';
import { startCommands } from '@/src/background/commands';
import { startContextMenus } from '@/src/background/context-menus';
import { startFirstRun } from '@/src/background/first-run';
import { startIssuingSaveTickets } from '@/src/background/save-tickets';
import { startShowingDownloads } from '@/src/background/show-downloads';

// The background only wires browser events to src/: alerts, the right-click actions, the tickets that let a mail
// frame save through the kSuite shell, "Show" after a save (the downloads page, where the browser allows it), the
// message actions' keyboard shortcuts, and the welcome page.
export default defineBackground({
  type: 'module',
  main() {
    startAlerts();
    startContextMenus();
    startIssuingSaveTickets();
    startShowingDownloads();
    startCommands();
    startFirstRun();
  },
});
