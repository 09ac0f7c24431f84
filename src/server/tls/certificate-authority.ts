// The server's own certificate authority: an ECDSA P-256 key and a self-signed CA certificate, created once in
// <data>/tls/authority/ and read back on every later start. Tablets trust it once; it signs the server's certificate.
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata API before it loads.
import 'reflect-metadata';
import { createPrivateKey, createPublicKey, type webcrypto } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';
import {
  ensurePrivateDirectory,
  PRIVATE_FILE_MODE,
  PRIVATE_DIR_MODE,
  PUBLIC_FILE_MODE,
  writeFileAtomically,
} from './private-files.ts';

/** ECDSA P-256 with SHA-256: accepted by every Android and iPadOS version in use, and small and fast to sign with. */
export const EC_P256_SHA256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Ten years: the authority is installed by hand on every tablet, so its end means walking to each one again. The
 * 397-day limit of iPadOS and Chrome applies to server certificates, not to an authority the user installed.
 */
export const AUTHORITY_LIFETIME_DAYS = 3650;

/** Certificates start a day early: a tablet that spent weeks offline may run some hours behind the server. */
export const CLOCK_SKEW_ALLOWANCE_MS = DAY_MS;

export const AUTHORITY_DIR_NAME = 'authority';
export const AUTHORITY_CERTIFICATE_FILE = 'ca.crt';
export const AUTHORITY_KEY_FILE = 'ca.key';

export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  certificatePem: string;
  /** Non-extractable: it signs server certificates and never leaves the key file. */
  signingKey: webcrypto.CryptoKey;
  /** The folder holding ca.crt and ca.key. */
  directory: string;
  /** True when this start created it: every tablet must trust it before it can open the app. */
  created: boolean;
}

export interface OpenAuthorityOptions {
  /** The data directory's tls/ folder. */
  tlsDir: string;
  now: Date;
  /** Shown in the authority's name, so a tablet's certificate list says which server it belongs to. */
  hostName: string;
}

function authorityName(hostName: string, now: Date): x509.JsonName {
  // Printable ASCII only: the name is shown in tablet settings, and odd bytes there help nobody.
  const host = hostName.replace(/[^A-Za-z0-9.-]/gu, '').slice(0, 40) || 'server';
  return [{ CN: [`Kakou authority ${host} ${now.toISOString().slice(0, 10)}`] }, { O: ['Kakou'] }];
}

async function createAuthorityFiles(directory: string, options: OpenAuthorityOptions): Promise<void> {
  const keys = await crypto.subtle.generateKey(EC_P256_SHA256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    name: authorityName(options.hostName, options.now),
    keys,
    signingAlgorithm: EC_P256_SHA256,
    notBefore: new Date(options.now.getTime() - CLOCK_SKEW_ALLOWANCE_MS),
    notAfter: new Date(options.now.getTime() + AUTHORITY_LIFETIME_DAYS * DAY_MS),
    extensions: [
      // pathLen 0: it signs server certificates only, never another authority.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', keys.privateKey), 'PRIVATE KEY');
  writeFileAtomically(join(directory, AUTHORITY_KEY_FILE), keyPem, PRIVATE_FILE_MODE);
  writeFileAtomically(join(directory, AUTHORITY_CERTIFICATE_FILE), certificate.toString('pem'), PUBLIC_FILE_MODE);
}

/**
 * Two processes starting at once on one data directory must end up with one authority: each builds it in a
 * private folder of its own and renames that into place; a rename onto a folder that exists fails, and the loser
 * reads the winner's.
 */
async function createAuthority(directory: string, options: OpenAuthorityOptions): Promise<boolean> {
  const staging = mkdtempSync(join(options.tlsDir, `.${AUTHORITY_DIR_NAME}-`));
  try {
    chmodSync(staging, PRIVATE_DIR_MODE);
    await createAuthorityFiles(staging, options);
    renameSync(staging, directory);
    return true;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (existsSync(join(directory, AUTHORITY_CERTIFICATE_FILE))) return false;
    throw error;
  }
}

function spkiOfPrivateKey(keyPem: string): Buffer {
  return createPublicKey(createPrivateKey(keyPem)).export({ type: 'spki', format: 'der' });
}

function readAuthorityFile(directory: string, file: string): string {
  try {
    return readFileSync(join(directory, file), 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `The certificate authority in ${directory} is incomplete (${file}: ${reason}). Restore it from a backup, or move the folder away to create a new one (every tablet must then trust the new one).`,
      { cause: error },
    );
  }
}

async function readAuthority(directory: string, now: Date, created: boolean): Promise<CertificateAuthority> {
  const certificatePem = readAuthorityFile(directory, AUTHORITY_CERTIFICATE_FILE);
  const keyPem = readAuthorityFile(directory, AUTHORITY_KEY_FILE);
  // A copy or a restore may have widened them; the key must stay the server user's alone.
  chmodSync(directory, PRIVATE_DIR_MODE);
  chmodSync(join(directory, AUTHORITY_KEY_FILE), PRIVATE_FILE_MODE);
  const certificate = new x509.X509Certificate(certificatePem);
  if (!Buffer.from(certificate.publicKey.rawData).equals(spkiOfPrivateKey(keyPem))) {
    throw new Error(
      `${AUTHORITY_KEY_FILE} in ${directory} is not the key of ${AUTHORITY_CERTIFICATE_FILE}: restore the pair from one backup.`,
    );
  }
  if (certificate.notAfter.getTime() <= now.getTime()) {
    throw new Error(
      `The certificate authority in ${directory} expired on ${certificate.notAfter.toISOString()}: move the folder away to create a new one, and have every tablet trust the new one.`,
    );
  }
  const signingKey = await crypto.subtle.importKey(
    'pkcs8',
    x509.PemConverter.decodeFirst(keyPem),
    { name: EC_P256_SHA256.name, namedCurve: EC_P256_SHA256.namedCurve },
    false,
    ['sign'],
  );
  return { certificate, certificatePem: certificate.toString('pem'), signingKey, directory, created };
}

/** The authority in `<tlsDir>/authority/`, created there on the first start. */
export async function openCertificateAuthority(options: OpenAuthorityOptions): Promise<CertificateAuthority> {
  ensurePrivateDirectory(options.tlsDir);
  const directory = join(options.tlsDir, AUTHORITY_DIR_NAME);
  const created = existsSync(directory) ? false : await createAuthority(directory, options);
  return readAuthority(directory, options.now, created);
}
