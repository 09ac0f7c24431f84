// The plain-HTTP side, over real sockets: the trust guide, the authority's download, and redirects to HTTPS that a
// hostile Host header cannot bend.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import qrcode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getPlain } from '../../../tests/support/server/tls/tls-client.ts';
import { openTlsCredentials, type TlsCredentials } from '../tls/tls-credentials.ts';
import { buildHttpHelper, locationPath } from './http-helper-server.ts';

const HTTPS_PORT = 8443;
const LAN_ADDRESS = '192.168.43.10';

/** Bytes on the wire exactly as given, for what Node's own client refuses to send. */
function rawRequest(port: number, head: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(head));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('the plain-HTTP helper', () => {
  let dataDir: string;
  let credentials: TlsCredentials;
  let helper: FastifyInstance;
  let base: string;
  let port: number;

  const startHelper = async (authority: boolean) => {
    helper = await buildHttpHelper({
      httpsPort: HTTPS_PORT,
      authorityCertificatePem: authority ? credentials.authorityCertificatePem : null,
      authorityFingerprint: authority ? credentials.authorityFingerprint : null,
      fallbackHost: LAN_ADDRESS,
    });
    await helper.listen({ host: '127.0.0.1', port: 0 });
    const address = helper.server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    port = address.port;
    base = `http://127.0.0.1:${port}`;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-helper-'));
    credentials = await openTlsCredentials(
      { certificateFiles: null, extraNames: [], helperPort: 0, authorityDir: join(dataDir, 'tls') },
      { listenHost: '0.0.0.0' },
    );
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(async () => {
    await helper.close();
  });

  it('shows the guide in Chinese and English with a QR code of the download, the steps and the https link', async () => {
    await startHelper(true);
    const page = await getPlain(`${base}/`, { host: `${LAN_ADDRESS}:8080` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const downloadUrl = `http://${LAN_ADDRESS}:8080/ca.crt`;
    // Chinese first, English beside it: Android's and the iPad's steps.
    expect(page.body).toMatch(/lang="zh-CN"/u);
    expect(page.body.indexOf('安装证书')).toBeLessThan(page.body.indexOf('Install a certificate'));
    for (const text of [
      '加密与凭据',
      'Encryption &amp; credentials',
      'CA 证书',
      'wording varies by maker',
      '证书信任设置',
      'Certificate Trust Settings',
      'Profile Downloaded',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).toContain(
      await qrcode.toString(downloadUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    );
    expect(page.body).toContain(`href="${downloadUrl}"`);
    expect(page.body).toContain(`href="https://${LAN_ADDRESS}:${HTTPS_PORT}/"`);
    expect(page.body).toContain(credentials.authorityFingerprint ?? 'no fingerprint');
    expect(page.body).not.toMatch(/<script/iu);

    // No script runs, nothing loads; the one style block is allowed by its hash.
    const policy = page.headers['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'none'");
    const style = /<style>([\s\S]*?)<\/style>/u.exec(page.body)?.[1] ?? '';
    expect(policy).toContain(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
  });

  it('serves the authority at /ca.crt as PEM', async () => {
    await startHelper(true);
    const download = await getPlain(`${base}/ca.crt`);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/x-pem-file/u);
    expect(download.body).toBe(credentials.authorityCertificatePem);
  });

  it('sends every other request to the same path and query on HTTPS with a 308', async () => {
    await startHelper(true);
    const page = await getPlain(`${base}/checks/42?date=2026-12-04&team=A`, { host: `${LAN_ADDRESS}:8080` });
    expect(page.status).toBe(308);
    expect(page.headers.location).toBe(`https://${LAN_ADDRESS}:${HTTPS_PORT}/checks/42?date=2026-12-04&team=A`);
    // A browser would otherwise keep sending the tablet to this port after the operator changes it.
    expect(page.headers['cache-control']).toBe('no-store');
    const batch = await getPlain(`${base}/api/v1/vehicle-checks/batch`, { host: 'kakou.lan' }, 'POST');
    expect(batch.status).toBe(308);
    expect(batch.headers.location).toBe(`https://kakou.lan:${HTTPS_PORT}/api/v1/vehicle-checks/batch`);
    const v6 = await getPlain(`${base}/report?x=1`, { host: '[FD00::2]:8080' });
    expect(v6.headers.location).toBe(`https://[fd00::2]:${HTTPS_PORT}/report?x=1`);
  });

  it('answers a URL whose %-escapes do not decode with a 400 problem carrying its security headers', async () => {
    await startHelper(true);
    const bad = await getPlain(`${base}/api/v1/%E0%A4%A`, { host: 'kakou.lan' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/u);
    expect(bad.headers['content-security-policy']).toContain("default-src 'none'");
    expect(bad.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets no hostile Host header into the page or the redirect', async () => {
    await startHelper(true);
    for (const host of [
      'evil.test"><script>alert(1)</script>',
      'kakou.lan@evil.test',
      'evil.test/x',
      'kakou.lan:8080:99',
      '[::1',
      'a b',
      'kakou\u00e9.lan',
      'kakou.lan:0',
      'kakou.lan:99999',
    ]) {
      const page = await getPlain(`${base}/`, { host });
      expect(page.status, host).toBe(200);
      expect(page.body).not.toContain('<script');
      expect(page.body).not.toContain('evil.test');
      expect(page.body).toContain(`href="https://${LAN_ADDRESS}:${HTTPS_PORT}/"`);
      expect(page.body).toContain(`href="http://${LAN_ADDRESS}:${port}/ca.crt"`);
      const redirect = await getPlain(`${base}/report?date=1`, { host });
      expect(redirect.headers.location).toBe(`https://${LAN_ADDRESS}:${HTTPS_PORT}/report?date=1`);
    }
  });

  it('falls back to the LAN address when a request names no host at all', async () => {
    await startHelper(true);
    const answer = await rawRequest(port, Buffer.from('GET /settings?x=1 HTTP/1.0\r\n\r\n'));
    expect(answer).toMatch(/^HTTP\/1\.1 308/u);
    expect(answer).toContain(`location: https://${LAN_ADDRESS}:${HTTPS_PORT}/settings?x=1\r\n`);
  });

  it("with the operator's certificate: nothing to install, and /ca.crt is a 404 problem", async () => {
    await startHelper(false);
    const page = await getPlain(`${base}/`, { host: 'kakou.example' });
    expect(page.body).toContain('无需安装');
    expect(page.body).not.toContain('<svg');
    expect(page.body).toContain(`href="https://kakou.example:${HTTPS_PORT}/"`);
    const download = await getPlain(`${base}/ca.crt`);
    expect(download.status).toBe(404);
    expect(download.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });
});

describe('locationPath', () => {
  it('keeps a path and query as sent, percent-encodes every byte beyond printable ASCII, and turns a non-path into /', () => {
    expect(locationPath('/checks/42?date=2026-12-04')).toBe('/checks/42?date=2026-12-04');
    // Node hands the request line over as latin1: these are the two UTF-8 bytes of "é" and a space.
    expect(locationPath('/caf\u00c3\u00a9 x')).toBe('/caf%C3%A9%20x');
    expect(locationPath('*')).toBe('/');
    expect(locationPath('http://evil.test/')).toBe('/');
  });
});
