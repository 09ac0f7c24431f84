// A running HTTPS server gets its new certificate without a restart when the machine's addresses change.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity } from 'node:tls';
import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Interfaces } from '../machine-addresses.ts';
import { keepCertificateCurrent, type CertificateRenewal } from './certificate-renewal.ts';
import { getOverTls } from '../../../tests/support/server/tls/tls-client.ts';
import { openTlsCredentials, type TlsCredentials } from './tls-credentials.ts';

const lan = (address: string): Interfaces => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
  wlan0: [{ address, family: 'IPv4', internal: false, netmask: '255.255.255.0', mac: '', cidr: null }],
});

const POLL_MS = 20;
const WAIT_MAX_MS = 20_000;

describe('keepCertificateCurrent', () => {
  let dataDir: string;
  let server: Server;
  let url: string;
  let credentials: TlsCredentials;
  let renewal: CertificateRenewal | undefined;
  /** The Wi-Fi the server is on; a test moves it to another network. */
  let interfaces: Interfaces;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kakou-renew-'));
    interfaces = lan('192.168.43.10');
    credentials = await openTlsCredentials(
      { certificateFiles: null, extraNames: [], helperPort: null, authorityDir: join(dataDir, 'tls') },
      { listenHost: '0.0.0.0', machine: () => ({ hostName: 'checkpoint-pc', interfaces }) },
    );
    server = createServer(credentials.current(), (_request, response) => response.end('kakou'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('not listening');
    url = `https://127.0.0.1:${address.port}/`;
  });
  afterEach(async () => {
    renewal?.stop();
    renewal = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('swaps the live certificate when the server moves to another network, and leaves it when nothing changed', async () => {
    renewal = keepCertificateCurrent(server, credentials, Fastify().log);
    const ca = credentials.authorityCertificatePem ?? '';
    const before = (await getOverTls(url, { ca })).certificate;
    expect(checkServerIdentity('192.168.43.10', before)).toBeUndefined();

    expect(await renewal.renewNow()).toBeNull();
    expect((await getOverTls(url, { ca })).certificate.serialNumber).toBe(before.serialNumber);

    interfaces = lan('10.20.30.40');
    expect(await renewal.renewNow()).toMatch(/names changed.*10\.20\.30\.40/u);
    const after = (await getOverTls(url, { ca })).certificate;
    expect(after.serialNumber).not.toBe(before.serialNumber);
    expect(checkServerIdentity('10.20.30.40', after)).toBeUndefined();
    expect(checkServerIdentity('192.168.43.10', after)).toBeInstanceOf(Error);
  });

  it('checks by itself on its timer', async () => {
    // A short interval stands in for the day; what is asserted is the certificate served, not the time it took.
    renewal = keepCertificateCurrent(server, credentials, Fastify().log, POLL_MS);
    const ca = credentials.authorityCertificatePem ?? '';
    interfaces = lan('10.20.30.40');
    const deadline = Date.now() + WAIT_MAX_MS;
    let served = (await getOverTls(url, { ca })).certificate;
    while (checkServerIdentity('10.20.30.40', served) !== undefined && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      served = (await getOverTls(url, { ca })).certificate;
    }
    expect(checkServerIdentity('10.20.30.40', served)).toBeUndefined();
  });
});
