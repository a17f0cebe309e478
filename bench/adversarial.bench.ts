/**
 * Hostile mail against the in-page actions (issue 13): the production build in Debian's Chromium, against a replica
 * of its own that also serves its `Adversarial` folder (tests/replica/corpus/adversarial.ts): 4,000 attachments all
 * named a.pdf, 16 MB of blank lines before one PDF, 200,000 empty MIME parts before one PDF, each beside an ordinary
 * message of the same size. Rows and goals: see support/adversarial-cost.ts.
 *
 * A file of its own (`npm run bench -- adversarial`): it takes minutes, mostly the webmail laying out the 16 MB text
 * bodies every time a round opens them.
 */
import type { BenchResult } from './types';
import { measureAdversarialMail } from './support/adversarial-cost';
import { startBenchSession } from './support/bench-session';

export default async function adversarialBench(): Promise<BenchResult[]> {
  const session = await startBenchSession(() => undefined, { adversarial: true });
  try {
    console.log(
      `adversarial bench: production build of ${session.build.builtAt.toISOString()} (npm run build to refresh)`,
    );
    return await measureAdversarialMail(session);
  } finally {
    await session.close();
  }
}
