import { startReplica, type StartReplicaOptions } from '../../index.ts';

// The child side of replica-process.ts: starts a replica with the options in argv[2] and tells the parent how to
// reach it; ends when told to (SIGTERM).

const options = JSON.parse(process.argv[2] ?? '{}') as StartReplicaOptions;
const replica = await startReplica(options);
process.send?.({ port: replica.port, certPem: replica.certPem, token: replica.demo.token });
process.once('SIGTERM', () => {
  void replica.close().then(() => process.exit(0));
});
