import { buildCorpus } from '../tests/replica/corpus/index';
import { listAttachments } from '../src/mail/attachments';
import { zipEntriesForAttachments } from '../src/mail/zip-layout';
import { buildZip } from '../src/mail/zip';
const message = buildCorpus().find((m) => m.id === 'ten-attachments-2-5mb')!;
console.log('raw', message.raw.length);
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  const atts = await listAttachments(message.raw);
  const t1 = performance.now() - t; t = performance.now();
  const z = await buildZip(zipEntriesForAttachments(atts));
  console.log('list', t1.toFixed(0), 'zip', (performance.now() - t).toFixed(0), z.size);
}
