// TRUST_PROXY: a hop count or the proxies' addresses, never "believe the client"; and over HTTP, that an address a
// client writes into X-Forwarded-For cannot be the one the enrollment rate limit counts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, type TestApp } from '../../tests/support/server/app.ts';
import { openTestStore, type OpenedTestStore } from '../../tests/support/server/store/stores.ts';
import { readConfig } from './config.ts';
import { readTrustProxy } from './trust-proxy.ts';

describe('readTrustProxy', () => {
  it('is off when unset, empty or said so', () => {
    for (const text of [null, '', ' ', '0', 'false', 'no', 'OFF'])
      expect(readTrustProxy(text), String(text)).toBeNull();
  });

  it('takes a number of proxy hops', () => {
    expect(readTrustProxy('1')).toEqual({ hops: 1 });
    expect(readTrustProxy(' 2 ')).toEqual({ hops: 2 });
  });

  it('takes proxy addresses and subnets, IPv4 and IPv6, and the loopback set', () => {
    expect(readTrustProxy('127.0.0.1')).toEqual({ proxies: ['127.0.0.1'] });
    expect(readTrustProxy('10.0.0.2, 10.0.0.3,192.168.1.0/24, FD00::1, fd00::/8,loopback')).toEqual({
      proxies: ['10.0.0.2', '10.0.0.3', '192.168.1.0/24', 'fd00::1', 'fd00::/8', 'loopback'],
    });
  });

  it('refuses "trust everything" with what to write instead', () => {
    for (const text of ['true', 'TRUE', 'yes', 'on', '*', 'all']) {
      expect(() => readTrustProxy(text), text).toThrow(/any X-Forwarded-For a client writes/u);
      expect(() => readTrustProxy(text), text).toThrow(/TRUST_PROXY=1 for one Caddy or nginx/u);
      expect(() => readTrustProxy(text), text).toThrow(/TRUST_PROXY=127\.0\.0\.1/u);
    }
  });

  it('refuses what is not an address or a subnet, naming it', () => {
    expect(() => readTrustProxy('10.0.0.300')).toThrow(/"10\.0\.0\.300"/u);
    expect(() => readTrustProxy('10.0.0.0/33')).toThrow(/"10\.0\.0\.0\/33"/u);
    expect(() => readTrustProxy('fd00::/129')).toThrow(/fd00::\/129/u);
    expect(() => readTrustProxy('10.0.0.2, proxy.lan')).toThrow(/not a proxy address or subnet: "proxy\.lan"/u);
    expect(() => readTrustProxy('10.0.0.0/8/8')).toThrow(/TRUST_PROXY/u);
    expect(() => readTrustProxy('-1')).toThrow(/TRUST_PROXY/u);
  });

  it('stops the server at start-up, from the environment', () => {
    expect(() => readConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=true would believe/u);
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
  });
});

/** The toll station's NAT: every tablet of the checkpoint enrolls from it. */
const STATION = '203.0.113.9';
const ATTACKER = '198.51.100.66';
const WRONG_CODES_ALLOWED = 3;

describe('the address the enrollment rate limit counts', () => {
  let opened: OpenedTestStore;
  let t: TestApp | undefined;
  beforeAll(async () => {
    opened = await openTestStore('sqlite');
  });
  afterAll(async () => {
    await opened.dispose();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function open(env: NodeJS.ProcessEnv): Promise<TestApp> {
    t = await openTestApp(opened.store, {
      trustProxy: readConfig(env).trustProxy,
      enrollmentRateLimit: { max: WRONG_CODES_ALLOWED, timeWindowMs: 60_000 },
    });
    return t;
  }

  /** An enrollment arriving over a connection from `peer`, with the X-Forwarded-For it carries (if any). */
  function enroll(app: TestApp, code: string, peer: string, forwardedFor?: string) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/devices',
      payload: { enrollmentCode: code, name: 'tablet' },
      remoteAddress: peer,
      headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    });
  }

  /** The attacker's wrong codes, each claiming to come from the station, until refused. */
  async function attackClaimingTheStation(app: TestApp, peer: string, forwardedFor: string): Promise<void> {
    for (let i = 0; i < WRONG_CODES_ALLOWED; i += 1) {
      expect((await enroll(app, `WRONG-CODE-${i}`, peer, forwardedFor)).statusCode).toBe(403);
    }
    expect((await enroll(app, 'WRONG-CODE-X', peer, forwardedFor)).statusCode).toBe(429);
  }

  it('behind one proxy (TRUST_PROXY=1) is what the proxy saw, not what the client wrote before it', async () => {
    const app = await open({ TRUST_PROXY: '1' });
    // The attacker writes the station's address; the proxy on 127.0.0.1 appends the attacker's own.
    await attackClaimingTheStation(app, '127.0.0.1', `${STATION}, ${ATTACKER}`);
    // The station's tablets, through the same proxy, still enroll: the attacker locked out only itself.
    expect((await enroll(app, app.enrollmentCode, '127.0.0.1', STATION)).statusCode).toBe(201);
  });

  it('with the proxy’s address (TRUST_PROXY=10.0.0.2) is what the proxy saw; a direct client’s header is ignored', async () => {
    const app = await open({ TRUST_PROXY: '10.0.0.2' });
    await attackClaimingTheStation(app, '10.0.0.2', `${STATION}, ${ATTACKER}`);
    // Straight to Kakou, not through the proxy: the header is the client's own words; its connection is what counts.
    await attackClaimingTheStation(app, '198.51.100.67', STATION);
    expect((await enroll(app, app.enrollmentCode, '10.0.0.2', STATION)).statusCode).toBe(201);
  });

  it('without TRUST_PROXY is the connection’s peer, whatever the header says', async () => {
    const app = await open({});
    await attackClaimingTheStation(app, ATTACKER, STATION);
    expect((await enroll(app, app.enrollmentCode, STATION)).statusCode).toBe(201);
  });
});
