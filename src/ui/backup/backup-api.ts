import { KsuiteApiClient } from '../../ksuite/api-client';
import { getApiToken } from '../../settings';

/** The backup's API client: the personal token when the user set one in the options, else the kSuite session. */
export async function backupApi(): Promise<KsuiteApiClient> {
  const token = await getApiToken();
  return new KsuiteApiClient({ token: token ?? undefined });
}
