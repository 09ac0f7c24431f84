// What the HTTPS server presents, checked as a tablet checks it: a real handshake trusting only our authority.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity } from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TlsConfig } from '../config.ts';
import { DAY_MS } from './certificate-authority.ts';
import { SERVER_CERTIFICATE_LIFETIME_DAYS } from './server-certificate.ts';
import { getOverTls } from '../../../tests/support/server/tls/tls-client.ts';
import { openTlsCredentials, type KeyAndCertificate } from './tls-credentials.ts';

async function serve(credentials: KeyAndCertificate): Promise<{ url: string; server: Server }> {
  const server = createServer(credentials, (_request, response) => response.end('kakou'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { url: `https://127.0.0.1:${address.port}/`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('openTlsCredentials with our own authority', () => {
  let dataDir: string;
  let servers: Server[];
  const tlsConfig = (extraNames: string[] = []): TlsConfig => ({
    certificateFiles: null,
    extraNames,
    helperPort: null,
    authorityDir: join(dataDir, 'tls'),
  });
  const start = async (credentials: KeyAndCertificate) => {
    const served = await serve(credentials);
    servers.push(served.server);
    return served.url;
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-tls-'));
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map(close));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves a certificate a tablet trusting our authority accepts for localhost, 127.0.0.1, the host name and TLS_NAMES', async () => {
    const credentials = await openTlsCredentials(tlsConfig(['kakou.test', '10.9.8.7']), { listenHost: '0.0.0.0' });
    const ca = credentials.authorityCertificatePem ?? '';
    const url = await start(credentials.current());

    const byAddress = await getOverTls(url, { ca });
    expect(byAddress.status).toBe(200);
    expect(byAddress.body).toBe('kakou');
    for (const servername of ['localhost', hostname().toLowerCase(), 'kakou.test']) {
      expect((await getOverTls(url, { ca, servername })).status).toBe(200);
    }
    // An IP address cannot be sent as SNI; Node's own host check says whether a tablet at that address would accept it.
    expect(checkServerIdentity('10.9.8.7', byAddress.certificate)).toBeUndefined();
    await expect(getOverTls(url, { ca, servername: 'elsewhere.test' })).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });

    const certificate = new X509Certificate(credentials.current().cert);
    expect(Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)).toBeLessThanOrEqual(
      SERVER_CERTIFICATE_LIFETIME_DAYS * DAY_MS,
    );
    expect(certificate.checkIssued(new X509Certificate(ca))).toBe(true);
  });

  it('is not trusted by a client that does not trust our authority', async () => {
    const credentials = await openTlsCredentials(tlsConfig(), { listenHost: '127.0.0.1' });
    const url = await start(credentials.current());
    const stranger = await openTlsCredentials(
      { ...tlsConfig(), authorityDir: join(dataDir, 'other-tls') },
      { listenHost: '127.0.0.1' },
    );
    await expect(getOverTls(url, { ca: stranger.authorityCertificatePem ?? '' })).rejects.toThrow();
  });

  it('keeps the certificate across restarts while nothing changed, and issues a new one when TLS_NAMES changes', async () => {
    const lines: string[] = [];
    const report = (line: string) => lines.push(line);
    const first = await openTlsCredentials(tlsConfig(['kakou.test']), { listenHost: '0.0.0.0', report });
    expect(lines.filter((line) => line.includes('server certificate issued'))).toHaveLength(1);

    lines.length = 0;
    const restarted = await openTlsCredentials(tlsConfig(['kakou.test']), { listenHost: '0.0.0.0', report });
    expect(restarted.current().cert).toBe(first.current().cert);
    expect(lines).toEqual([]);
    expect(await restarted.refresh()).toBeNull();

    const renamed = await openTlsCredentials(tlsConfig(['kakou.test', 'gate-2.kakou.test']), {
      listenHost: '0.0.0.0',
      report,
    });
    expect(renamed.current().cert).not.toBe(first.current().cert);
    expect(renamed.authorityCertificatePem).toBe(first.authorityCertificatePem);
    expect(lines.join('\n')).toMatch(/names changed/u);
    const url = await start(renamed.current());
    const ca = renamed.authorityCertificatePem ?? '';
    expect((await getOverTls(url, { ca, servername: 'gate-2.kakou.test' })).status).toBe(200);
  });

  it('issues a new certificate at the start that falls within 30 days of its end, and not before', async () => {
    const realNow = Date.now();
    // Issued 370 days ago, it ends in 26 days; one issued 360 days ago has 36 days left.
    const fresh = await openTlsCredentials(tlsConfig(), {
      listenHost: '0.0.0.0',
      now: () => new Date(realNow - 360 * DAY_MS),
    });
    const notYet = await openTlsCredentials(tlsConfig(), { listenHost: '0.0.0.0', now: () => new Date(realNow) });
    expect(notYet.current().cert).toBe(fresh.current().cert);

    const elsewhere: TlsConfig = { ...tlsConfig(), authorityDir: join(dataDir, 'tls-of-last-year') };
    const old = await openTlsCredentials(elsewhere, {
      listenHost: '0.0.0.0',
      now: () => new Date(realNow - 370 * DAY_MS),
    });
    const lines: string[] = [];
    const renewed = await openTlsCredentials(elsewhere, {
      listenHost: '0.0.0.0',
      now: () => new Date(realNow),
      report: (l) => lines.push(l),
    });
    expect(renewed.current().cert).not.toBe(old.current().cert);
    expect(lines.join('\n')).toMatch(/it expires on/u);
    expect(Date.parse(new X509Certificate(renewed.current().cert).validTo)).toBeGreaterThan(realNow + 300 * DAY_MS);
    // Issued on the real clock, it passes a real handshake.
    const url = await start(renewed.current());
    expect((await getOverTls(url, { ca: renewed.authorityCertificatePem ?? '' })).status).toBe(200);
  });

  it('keeps the server key in a file of mode 0600', async () => {
    await openTlsCredentials(tlsConfig(), { listenHost: '127.0.0.1' });
    expect(statSync(join(dataDir, 'tls', 'server.pem')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dataDir, 'tls', 'server.pem'), 'utf8')).toMatch(/BEGIN PRIVATE KEY/u);
  });
});

describe("openTlsCredentials with the operator's TLS_CERT and TLS_KEY", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-tls-own-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A certificate from some other authority (the IT department's), written where TLS_CERT and TLS_KEY point. */
  async function operatorFiles(name: string): Promise<{ certFile: string; keyFile: string; ca: string }> {
    const issuer = await openTlsCredentials(
      { certificateFiles: null, extraNames: [name], helperPort: null, authorityDir: join(dataDir, `it-${name}`) },
      { listenHost: '127.0.0.1' },
    );
    const certFile = join(dataDir, `${name}.crt`);
    const keyFile = join(dataDir, `${name}.key`);
    writeFileSync(certFile, issuer.current().cert);
    writeFileSync(keyFile, issuer.current().key);
    return { certFile, keyFile, ca: issuer.authorityCertificatePem ?? '' };
  }

  it('serves the files as given, has no authority of its own, and picks up a renewed file on refresh', async () => {
    const files = await operatorFiles('kakou.example');
    const tls: TlsConfig = {
      certificateFiles: files,
      extraNames: [],
      helperPort: null,
      authorityDir: join(dataDir, 'tls'),
    };
    const credentials = await openTlsCredentials(tls, { listenHost: '0.0.0.0' });
    expect(credentials.current()).toEqual({
      cert: readFileSync(files.certFile, 'utf8'),
      key: readFileSync(files.keyFile, 'utf8'),
    });
    expect(credentials.authorityCertificatePem).toBeNull();
    expect(await credentials.refresh()).toBeNull();

    const renewed = await operatorFiles('kakou2.example');
    writeFileSync(files.certFile, readFileSync(renewed.certFile));
    writeFileSync(files.keyFile, readFileSync(renewed.keyFile));
    expect(await credentials.refresh()).toMatch(/changed/u);
    expect(credentials.current().cert).toBe(readFileSync(renewed.certFile, 'utf8'));
  });

  it("refuses at start a file it cannot read or a key that is not the certificate's, naming the setting", async () => {
    const a = await operatorFiles('a.example');
    const b = await operatorFiles('b.example');
    const tls = (certFile: string, keyFile: string): TlsConfig => ({
      certificateFiles: { certFile, keyFile },
      extraNames: [],
      helperPort: null,
      authorityDir: join(dataDir, 'tls'),
    });
    await expect(
      openTlsCredentials(tls(join(dataDir, 'missing.crt'), a.keyFile), { listenHost: '0.0.0.0' }),
    ).rejects.toThrow(/TLS_CERT .*missing\.crt cannot be read/u);
    await expect(openTlsCredentials(tls(a.certFile, b.keyFile), { listenHost: '0.0.0.0' })).rejects.toThrow(
      /TLS_CERT .* and TLS_KEY .* cannot serve HTTPS/u,
    );
  });
});
