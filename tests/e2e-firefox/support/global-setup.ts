import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startReplica } from '../../replica/index';
import { FIREFOX_BUILD } from './launch-firefox';
import { startReplicaProxy } from './replica-proxy';

declare module 'vitest' {
  export interface ProvidedContext {
    firefoxReplica: {
      /** Port of the loopback proxy that tunnels the Infomaniak hostnames to the replica (see replica-proxy.ts). */
      proxyPort: number;
      controlUrl: string;
      demo: { email: string; password: string };
    };
  }
}

/** One replica and one proxy for the whole Firefox run; each test file resets the replica. */
export default async function setup(project: TestProject) {
  if (!existsSync(`${FIREFOX_BUILD}/manifest.json`)) {
    throw new Error('No Firefox build: run `npx wxt build -b firefox` (or `npm test`, which builds first).');
  }
  const replica = await startReplica();
  const proxy = await startReplicaProxy({ hosts: Object.values(replica.hosts), replicaPort: replica.port });
  project.provide('firefoxReplica', {
    proxyPort: proxy.port,
    controlUrl: replica.controlUrl,
    demo: { email: replica.demo.email, password: replica.demo.password },
  });
  return async () => {
    await proxy.close();
    await replica.close();
  };
}
