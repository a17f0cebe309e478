// The background's entry into the alerts; the webmail content script uses in-page.ts instead.
export { startAlerts } from './start-alerts';
