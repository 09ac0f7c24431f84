// The server's settings, read once from the environment (the same for `npm start`, `npm run serve` and `npm run admin`).
import { MAX_CONNECTIONS } from './http-limits.ts';
import { INGEST_BYTES_IN_FLIGHT_MAX, INGEST_QUEUE_MAX, INGESTS_IN_FLIGHT_MAX } from './plugins/ingest-admission.ts';

export interface ServerConfig {
  host: string;
  port: number;
  sqliteFile: string;
  /** postgres://… — when set, PostgreSQL replaces the embedded SQLite file. */
  databaseUrl: string | null;
  /** The built PWA to serve beside the API; null serves the API alone. */
  distDir: string | null;
  logLevel: string;
  /** Behind a load balancer, take the client address from X-Forwarded-For (rate limits are per client address). */
  trustProxy: boolean;
  /** Batch uploads read, validated and stored at once (ADR 019). */
  ingestsInFlightMax: number;
  /** Their bodies' bytes, summed by Content-Length. */
  ingestBytesInFlightMax: number;
  /** Batch uploads waiting, bodies unread, for one of those; past it 503 + Retry-After. */
  ingestQueueMax: number;
  /** Connections held at once. */
  maxConnections: number;
}

const DEFAULT_PORT = 8080;
const PORT_MAX = 65_535;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
}

/** An integer setting of at least `min`, or its default when unset. */
function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const text = nonEmpty(env[name]);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, not "${text}"`);
  return value;
}

/** Throws a readable Error on a value the server cannot run with, so a typo fails at start, not at the first request. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const portText = nonEmpty(env['PORT']);
  const port = portText === null ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > PORT_MAX) {
    throw new Error(`PORT must be an integer from 0 to ${PORT_MAX}, not "${portText ?? ''}"`);
  }
  const logLevel = nonEmpty(env['LOG_LEVEL']) ?? 'info';
  if (!LOG_LEVELS.has(logLevel)) {
    throw new Error(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}, not "${logLevel}"`);
  }
  const dist = env['KAKOU_DIST'];
  return {
    host: nonEmpty(env['HOST']) ?? '127.0.0.1',
    port,
    sqliteFile: nonEmpty(env['KAKOU_DB']) ?? './data/kakou.sqlite',
    databaseUrl: nonEmpty(env['DATABASE_URL']),
    // KAKOU_DIST set to an empty string turns the PWA off (an API-only process behind a load balancer).
    distDir: dist === undefined ? './dist' : nonEmpty(dist),
    logLevel,
    trustProxy: ['1', 'true', 'yes'].includes((nonEmpty(env['TRUST_PROXY']) ?? '').toLowerCase()),
    ingestsInFlightMax: integerSetting(env, 'KAKOU_INGESTS_IN_FLIGHT', INGESTS_IN_FLIGHT_MAX, 1),
    ingestBytesInFlightMax: integerSetting(env, 'KAKOU_INGEST_BYTES_IN_FLIGHT', INGEST_BYTES_IN_FLIGHT_MAX, 1),
    ingestQueueMax: integerSetting(env, 'KAKOU_INGEST_QUEUE', INGEST_QUEUE_MAX, 0),
    maxConnections: integerSetting(env, 'KAKOU_MAX_CONNECTIONS', MAX_CONNECTIONS, 1),
  };
}
