import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { startReplica } from '../../replica/index';
import { CHROME_BUILD } from './launch';

declare module 'vitest' {
  export interface ProvidedContext {
    replica: { hostResolverRules: string; spkiHash: string; controlUrl: string };
  }
}

/** One replica for the whole run; each test file resets it through the control interface. */
export default async function setup(project: TestProject) {
  if (!existsSync(`${CHROME_BUILD}/manifest.json`)) {
    throw new Error('No production build: run `npm run build` (or `npm test`, which builds first).');
  }
  const replica = await startReplica();
  project.provide('replica', {
    hostResolverRules: replica.hostResolverRules,
    spkiHash: replica.spkiHash,
    controlUrl: replica.controlUrl,
  });
  return () => replica.close();
}
