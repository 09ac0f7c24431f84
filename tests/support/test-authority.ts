// A certificate authority made in the test, as a checkpoint server makes its own: an ECDSA P-256 root, and server
// certificates it issues for the names a tablet uses (kakou.test). Built with @peculiar/x509 on Node's Web Crypto.
// First, before @peculiar/x509 loads: its dependency injection refuses to load without Reflect metadata.
import 'reflect-metadata';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from '@peculiar/x509';
import type { JsonGeneralName, X509Certificate } from '@peculiar/x509';

const KEY_ALGORITHM: EcKeyGenParams & EcdsaParams = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const DAY_MS = 24 * 60 * 60 * 1000;
/** Backdated a little: the browser and this process read the same clock, but a certificate valid "from now" is fragile. */
const NOT_BEFORE_SLACK_MS = 60 * 60 * 1000;
const AUTHORITY_LIFETIME_DAYS = 30;
/** Well under the 397 days a browser accepts for a server certificate. */
const SERVER_LIFETIME_DAYS = 30;

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

function validity(lifetimeDays: number): { notBefore: Date; notAfter: Date } {
  const now = Date.now();
  return { notBefore: new Date(now - NOT_BEFORE_SLACK_MS), notAfter: new Date(now + lifetimeDays * DAY_MS) };
}

function generateKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(KEY_ALGORITHM, true, ['sign', 'verify']);
}

const IP_ADDRESS_PATTERN = /^(\d{1,3}(\.\d{1,3}){3}|[\da-f:]*:[\da-f:]*)$/iu;

export async function createTestAuthority(commonName = 'Kakou test authority'): Promise<TestAuthority> {
  const caKeys = await generateKeys();
  const caCertificate: X509Certificate = await X509CertificateGenerator.createSelfSigned(
    {
      name: `CN=${commonName}`,
      keys: caKeys,
      signingAlgorithm: KEY_ALGORITHM,
      ...validity(AUTHORITY_LIFETIME_DAYS),
      extensions: [
        new BasicConstraintsExtension(true, 0, true),
        new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign, true),
        await SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );

  return {
    caPem: caCertificate.toString('pem'),
    async issueServerCertificate(names) {
      const first = names[0];
      if (first === undefined) throw new Error('a server certificate needs at least one name');
      const keys = await generateKeys();
      const certificate = await X509CertificateGenerator.create(
        {
          subject: `CN=${first}`,
          issuer: caCertificate.subject,
          publicKey: keys.publicKey,
          signingKey: caKeys.privateKey,
          signingAlgorithm: KEY_ALGORITHM,
          ...validity(SERVER_LIFETIME_DAYS),
          extensions: [
            new BasicConstraintsExtension(false, undefined, true),
            new KeyUsagesExtension(KeyUsageFlags.digitalSignature, true),
            new ExtendedKeyUsageExtension([ExtendedKeyUsage.serverAuth]),
            new SubjectAlternativeNameExtension(names.map((name): JsonGeneralName => ({ type: IP_ADDRESS_PATTERN.test(name) ? 'ip' : 'dns', value: name }))),
            await AuthorityKeyIdentifierExtension.create(caCertificate, false, crypto),
            await SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
          ],
        },
        crypto,
      );
      const pkcs8 = await crypto.subtle.exportKey('pkcs8', keys.privateKey);
      return { certPem: certificate.toString('pem'), keyPem: PemConverter.encode(pkcs8, 'PRIVATE KEY') };
    },
  };
}
