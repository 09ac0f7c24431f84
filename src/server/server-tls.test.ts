// The server as a checkpoint runs it on its network: HTTPS from its own authority (or the operator's certificate),
// the plain-HTTP guide beside it, and a start message that names the https:// addresses tablets use.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import qrcode from 'qrcode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { tabletHosts } from './machine-addresses.ts';
import { startServer, type RunningServer } from './server.ts';
import { getOverTls, getPlain } from '../../tests/support/server/tls/tls-client.ts';
import { openTlsCredentials } from './tls/tls-credentials.ts';

describe('startServer with TLS', () => {
  let dataDir: string;
  let running: RunningServer | undefined;
  let printed: string[];
  const print = (line: string) => printed.push(line);
  const env = (more: Record<string, string>) => ({
    KAKOU_DB: join(dataDir, 'kakou.sqlite'),
    KAKOU_DIST: '',
    LOG_LEVEL: 'silent',
    PORT: '0',
    HTTP_PORT: '0',
    ...more,
  });
  const portOf = (url: string) => new URL(url).port;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-server-tls-'));
    printed = [];
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the app over HTTPS that a tablet trusting the downloaded authority accepts, with the guide on plain HTTP', async () => {
    running = await startServer(readConfig(env({ HOST: '127.0.0.1', KAKOU_TLS: 'on' })), print);
    expect(running.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/u);
    const guideUrl = running.guideUrl ?? '';
    expect(guideUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/u);

    // What a tablet does: download the authority over plain HTTP, trust it, then open the app over HTTPS.
    const fromHelper = await getPlain(`${guideUrl}ca.crt`);
    expect(fromHelper.status).toBe(200);
    const ca = fromHelper.body;
    const fromApp = await getOverTls(`${running.url}/ca.crt`, { ca });
    expect(fromApp.status).toBe(200);
    expect(fromApp.headers['content-type']).toMatch(/^application\/x-pem-file/u);
    expect(fromApp.body).toBe(ca);
    // No HSTS beside the guide: a browser would then upgrade http://<name>:HTTP_PORT to HTTPS and never reach it.
    expect(fromApp.headers['strict-transport-security']).toBeUndefined();
    const health = await getOverTls(`${running.url}/api/v1/health`, { ca, servername: 'localhost' });
    expect(health.status).toBe(200);

    const guide = await getPlain(guideUrl);
    expect(guide.body).toContain(`href="${running.url}/"`);
    const redirect = await getPlain(`${guideUrl}api/v1/health?probe=1`);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.location).toBe(`${running.url}/api/v1/health?probe=1`);

    expect(printed.join('\n')).toContain(`open ${guideUrl} on the tablet`);
    expect(printed.join('\n')).toMatch(/Certificate authority SHA-256: [0-9A-F:]{95}/u);
  });

  it('names the LAN https:// addresses, never loopback, when it listens on every address; the enrollment QR holds the first', async () => {
    running = await startServer(readConfig(env({ HOST: '0.0.0.0' })), print);
    const port = portOf(running.url);
    const lan = tabletHosts('0.0.0.0');
    const code = /enrollment code: ([A-Z0-9-]+)/u.exec(printed.join('\n'))?.[1] ?? '';
    expect(code).not.toBe('');
    const qr = await qrcode.toString(JSON.stringify({ server: running.url, code }), { type: 'terminal', small: true });
    expect(printed).toContain(qr);
    if (lan.length === 0) {
      // A machine with no network at all: the server says so rather than pretend.
      expect(printed.join('\n')).toMatch(/No network address found/u);
      return;
    }
    expect(running.urls).toEqual(lan.map((host) => `https://${host}:${port}`));
    expect(printed.join('\n')).not.toMatch(/https?:\/\/(127\.|localhost|\[::1\])/u);
    // The certificate names the LAN address itself: the handshake a tablet on the network makes.
    const ca = (await getPlain(`${running.guideUrl ?? ''}ca.crt`)).body;
    expect((await getOverTls(`${running.url}/api/v1/health`, { ca })).status).toBe(200);
  });

  it("serves the operator's TLS_CERT and TLS_KEY as given, with no authority of its own", async () => {
    const issuer = await openTlsCredentials(
      {
        certificateFiles: null,
        extraNames: ['kakou.example'],
        helperPort: null,
        authorityDir: join(dataDir, 'it-department'),
      },
      { listenHost: '127.0.0.1' },
    );
    const certFile = join(dataDir, 'kakou.example.crt');
    const keyFile = join(dataDir, 'kakou.example.key');
    writeFileSync(certFile, issuer.current().cert);
    writeFileSync(keyFile, issuer.current().key);
    const ca = issuer.authorityCertificatePem ?? '';

    running = await startServer(
      readConfig(env({ HOST: '127.0.0.1', KAKOU_TLS: 'on', TLS_CERT: certFile, TLS_KEY: keyFile })),
      print,
    );
    const health = await getOverTls(`${running.url}/api/v1/health`, { ca, servername: 'kakou.example' });
    expect(health.status).toBe(200);
    expect(health.certificate.fingerprint256).toBe(new X509Certificate(issuer.current().cert).fingerprint256);

    const fromApp = await getOverTls(`${running.url}/ca.crt`, { ca });
    expect(fromApp.status).toBe(404);
    expect(fromApp.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect((await getPlain(`${running.guideUrl ?? ''}ca.crt`)).status).toBe(404);
    expect(existsSync(join(dataDir, 'tls'))).toBe(false);
  });

  it('closes a connection that never starts its TLS handshake, so silent sockets cannot fill the connection cap', async () => {
    running = await startServer(readConfig(env({ HOST: '127.0.0.1', KAKOU_TLS: 'on', HTTP_PORT: 'off' })), print);
    const socket = connect({ host: '127.0.0.1', port: Number(portOf(running.url)) });
    await once(socket, 'connect');
    // Nothing is sent. Node's default would hold the socket 120 s, past this test's time-out; the server lets a
    // handshake take as long as headers may (HEADERS_TIMEOUT_MS) and then closes it.
    await once(socket, 'close');
    expect(socket.bytesWritten).toBe(0);
  }, 60_000);

  it('asks browsers for HTTPS only (HSTS) when no plain-HTTP guide runs beside it', async () => {
    running = await startServer(readConfig(env({ HOST: '127.0.0.1', KAKOU_TLS: 'on', HTTP_PORT: 'off' })), print);
    expect(running.guideUrl).toBeNull();
    const ca = readFileSync(join(dataDir, 'tls', 'authority', 'ca.crt'), 'utf8');
    const health = await getOverTls(`${running.url}/api/v1/health`, { ca, servername: 'localhost' });
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/u);
  });

  it('stays plain HTTP on loopback by default, where /ca.crt is a 404 problem', async () => {
    running = await startServer(readConfig(env({})), print);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/u);
    expect(running.guideUrl).toBeNull();
    expect((await getPlain(`${running.url}/ca.crt`)).status).toBe(404);
  });

  it('refuses to start when TLS_CERT cannot be read, saying so', async () => {
    const missing = join(dataDir, 'missing.crt');
    await expect(
      startServer(readConfig(env({ KAKOU_TLS: 'on', TLS_CERT: missing, TLS_KEY: missing })), print),
    ).rejects.toThrow(/TLS_CERT .*missing\.crt cannot be read/u);
  });
});
