// What the HTTPS server presents: the operator's TLS_CERT/TLS_KEY, or a certificate from our own authority kept
// current for the machine's names. Checked at start and again on refresh(); the caller swaps the live context.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { TlsConfig } from '../config.ts';
import type { Interfaces } from '../machine-addresses.ts';
import { openCertificateAuthority, type CertificateAuthority } from './certificate-authority.ts';
import { certificateNames, describeNames } from './machine-names.ts';
import {
  issueServerCertificate,
  readServerCertificate,
  reissueReason,
  SERVER_CERTIFICATE_FILE,
  writeServerCertificate,
} from './server-certificate.ts';

export interface KeyAndCertificate {
  key: string;
  cert: string;
}

export interface TlsCredentials {
  /** What to serve now. */
  current(): KeyAndCertificate;
  /** Our authority's certificate (PEM) for tablets to trust; null when the operator's certificate is served. */
  authorityCertificatePem: string | null;
  /** SHA-256 of the authority's certificate as iPadOS shows it (colon-separated hex), to compare on a tablet. */
  authorityFingerprint: string | null;
  /** Checks again (the machine's names, the expiry, the operator's files): what changed in words, or null. */
  refresh(): Promise<string | null>;
}

export interface TlsCredentialsOptions {
  /** HOST: named in the certificate when it is one address or name. */
  listenHost: string;
  now?: () => Date;
  /** The machine as it is at each check (addresses come and go with Wi-Fi); the real one by default. */
  machine?: () => { hostName: string; interfaces: Interfaces };
  /** Told what happened at start (authority created, certificate issued), in words for the operator. */
  report?: (line: string) => void;
}

const realMachine = () => ({ hostName: hostname(), interfaces: networkInterfaces() });

export function pemFingerprint(certificatePem: string): string {
  const der = Buffer.from(certificatePem.replace(/-----[^-]+-----|\s/gu, ''), 'base64');
  return (createHash('sha256').update(der).digest('hex').toUpperCase().match(/../gu) ?? []).join(':');
}

function readOperatorFiles(files: NonNullable<TlsConfig['certificateFiles']>): KeyAndCertificate {
  const read = (variable: string, path: string): string => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      throw new Error(`${variable} ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
  };
  const pair = { cert: read('TLS_CERT', files.certFile), key: read('TLS_KEY', files.keyFile) };
  try {
    // Node checks that the key is the certificate's; a mismatch is caught here rather than at the first tablet.
    createSecureContext(pair);
  } catch (error) {
    throw new Error(
      `TLS_CERT ${files.certFile} and TLS_KEY ${files.keyFile} cannot serve HTTPS: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  return pair;
}

/** The operator's files, read again on refresh so a renewed certificate (certbot, an IT department) is picked up. */
function operatorCredentials(files: NonNullable<TlsConfig['certificateFiles']>): TlsCredentials {
  let served = readOperatorFiles(files);
  return {
    current: () => served,
    authorityCertificatePem: null,
    authorityFingerprint: null,
    refresh: () => {
      const next = readOperatorFiles(files);
      if (next.cert === served.cert && next.key === served.key) return Promise.resolve(null);
      served = next;
      return Promise.resolve(`${files.certFile} changed`);
    },
  };
}

async function ownAuthorityCredentials(tls: TlsConfig, options: TlsCredentialsOptions): Promise<TlsCredentials> {
  const now = options.now ?? (() => new Date());
  const machine = options.machine ?? realMachine;
  const report = options.report ?? (() => undefined);
  const authority: CertificateAuthority = await openCertificateAuthority({
    tlsDir: tls.authorityDir,
    now: now(),
    hostName: machine().hostName,
  });
  const authorityFingerprint = pemFingerprint(authority.certificatePem);
  if (authority.created) {
    report(
      `Created this server's certificate authority in ${authority.directory} (SHA-256 ${authorityFingerprint}); every tablet trusts it once.`,
    );
  }
  const file = join(tls.authorityDir, SERVER_CERTIFICATE_FILE);
  let served = readServerCertificate(file);

  const check = async (): Promise<string | null> => {
    const { hostName, interfaces } = machine();
    const names = certificateNames({
      extraNames: tls.extraNames,
      listenHost: options.listenHost,
      hostName,
      interfaces,
    });
    const at = now();
    const reason = await reissueReason(served, authority, names, at);
    if (reason === null) return null;
    const issued = await issueServerCertificate(authority, names, at);
    writeServerCertificate(file, issued);
    served = issued;
    return `server certificate issued (${reason}) for ${describeNames(names)}, valid until ${issued.notAfter.toISOString().slice(0, 10)}`;
  };

  const atStart = await check();
  if (atStart !== null) report(`TLS: ${atStart}`);
  return {
    current: () => {
      // check() has run once above, so there is always a certificate here.
      if (served === null) throw new Error('no server certificate');
      return { key: served.keyPem, cert: served.certificatePem };
    },
    authorityCertificatePem: authority.certificatePem,
    authorityFingerprint,
    refresh: check,
  };
}

/** Throws a readable Error when the server cannot serve HTTPS (an unreadable file, a key that is not the certificate's). */
export async function openTlsCredentials(tls: TlsConfig, options: TlsCredentialsOptions): Promise<TlsCredentials> {
  if (tls.certificateFiles !== null) return operatorCredentials(tls.certificateFiles);
  return ownAuthorityCredentials(tls, options);
}
