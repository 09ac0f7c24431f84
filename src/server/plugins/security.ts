// Security headers (helmet) with a Content-Security-Policy the PWA runs under: our own scripts only, no inline script.
import helmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Why each source is allowed:
 * - worker-src blob: — html5-qrcode and Workbox may start workers from blob URLs; the service worker itself is 'self'.
 * - script-src 'wasm-unsafe-eval' — the zxing-wasm decoder compiles our own precached .wasm; it allows WebAssembly
 *   compilation only, not eval() of JavaScript.
 * - img-src data: blob: — a photo picked for "scan from a photo" is shown and decoded from a data/blob URL.
 * - style-src 'unsafe-inline' — React and html5-qrcode set style attributes; styles cannot run code, scripts stay strict.
 * - no upgrade-insecure-requests — a checkpoint's LAN server is often plain http://; upgrading would break every asset.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
};

export interface SecurityOptions {
  /**
   * Strict-Transport-Security. Off where this server also runs the plain-HTTP trust guide: a browser that once saw
   * HSTS for a host name upgrades every later http:// request to that name, on any port, so the guide and its
   * redirects on HTTP_PORT would fail with a TLS error. The guide itself sends every other path to HTTPS.
   */
  strictTransportSecurity: boolean;
}

function helmetOptions(options: SecurityOptions) {
  return {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    strictTransportSecurity: options.strictTransportSecurity,
    // The camera must stay usable by our own pages; helmet leaves Permissions-Policy alone, which allows that.
    crossOriginEmbedderPolicy: false,
  };
}

export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  await app.register(helmet, helmetOptions(options));
}

/** What any answer carries without helmet: the probe's own headers, not security headers. */
const PLAIN_HEADERS = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

const snapshots = new Map<boolean, Promise<Readonly<Record<string, string>>>>();

/**
 * The headers registerSecurity puts on every answer, as helmet itself writes them for these options. Fastify answers
 * a URL its router cannot read (a broken %-escape, a path segment over its limit) before any hook runs, so helmet
 * never sees those requests: their problem answers (problem.ts, answerRouterError) add these instead. Taken once per
 * option set from a bare Fastify instance with helmet alone, so they are exactly helmet's, whatever its version.
 */
export function securityHeaders(options: SecurityOptions): Promise<Readonly<Record<string, string>>> {
  let snapshot = snapshots.get(options.strictTransportSecurity);
  if (snapshot === undefined) {
    snapshot = (async () => {
      const probe = Fastify({ logger: false });
      try {
        await registerSecurity(probe, options);
        probe.get('/', (_request, reply) => reply.send(''));
        const { headers } = await probe.inject({ method: 'GET', url: '/' });
        return Object.fromEntries(
          Object.entries(headers)
            .filter(([name, value]) => !PLAIN_HEADERS.has(name) && typeof value === 'string')
            .map(([name, value]) => [name, String(value)]),
        );
      } finally {
        await probe.close();
      }
    })();
    snapshots.set(options.strictTransportSecurity, snapshot);
  }
  return snapshot;
}
