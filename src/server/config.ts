// The server's settings, read once from the environment (the same for `npm start`, `npm run serve` and `npm run admin`).

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
}

const DEFAULT_PORT = 8080;
const PORT_MAX = 65_535;
const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
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
  };
}
