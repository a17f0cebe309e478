// The public hostnames the replica answers for. Chromium maps them to the replica with --host-resolver-rules,
// so pages, cookies and CORS see exactly the origins they would see on the real site.
export const MAIL_HOST = 'mail.infomaniak.com';
export const KSUITE_HOST = 'ksuite.infomaniak.com';
export const LOGIN_HOST = 'login.infomaniak.com';

export const REPLICA_HOSTS = [MAIL_HOST, KSUITE_HOST, LOGIN_HOST] as const;
export type ReplicaHost = (typeof REPLICA_HOSTS)[number];

export const MAIL_ORIGIN = `https://${MAIL_HOST}`;
export const KSUITE_ORIGIN = `https://${KSUITE_HOST}`;
export const LOGIN_ORIGIN = `https://${LOGIN_HOST}`;

/** Parent domain of the session cookie: one sign-in covers every Infomaniak host. */
export const COOKIE_DOMAIN = '.infomaniak.com';

/** Host header without its port; tests connect to 127.0.0.1:PORT while browsers send the bare name. */
export function hostnameOf(hostHeader: string | undefined): string {
  if (!hostHeader) return '';
  return hostHeader.replace(/:\d+$/, '').toLowerCase();
}

export function isReplicaHost(hostname: string): hostname is ReplicaHost {
  return (REPLICA_HOSTS as readonly string[]).includes(hostname);
}

/** True for https URLs on infomaniak.com or any subdomain: the only places sign-in may send the user back to. */
export function isInfomaniakHttpsUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return url.hostname === 'infomaniak.com' || url.hostname.endsWith('.infomaniak.com');
}
