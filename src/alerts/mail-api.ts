import { KsuiteApiClient } from '../ksuite/api-client';
import { getApiToken } from '../settings';

/**
 * The API client the alerts use: the personal token when the user set one, else the browser's kSuite session.
 * `retries` is low in the background: a failed check is retried later with back-off, not hammered within one.
 */
export async function mailApi(
  options: { retries?: number } = {},
): Promise<{ api: KsuiteApiClient; withToken: boolean }> {
  const token = await getApiToken();
  return {
    api: new KsuiteApiClient({ token: token ?? undefined, retries: options.retries ?? 1, backoffMs: 1000 }),
    withToken: token !== null,
  };
}
