// A certificate authority made in the test exactly as a checkpoint server makes its own (src/server/tls/: an ECDSA
// P-256 root in a private folder, and server certificates it issues), for a test server at the names a tablet uses.
import { mkdtempSync } from 'node:fs';
import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCertificateAuthority } from '../../src/server/tls/certificate-authority.ts';
import { issueServerCertificate } from '../../src/server/tls/server-certificate.ts';

export interface ServerCertificate {
  /** PEM, for node:https `cert`. */
  readonly certPem: string;
  /** PKCS #8 PEM, for node:https `key`. */
  readonly keyPem: string;
}

export interface TestAuthority {
  /** The root certificate, PEM: what a tablet installs and trusts. */
  readonly caPem: string;
  /** A server certificate for these DNS names (and IP addresses, written as such), issued by this authority. */
  issueServerCertificate(names: readonly string[]): Promise<ServerCertificate>;
}

export async function createTestAuthority(): Promise<TestAuthority> {
  const authority = await openCertificateAuthority({
    tlsDir: join(mkdtempSync(join(tmpdir(), 'kakou-test-authority-')), 'tls'),
    now: new Date(),
    hostName: 'kakou-test',
  });
  return {
    caPem: authority.certificatePem,
    async issueServerCertificate(names) {
      if (names.length === 0) throw new Error('a server certificate needs at least one name');
      const issued = await issueServerCertificate(
        authority,
        { dnsNames: names.filter((name) => isIP(name) === 0), ipAddresses: names.filter((name) => isIP(name) !== 0) },
        new Date(),
      );
      return { certPem: issued.certificatePem, keyPem: issued.keyPem };
    },
  };
}
