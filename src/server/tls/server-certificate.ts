// The server's TLS certificate, signed by our authority for the machine's names: issued, stored in
// <data>/tls/server.pem (certificate and key, mode 0600), and judged on every check whether to issue it again.
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata API before it loads.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import * as x509 from '@peculiar/x509';
import { CLOCK_SKEW_ALLOWANCE_MS, DAY_MS, EC_P256_SHA256, type CertificateAuthority } from './certificate-authority.ts';
import { canonicalName } from '../machine-addresses.ts';
import { sameNames, type CertificateNames } from './machine-names.ts';
import { PRIVATE_FILE_MODE, writeFileAtomically } from './private-files.ts';

/** iPadOS and Chrome refuse a server certificate valid for longer (from notBefore to notAfter). */
export const SERVER_CERTIFICATE_LIFETIME_DAYS = 397;
/** Issued again this long before it ends, so a server that was off for a while still renews in time. */
export const RENEW_BEFORE_EXPIRY_DAYS = 30;

export const SERVER_CERTIFICATE_FILE = 'server.pem';

export interface ServerCertificate {
  certificatePem: string;
  keyPem: string;
  notBefore: Date;
  notAfter: Date;
  names: CertificateNames;
}

function namesOf(certificate: x509.X509Certificate): CertificateNames {
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  const items = san?.names.items ?? [];
  return {
    dnsNames: items
      .filter((item) => item.type === 'dns')
      .map((item) => canonicalName(item.value))
      .sort(),
    ipAddresses: items
      .filter((item) => item.type === 'ip')
      .map((item) => canonicalName(item.value))
      .sort(),
  };
}

export async function issueServerCertificate(
  authority: CertificateAuthority,
  names: CertificateNames,
  now: Date,
): Promise<ServerCertificate> {
  const keys = await crypto.subtle.generateKey(EC_P256_SHA256, true, ['sign', 'verify']);
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_ALLOWANCE_MS);
  // Never past the authority's own end: a chain is only as long-lived as its root.
  const notAfter = new Date(
    Math.min(notBefore.getTime() + SERVER_CERTIFICATE_LIFETIME_DAYS * DAY_MS, authority.certificate.notAfter.getTime()),
  );
  const certificate = await x509.X509CertificateGenerator.create({
    // Browsers read only the alternative names; the common name is for people reading the certificate.
    subject: [{ CN: [names.dnsNames.find((name) => name !== 'localhost') ?? 'localhost'] }, { O: ['Kakou'] }],
    issuer: authority.certificate.subjectName,
    publicKey: keys.publicKey,
    signingKey: authority.signingKey,
    signingAlgorithm: EC_P256_SHA256,
    notBefore,
    notAfter,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      // iPadOS requires serverAuth in a TLS server certificate.
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...names.dnsNames.map((value) => ({ type: 'dns' as const, value })),
        ...names.ipAddresses.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(authority.certificate.publicKey),
    ],
  });
  const keyPem = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  return { certificatePem: certificate.toString('pem'), keyPem, notBefore, notAfter, names: namesOf(certificate) };
}

/** Why the stored certificate must be issued again, in words for the log; null when it serves as it is. */
export async function reissueReason(
  stored: ServerCertificate | null,
  authority: CertificateAuthority,
  names: CertificateNames,
  now: Date,
): Promise<string | null> {
  if (stored === null) return 'there is none yet';
  const certificate = new x509.X509Certificate(stored.certificatePem);
  const signedByAuthority =
    certificate.issuer === authority.certificate.subject &&
    (await certificate.verify({ publicKey: authority.certificate.publicKey, signatureOnly: true }));
  if (!signedByAuthority) return 'it was signed by another authority';
  if (!sameNames(stored.names, names)) return "the machine's names changed";
  if (now.getTime() < stored.notBefore.getTime()) return 'it is not valid yet (the clock went back)';
  const renewFromMs = stored.notAfter.getTime() - RENEW_BEFORE_EXPIRY_DAYS * DAY_MS;
  if (now.getTime() >= renewFromMs) return `it expires on ${stored.notAfter.toISOString().slice(0, 10)}`;
  return null;
}

/** The stored certificate, or null when there is none or it cannot be read (then a new one is issued). */
export function readServerCertificate(file: string): ServerCertificate | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No file yet: the first start with this authority.
    return null;
  }
  try {
    const blocks = x509.PemConverter.decodeWithHeaders(text);
    const certificateBlock = blocks.find((block) => block.type === 'CERTIFICATE');
    const keyBlock = blocks.find((block) => block.type === 'PRIVATE KEY');
    if (certificateBlock === undefined || keyBlock === undefined) return null;
    const certificate = new x509.X509Certificate(certificateBlock.rawData);
    return {
      certificatePem: certificate.toString('pem'),
      keyPem: x509.PemConverter.encode(keyBlock.rawData, 'PRIVATE KEY'),
      notBefore: certificate.notBefore,
      notAfter: certificate.notAfter,
      names: namesOf(certificate),
    };
  } catch {
    // A damaged file is replaced by a fresh certificate rather than stopping the checkpoint's server.
    return null;
  }
}

/** Certificate and key in one file, so a reader never pairs one certificate with another's key. */
export function writeServerCertificate(file: string, certificate: ServerCertificate): void {
  writeFileAtomically(file, `${certificate.certificatePem}\n${certificate.keyPem}\n`, PRIVATE_FILE_MODE);
}
