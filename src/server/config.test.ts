// Reading the server's settings from the environment.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';
import { MAX_CONNECTIONS } from './http-limits.ts';
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
      trustProxy: false,
      ingestsInFlightMax: INGESTS_IN_FLIGHT_MAX,
      ingestBytesInFlightMax: INGEST_BYTES_IN_FLIGHT_MAX,
      ingestQueueMax: INGEST_QUEUE_MAX,
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
        TRUST_PROXY: 'true',
        KAKOU_INGESTS_IN_FLIGHT: '4',
        KAKOU_INGEST_BYTES_IN_FLIGHT: '2000000',
        KAKOU_INGEST_QUEUE: '0',
        KAKOU_MAX_CONNECTIONS: '2000',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9090,
      sqliteFile: '/var/lib/kakou/k.sqlite',
      databaseUrl: 'postgres://kakou@db/kakou',
      distDir: '/srv/kakou/dist',
      logLevel: 'warn',
      trustProxy: true,
      ingestsInFlightMax: 4,
      ingestBytesInFlightMax: 2_000_000,
      ingestQueueMax: 0,
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

  it('refuses bounds that would stop every upload or every connection, saying which', () => {
    expect(() => readConfig({ KAKOU_INGESTS_IN_FLIGHT: '0' })).toThrow(/KAKOU_INGESTS_IN_FLIGHT/u);
    expect(() => readConfig({ KAKOU_INGEST_BYTES_IN_FLIGHT: '4 MB' })).toThrow(/KAKOU_INGEST_BYTES_IN_FLIGHT/u);
    expect(() => readConfig({ KAKOU_INGEST_QUEUE: '-1' })).toThrow(/KAKOU_INGEST_QUEUE/u);
    expect(() => readConfig({ KAKOU_MAX_CONNECTIONS: 'many' })).toThrow(/KAKOU_MAX_CONNECTIONS/u);
  });
});
