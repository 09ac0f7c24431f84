// Reading the server's settings from the environment.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { MAX_CONNECTIONS } from './http-limits.ts';
import { INGEST_BURST_CHECKS, INGEST_CHECKS_PER_MINUTE } from './plugins/device-ingest-rate.ts';
import { INGEST_BYTES_IN_FLIGHT_MAX, INGEST_QUEUE_MAX, INGESTS_IN_FLIGHT_MAX } from './plugins/ingest-admission.ts';

describe('readConfig', () => {
  it('defaults to 127.0.0.1:8080, the SQLite file under ./data and the PWA in ./dist', () => {
    expect(readConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      sqliteFile: './data/kakou.sqlite',
      databaseUrl: null,
      distDir: './dist',
      logLevel: 'info',
      trustProxy: null,
      tls: null,
      ingestsInFlightMax: INGESTS_IN_FLIGHT_MAX,
      ingestBytesInFlightMax: INGEST_BYTES_IN_FLIGHT_MAX,
      ingestQueueMax: INGEST_QUEUE_MAX,
      ingestChecksPerMinute: INGEST_CHECKS_PER_MINUTE,
      ingestBurstChecks: INGEST_BURST_CHECKS,
      maxConnections: MAX_CONNECTIONS,
    });
  });

  it('takes every variable', () => {
    expect(
      readConfig({
        HOST: '0.0.0.0',
        PORT: '9090',
        KAKOU_DB: '/var/lib/kakou/k.sqlite',
        DATABASE_URL: 'postgres://kakou@db/kakou',
        KAKOU_DIST: '/srv/kakou/dist',
        LOG_LEVEL: 'warn',
        TRUST_PROXY: '1',
        KAKOU_TLS: 'on',
        TLS_CERT: '/etc/kakou/cert.pem',
        TLS_KEY: '/etc/kakou/key.pem',
        TLS_NAMES: 'kakou.lan, 10.0.0.5,FD00::5',
        HTTP_PORT: '8081',
        KAKOU_INGESTS_IN_FLIGHT: '4',
        KAKOU_INGEST_BYTES_IN_FLIGHT: '2000000',
        KAKOU_INGEST_QUEUE: '0',
        KAKOU_INGEST_CHECKS_PER_MINUTE: '600',
        KAKOU_INGEST_BURST_CHECKS: '40000',
        KAKOU_MAX_CONNECTIONS: '2000',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9090,
      sqliteFile: '/var/lib/kakou/k.sqlite',
      databaseUrl: 'postgres://kakou@db/kakou',
      distDir: '/srv/kakou/dist',
      logLevel: 'warn',
      trustProxy: { hops: 1 },
      tls: {
        certificateFiles: { certFile: '/etc/kakou/cert.pem', keyFile: '/etc/kakou/key.pem' },
        extraNames: ['kakou.lan', '10.0.0.5', 'fd00::5'],
        helperPort: 8081,
        authorityDir: '/var/lib/kakou/tls',
      },
      ingestsInFlightMax: 4,
      ingestBytesInFlightMax: 2_000_000,
      ingestQueueMax: 0,
      ingestChecksPerMinute: 600,
      ingestBurstChecks: 40_000,
      maxConnections: 2000,
    });
  });

  it('treats an empty DATABASE_URL as unset and an empty KAKOU_DIST as "API only"', () => {
    const config = readConfig({ DATABASE_URL: '', KAKOU_DIST: '' });
    expect(config.databaseUrl).toBeNull();
    expect(config.distDir).toBeNull();
  });

  it('refuses a port or log level it cannot run with, saying which', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/u);
    expect(() => readConfig({ PORT: '70000' })).toThrow(/PORT/u);
    expect(() => readConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/u);
  });

  describe('HTTPS (KAKOU_TLS)', () => {
    it('is off on a loopback HOST and on for the LAN, as `auto` by default', () => {
      for (const host of ['127.0.0.1', '127.0.1.1', '::1', 'localhost'])
        expect(readConfig({ HOST: host }).tls).toBeNull();
      for (const host of ['0.0.0.0', '::', '192.168.1.20', 'kakou.lan'])
        expect(readConfig({ HOST: host }).tls).not.toBeNull();
    });

    it('listens on 8443 with the guide on 8080 when on, and keeps 8080 when off', () => {
      const on = readConfig({ HOST: '0.0.0.0' });
      expect(on.port).toBe(8443);
      expect(on.tls).toEqual({
        certificateFiles: null,
        extraNames: [],
        helperPort: 8080,
        authorityDir: join('data', 'tls'),
      });
      expect(readConfig({ HOST: '0.0.0.0', KAKOU_TLS: 'off' })).toMatchObject({ port: 8080, tls: null });
      expect(readConfig({ KAKOU_TLS: 'on' }).port).toBe(8443);
    });

    it('keeps the authority in tls/ beside the SQLite file', () => {
      expect(readConfig({ KAKOU_TLS: 'on', KAKOU_DB: '/srv/kakou/db/k.sqlite' }).tls?.authorityDir).toBe(
        '/srv/kakou/db/tls',
      );
    });

    it('turns the plain-HTTP guide off with HTTP_PORT=off', () => {
      expect(readConfig({ KAKOU_TLS: 'on', HTTP_PORT: 'off' }).tls?.helperPort).toBeNull();
    });

    it('refuses what it cannot run with, saying which setting', () => {
      expect(() => readConfig({ KAKOU_TLS: 'maybe' })).toThrow(/KAKOU_TLS/u);
      expect(() => readConfig({ TLS_CERT: '/etc/kakou/cert.pem' })).toThrow(/TLS_CERT and TLS_KEY/u);
      expect(() => readConfig({ KAKOU_TLS: 'on', TLS_KEY: '/etc/kakou/key.pem' })).toThrow(/TLS_CERT and TLS_KEY/u);
      expect(() => readConfig({ KAKOU_TLS: 'on', HTTP_PORT: 'eighty' })).toThrow(/HTTP_PORT/u);
      expect(() => readConfig({ KAKOU_TLS: 'on', PORT: '9000', HTTP_PORT: '9000' })).toThrow(/HTTP_PORT and PORT/u);
      expect(() => readConfig({ KAKOU_TLS: 'on', TLS_NAMES: 'kakou.lan, not a name' })).toThrow(
        /TLS_NAMES.*not a name/u,
      );
    });
  });

  it('refuses bounds that would stop every upload or every connection, saying which', () => {
    expect(() => readConfig({ KAKOU_INGESTS_IN_FLIGHT: '0' })).toThrow(/KAKOU_INGESTS_IN_FLIGHT/u);
    expect(() => readConfig({ KAKOU_INGEST_BYTES_IN_FLIGHT: '4 MB' })).toThrow(/KAKOU_INGEST_BYTES_IN_FLIGHT/u);
    expect(() => readConfig({ KAKOU_INGEST_QUEUE: '-1' })).toThrow(/KAKOU_INGEST_QUEUE/u);
    expect(() => readConfig({ KAKOU_MAX_CONNECTIONS: 'many' })).toThrow(/KAKOU_MAX_CONNECTIONS/u);
  });
});
