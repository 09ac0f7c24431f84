// The server's settings, read once from the environment (the same for `npm start`, `npm run serve` and `npm run admin`).
import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { canonicalName, isDnsName, isLoopbackHost } from './machine-addresses.ts';

/** HTTPS as the checkpoint's tablets need it (docs/decisions/017-own-certificate-authority.md). */
export interface TlsConfig {
  /** The operator's own certificate (TLS_CERT + TLS_KEY, PEM files); null: the server's own authority issues one. */
  certificateFiles: { certFile: string; keyFile: string } | null;
  /** Names and addresses the server certificate carries beside the machine's own (TLS_NAMES), canonical. */
  extraNames: string[];
  /** Port of the plain-HTTP guide and redirect (HTTP_PORT); null when turned off. */
  helperPort: number | null;
  /** The server's own authority and certificate: tls/ in the data directory, beside the SQLite file. */
  authorityDir: string;
}
import { MAX_CONNECTIONS } from './http-limits.ts';
import { INGEST_BURST_CHECKS, INGEST_CHECKS_PER_MINUTE } from './plugins/device-ingest-rate.ts';
import { INGEST_BYTES_IN_FLIGHT_MAX, INGEST_QUEUE_MAX, INGESTS_IN_FLIGHT_MAX } from './plugins/ingest-admission.ts';
import { readTrustProxy, type TrustProxy } from './trust-proxy.ts';

export interface ServerConfig {
  host: string;
  port: number;
  sqliteFile: string;
  /** postgres://… — when set, PostgreSQL replaces the embedded SQLite file. */
  databaseUrl: string | null;
  /** The built PWA to serve beside the API; null serves the API alone. */
  distDir: string | null;
  logLevel: string;
  /**
   * Behind a proxy (TRUST_PROXY: its hop count or its addresses), the client address is the one the proxy wrote into
   * X-Forwarded-For (rate limits are per client address); null: the connection's peer.
   */
  trustProxy: TrustProxy;
  /** null: plain HTTP (on loopback by default, or behind a TLS-terminating proxy). */
  tls: TlsConfig | null;
  /** Batch uploads read, validated and stored at once (ADR 019). */
  ingestsInFlightMax: number;
  /** Their bodies' bytes, summed by Content-Length. */
  ingestBytesInFlightMax: number;
  /** Batch uploads waiting, bodies unread, for one of those; past it 503 + Retry-After. */
  ingestQueueMax: number;
  /** Checks one device may upload a minute, once its burst is spent (ADR 031); past it 429 + Retry-After. */
  ingestChecksPerMinute: number;
  /** Checks one device may upload at once after a quiet spell: a backlog after days offline. */
  ingestBurstChecks: number;
  /** Connections held at once. */
  maxConnections: number;
}

const DEFAULT_PORT = 8080;
const DEFAULT_TLS_PORT = 8443;
const DEFAULT_HELPER_PORT = 8080;
const DEFAULT_SQLITE_FILE = './data/kakou.sqlite';
const TLS_DIR_NAME = 'tls';
const TLS_MODES = ['auto', 'on', 'off'] as const;
type TlsMode = (typeof TLS_MODES)[number];
const PORT_MAX = 65_535;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

function readPort(name: string, text: string | null, fallback: number): number {
  const port = text === null ? fallback : Number(text);
  if (!Number.isInteger(port) || port < 0 || port > PORT_MAX) {
    throw new Error(`${name} must be an integer from 0 to ${PORT_MAX}, not "${text ?? ''}"`);
  }
  return port;
}

function readTlsMode(env: NodeJS.ProcessEnv): TlsMode {
  const text = (nonEmpty(env['KAKOU_TLS']) ?? 'auto').toLowerCase();
  const mode = TLS_MODES.find((candidate) => candidate === text);
  if (mode === undefined) throw new Error(`KAKOU_TLS must be one of ${TLS_MODES.join(', ')}, not "${text}"`);
  return mode;
}

function readExtraNames(text: string | null): string[] {
  if (text === null) return [];
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const invalid = names.filter((name) => isIP(name) === 0 && !isDnsName(name));
  if (invalid.length > 0) {
    throw new Error(
      `TLS_NAMES takes host names and IP addresses separated by commas; not a name or address: "${invalid.join('", "')}"`,
    );
  }
  return [...new Set(names.map(canonicalName))];
}

function readTls(env: NodeJS.ProcessEnv, host: string, sqliteFile: string): TlsConfig | null {
  const mode = readTlsMode(env);
  const certFile = nonEmpty(env['TLS_CERT']);
  const keyFile = nonEmpty(env['TLS_KEY']);
  // Checked whatever the mode: a half-given certificate is a mistake worth hearing about before TLS is turned on.
  if ((certFile === null) !== (keyFile === null)) {
    throw new Error(
      'TLS_CERT and TLS_KEY go together: set both (PEM files of the certificate and its key), or neither',
    );
  }
  const enabled = mode === 'on' || (mode === 'auto' && !isLoopbackHost(host));
  if (!enabled) return null;
  const helperText = nonEmpty(env['HTTP_PORT']);
  return {
    certificateFiles: certFile === null || keyFile === null ? null : { certFile, keyFile },
    extraNames: readExtraNames(nonEmpty(env['TLS_NAMES'])),
    helperPort: helperText?.toLowerCase() === 'off' ? null : readPort('HTTP_PORT', helperText, DEFAULT_HELPER_PORT),
    authorityDir: join(dirname(sqliteFile), TLS_DIR_NAME),
  };
}

/** An integer setting of at least `min`, or its default when unset. */
function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = nonEmpty(env[name]);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`);
  return value;
}

/** Throws a readable Error on a value the server cannot run with, so a typo fails at start, not at the first request. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const host = nonEmpty(env['HOST']) ?? '127.0.0.1';
  const sqliteFile = nonEmpty(env['KAKOU_DB']) ?? DEFAULT_SQLITE_FILE;
  const tls = readTls(env, host, sqliteFile);
  const port = readPort('PORT', nonEmpty(env['PORT']), tls === null ? DEFAULT_PORT : DEFAULT_TLS_PORT);
  if (tls !== null && tls.helperPort !== null && tls.helperPort !== 0 && tls.helperPort === port) {
    throw new Error(
      `HTTP_PORT and PORT are both ${port}: the plain-HTTP guide needs a port of its own (or HTTP_PORT=off)`,
    );
  }
  const logLevel = nonEmpty(env['LOG_LEVEL']) ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, not "${logLevel}"`);
  }
  const dist = env['KAKOU_DIST'];
  return {
    host,
    port,
    sqliteFile,
    databaseUrl: nonEmpty(env['DATABASE_URL']),
    // KAKOU_DIST set to an empty string turns the PWA off (an API-only process behind a load balancer).
    distDir: dist === undefined ? './dist' : nonEmpty(dist),
    logLevel,
    trustProxy: readTrustProxy(nonEmpty(env['TRUST_PROXY'])),
    tls,
    ingestsInFlightMax: integerSetting(env, 'KAKOU_INGESTS_IN_FLIGHT', INGESTS_IN_FLIGHT_MAX, 1),
    ingestBytesInFlightMax: integerSetting(env, 'KAKOU_INGEST_BYTES_IN_FLIGHT', INGEST_BYTES_IN_FLIGHT_MAX, 1),
    ingestQueueMax: integerSetting(env, 'KAKOU_INGEST_QUEUE', INGEST_QUEUE_MAX, 0),
    ingestChecksPerMinute: integerSetting(env, 'KAKOU_INGEST_CHECKS_PER_MINUTE', INGEST_CHECKS_PER_MINUTE, 1),
    ingestBurstChecks: integerSetting(env, 'KAKOU_INGEST_BURST_CHECKS', INGEST_BURST_CHECKS, 1),
    maxConnections: integerSetting(env, 'KAKOU_MAX_CONNECTIONS', MAX_CONNECTIONS, 1),
  };
}
