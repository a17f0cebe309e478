import { startContextMenus } from '@/src/features/context-menus';

// The background only wires browser events to src/: the right-click actions.
export default defineBackground({
  type: 'module',
  main() {
    startContextMenus();
  },
});
