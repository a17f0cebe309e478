import { X509Certificate, createHash } from 'node:crypto';
import { generate } from 'selfsigned';
import { REPLICA_HOSTS } from './hostnames.ts';

export interface ReplicaCertificate {
  keyPem: string;
  certPem: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, the form Chromium's --ignore-certificate-errors-spki-list wants. */
  spkiHash: string;
}

/**
 * A fresh self-signed certificate per start, kept in memory only: nothing secret lands in the repo and the SPKI
 * pin handed to Chromium trusts exactly this run's server.
 */
export async function createReplicaCertificate(): Promise<ReplicaCertificate> {
  const pems = await generate([{ name: 'commonName', value: REPLICA_HOSTS[0] }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...REPLICA_HOSTS, 'localhost'].map((value) => ({ type: 2 as const, value })),
      },
    ],
  });
  return { keyPem: pems.private, certPem: pems.cert, spkiHash: spkiSha256(pems.cert) };
}

export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
