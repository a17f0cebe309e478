import { startReplica } from './index.ts';

// Runs the replica on its own (npx tsx tests/replica/cli.ts [--port N] [--control-port N] [--adversarial]) and
// prints what a browser or a shell needs to use it. Stays up until Ctrl-C.

function numberOption(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : undefined;
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

const replica = await startReplica({
  port: numberOption('--port'),
  controlPort: numberOption('--control-port'),
  adversarial: process.argv.includes('--adversarial'),
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

Ctrl-C stops it.`);

const stop = () => {
  void replica.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
