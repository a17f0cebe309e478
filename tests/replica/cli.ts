import { startReplica } from './index.ts';

// Runs the replica on its own (npx tsx tests/replica/cli.ts [--port N] [--control-port N] [--adversarial]
// [--big-mailbox [--big-messages N] [--big-bytes 3G] [--big-seed S]]) and prints what a browser or a shell needs to
// use it. Stays up until Ctrl-C.

function numberOption(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** A byte count as 3G, 500M, 20K or plain bytes. */
function bytesOption(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  const match = index >= 0 ? /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(process.argv[index + 1] ?? '') : null;
  if (!match) return undefined;
  const unit = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 }[match[2]!.toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.round(Number(match[1]) * unit);
}

const big = ['--big-mailbox', '--big-messages', '--big-bytes', '--big-seed'].some((flag) =>
  process.argv.includes(flag),
);

const replica = await startReplica({
  port: numberOption('--port'),
  controlPort: numberOption('--control-port'),
  adversarial: process.argv.includes('--adversarial'),
  bigMailbox: big
    ? {
        messages: numberOption('--big-messages') ?? 30_000,
        totalBytes: bytesOption('--big-bytes') ?? 3 * 2 ** 30,
        seed: numberOption('--big-seed') ?? 1,
      }
    : undefined,
});

console.log(`kSuite Mail replica on 127.0.0.1:${replica.port}

Chromium flags:
  --host-resolver-rules="${replica.hostResolverRules}"
  --ignore-certificate-errors-spki-list=${replica.spkiHash}

Webmail:      ${replica.origins.ksuite}/all/mail/0   (or ${replica.origins.mail}/0)
Sign in:      ${replica.demo.email} / ${replica.demo.password}
API token:    Authorization: Bearer ${replica.demo.token}
${replica.accounts
  .slice(1)
  .map((other) => `Other account: ${other.email} / ${other.password}, token ${other.token}\n`)
  .join('')}Control API:  ${replica.controlUrl}   (GET / lists the operations)
${
  replica.bigMailbox
    ? `Big mailbox:  ${replica.bigMailbox.email}, ${replica.bigMailbox.messages} messages, seed ${replica.bigMailbox.seed}\n`
    : ''
}
Ctrl-C stops it.`);

const stop = () => {
  void replica.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
