import { startReplica, type ReplicaWithBigMailbox, type StartReplicaOptions } from '../../tests/replica/index';
import { launchWithExtension, type ExtensionBrowser } from '../../tests/e2e/support/launch';
import { snapshotOfProductionBuild, type BuildSnapshot } from './extension-build';

export const MAIL_URL = 'https://mail.infomaniak.com';

/** The toolbar our content script puts on an opened message (open shadow root, so locators reach inside). */
export const TOOLBAR = 'ksuite-companion[data-ksuite-companion="toolbar"]';

export interface BenchSession {
  replica: ReplicaWithBigMailbox;
  browser: ExtensionBrowser;
  build: BuildSnapshot;
  close(): Promise<void>;
}

/**
 * A replica of its own (nobody else's tests reset or fault it mid-measurement), loaded by `prepare` before the
 * browser starts, and Chromium with a snapshot of the production build, signed in to the demo mailbox.
 */
export async function startBenchSession(
  prepare: (replica: ReplicaWithBigMailbox) => void,
  replicaOptions: Pick<StartReplicaOptions, 'adversarial' | 'bigMailbox'> = {},
): Promise<BenchSession> {
  const build = await snapshotOfProductionBuild();
  const replica = await startReplica(replicaOptions);
  let browser: ExtensionBrowser | undefined;
  try {
    prepare(replica);
    browser = await launchWithExtension({ replica, extensionDir: build.dir });
    await browser.context.addCookies([replica.control.issueSessionCookie()]);
  } catch (error) {
    await browser?.close();
    await replica.close();
    await build.remove();
    throw error;
  }
  const opened = browser;
  return {
    replica,
    browser: opened,
    build,
    async close() {
      await opened.close();
      await replica.close();
      await build.remove();
    },
  };
}
