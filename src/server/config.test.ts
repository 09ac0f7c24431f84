// Reading the server's settings from the environment.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

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
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9090,
      sqliteFile: '/var/lib/kakou/k.sqlite',
      databaseUrl: 'postgres://kakou@db/kakou',
      distDir: '/srv/kakou/dist',
      logLevel: 'warn',
      trustProxy: true,
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
});
