// The whole server as one Fastify instance, built but not listening: plugins in order, then routes, then the PWA.
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type HTTPMethods } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { applyHttpLimits, HEADERS_TIMEOUT_MS, HTTP_TIMEOUT_OPTIONS, MAX_CONNECTIONS } from './http-limits.ts';
import { registerApiDocs } from './plugins/api-docs.ts';
import { registerApiNoStore } from './plugins/api-no-store.ts';
import { registerAuth } from './plugins/auth.ts';
import { createDeviceIngestRate, type DeviceIngestRate } from './plugins/device-ingest-rate.ts';
import { createIngestAdmission, type IngestAdmission } from './plugins/ingest-admission.ts';
import {
  answerClientError,
  answerRouterError,
  isApiPath,
  notFoundProblem,
  registerProblemHandling,
} from './plugins/problem.ts';
import { registerSecurity, securityHeaders } from './plugins/security.ts';
import { registerStatic } from './plugins/static.ts';
import { adminSessionRoutes } from './routes/admin-sessions.ts';
import { authorityCertificateRoutes } from './routes/authority-certificate.ts';
import { checkpointConfigRoutes } from './routes/checkpoint-config.ts';
import { checkpointRoutes } from './routes/checkpoints.ts';
import { DEFAULT_ENROLLMENT_RATE_LIMIT, deviceRoutes, type EnrollmentRateLimit } from './routes/devices.ts';
import { createDivisionFiles } from './divisions/division-files.ts';
import { handoffRoutes } from './routes/handoffs.ts';
import { regionHandoffRoutes } from './routes/region-handoffs.ts';
import { healthRoutes, packageVersion } from './routes/health.ts';
import { leadRoutes } from './routes/lead.ts';
import { policyRoutes } from './routes/policy.ts';
import { regionTallyRoutes } from './routes/region-tallies.ts';
import { riskAreaLineRoutes } from './routes/risk-area-lines.ts';
import { tallyRoutes } from './routes/tallies.ts';
import { vehicleCheckRoutes } from './routes/vehicle-checks.ts';
import type { Store } from './store/create-store.ts';
import { fastifyTrustProxy, type TrustProxy } from './trust-proxy.ts';

/** A full batch (500 checks of ~1 KB) is ~0.5 MB; a batch of crowded buses can be several times that. Past it: 413, and the tablet splits the batch. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/**
 * Personal data never reaches the log: request bodies are not logged at all, and these keys are censored
 * wherever a log call might carry them (a check, a person, a registration) as a second line of defence.
 */
const PERSONAL_KEYS = ['registration', 'idNumber', 'phone', 'name'];
/** A lead PIN (and a lead token) are secrets like the Authorization header: never in a log line either. */
const SECRET_KEYS = ['pin', 'token'];
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body',
  'body',
  ...[...PERSONAL_KEYS, ...SECRET_KEYS].flatMap((key) => [
    key,
    `*.${key}`,
    `*.*.${key}`,
    `*.*.*.${key}`,
    `*.persons[*].${key}`,
  ]),
];

/** The route @fastify/static serves the app's files under (static.ts registers it with `wildcard: true`). */
const STATIC_WILDCARD = '/*';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export interface BuildAppOptions {
  store: Store;
  /** The built PWA; null or missing serves the API alone. */
  distDir?: string | null;
  /** false (default) logs nothing; true or pino options (level, stream, …) log with personal data redacted. */
  logger?: boolean | LoggerOptions;
  enrollmentRateLimit?: EnrollmentRateLimit;
  /** Whose X-Forwarded-For names the client (behind a proxy); null or missing: the connection's peer. */
  trustProxy?: TrustProxy;
  /** Reported by /api/v1/health; package.json's by default. */
  version?: string;
  /** Serve HTTPS with this key and certificate (PEM); plain HTTP when null or missing. */
  https?: { key: string; cert: string } | null;
  /** Our own authority's certificate, served at GET /ca.crt; null or missing: /ca.crt is a 404 problem. */
  authorityCertificatePem?: string | null;
  /** Send Strict-Transport-Security (default); false where the plain-HTTP trust guide runs beside (security.ts). */
  strictTransportSecurity?: boolean;
  /** Bounds the batch uploads in flight and waiting (ADR 019); the defaults of ingest-admission.ts when left out. */
  ingestAdmission?: IngestAdmission;
  /** Bounds the checks each device uploads (ADR 031); the defaults of device-ingest-rate.ts when left out. */
  deviceIngestRate?: DeviceIngestRate;
  /** Connections the server holds at once; MAX_CONNECTIONS when left out. */
  maxConnections?: number;
  /** PBKDF2 rounds for lead PINs the server hashes; LEAD_PIN_MIN_ITERATIONS (600,000) unless a test lowers it. */
  leadPinIterations?: number;
}

export interface ServedRoute {
  method: HTTPMethods;
  /** As registered, parameters included: '/api/v1/devices/:deviceId'. */
  url: string;
}

const routesOf = new WeakMap<FastifyInstance, ServedRoute[]>();

/**
 * Every route an app of buildApp serves, as registered, but HEAD (Fastify's twin of each GET): what the access table
 * (src/server/access-table.test.ts) walks, so a route added without a row in it fails that test.
 */
export function servedRoutes(app: FastifyInstance): readonly ServedRoute[] {
  return routesOf.get(app) ?? [];
}

function recordRoutes(app: FastifyInstance): void {
  const routes: ServedRoute[] = [];
  routesOf.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url });
    }
  });
}

function loggerOption(logger: BuildAppOptions['logger']): boolean | LoggerOptions {
  if (logger === undefined || logger === false) return false;
  const given = logger === true ? {} : logger;
  return { level: 'info', ...given, redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } };
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { store } = options;
  const security = { strictTransportSecurity: options.strictTransportSecurity ?? true };
  const routerErrorHeaders = await securityHeaders(security);
  const app = Fastify({
    logger: loggerOption(options.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? null),
    // A TLS handshake gets as long as headers do: until it ends, Node's HTTP timeouts do not apply, and a silent
    // socket would hold one of MAX_CONNECTIONS for Node's default 120 s.
    ...(options.https ? { https: { ...options.https, handshakeTimeout: HEADERS_TIMEOUT_MS } } : {}),
    ...HTTP_TIMEOUT_OPTIONS,
    clientErrorHandler: answerClientError,
    // A broken %-escape or an over-long path segment: a problem with the security headers, not Fastify's bare JSON.
    frameworkErrors: (error, _request, reply) => answerRouterError(error, reply, routerErrorHeaders),
    // Said rather than left to the default: /API/v1/health is not /api/v1/health (isApiPath answers it 404).
    routerOptions: { caseSensitive: true },
    // A "__proto__" or "constructor.prototype" key is dropped from the parsed body rather than failing the request:
    // in a batch, one check carrying one must not refuse the others (each is validated on its own, api.md).
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  });
  // On the server Fastify made (HTTP or HTTPS), before it listens.
  applyHttpLimits(app.server, options.maxConnections ?? MAX_CONNECTIONS);
  // First, so that it sees every route the plugins below add.
  recordRoutes(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerAuth(app);
  registerProblemHandling(app);
  await registerSecurity(app, security);
  registerApiNoStore(app);
  // Limits are applied per route (enrollment); nothing else is limited globally.
  await app.register(rateLimit, { global: false });
  const version = options.version ?? packageVersion();
  await registerApiDocs(app, version);

  const divisions = createDivisionFiles(options.distDir ?? null);
  await app.register(healthRoutes, { store, version });
  await app.register(adminSessionRoutes, { store });
  await app.register(checkpointRoutes, { store, divisions });
  await app.register(deviceRoutes, {
    store,
    enrollmentRateLimit: options.enrollmentRateLimit ?? DEFAULT_ENROLLMENT_RATE_LIMIT,
  });
  await app.register(policyRoutes, { store });
  await app.register(riskAreaLineRoutes, { store, divisions });
  await app.register(checkpointConfigRoutes, { store });
  await app.register(leadRoutes, {
    store,
    ...(options.leadPinIterations === undefined ? {} : { leadPinIterations: options.leadPinIterations }),
  });
  await app.register(vehicleCheckRoutes, {
    store,
    admission: options.ingestAdmission ?? createIngestAdmission(),
    deviceRate: options.deviceIngestRate ?? createDeviceIngestRate(),
  });
  await app.register(tallyRoutes, { store });
  await app.register(regionTallyRoutes, { store });
  await app.register(handoffRoutes, { store, divisions });
  await app.register(regionHandoffRoutes, { store, divisions });
  await app.register(authorityCertificateRoutes, { authorityCertificatePem: options.authorityCertificatePem ?? null });

  // Under /api (in any case) nothing but the API answers: the app's page never stands in for a missing route, and
  // the app's files (a wildcard route) are never looked for there either.
  app.addHook('onRequest', async (request, reply) => {
    // Returning the reply is how an async hook answers and ends the request (Fastify's hooks reference).
    if (request.routeOptions.url === STATIC_WILDCARD && isApiPath(request.url)) return notFoundProblem(request, reply);
    return undefined;
  });
  const pageOrProblem = await registerStatic(app, options.distDir ?? null);
  app.setNotFoundHandler((request, reply) =>
    isApiPath(request.url) ? notFoundProblem(request, reply) : pageOrProblem(request, reply),
  );
  return app;
}
