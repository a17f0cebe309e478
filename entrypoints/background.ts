// The background wires browser events to src/; alerts and right-click actions arrive with their features.
export default defineBackground({
  type: 'module',
  main() {},
});
