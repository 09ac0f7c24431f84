// The plain-HTTP side of a TLS server: GET / is the trust guide, GET /ca.crt the authority, and every other request
// a 308 to the same path and query on HTTPS, so a tablet that typed http:// still lands on the app.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import qrcode from 'qrcode';
import { urlHost } from '../machine-addresses.ts';
import { applyHttpLimits, HTTP_TIMEOUT_OPTIONS } from '../http-limits.ts';
import { answerClientError, answerRouterError, notFoundProblem, registerProblemHandling } from '../plugins/problem.ts';
import { authorityCertificateRoutes } from '../routes/authority-certificate.ts';
import { GUIDE_CONTENT_SECURITY_POLICY, renderGuidePage } from './guide-page.ts';
import { hostFromHeader } from './request-host.ts';

/** Nothing here reads a body: redirects are answered before one is read. */
const HELPER_BODY_LIMIT_BYTES = 1024;
const HTTPS_DEFAULT_PORT = 443;
const HTTP_DEFAULT_PORT = 80;
const PAGES = new Set(['/', '/ca.crt']);
/** On every answer of the helper: the guide's own CSP (one inline style, nothing else). */
const HELPER_SECURITY_HEADERS = {
  'content-security-policy': GUIDE_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export interface HttpHelperOptions {
  /** The port HTTPS listens on (the app). */
  httpsPort: number;
  authorityCertificatePem: string | null;
  authorityFingerprint: string | null;
  /** Used in links when the Host header is not a plain host name or address: the machine's first LAN address. */
  fallbackHost: string;
  /** The app's logger (its redaction included); nothing is logged when missing. */
  loggerInstance?: FastifyBaseLogger;
}

function withPort(scheme: 'http' | 'https', host: string, port: number): string {
  const isDefault = port === (scheme === 'https' ? HTTPS_DEFAULT_PORT : HTTP_DEFAULT_PORT);
  return `${scheme}://${urlHost(host)}${isDefault ? '' : `:${port}`}`;
}

/**
 * The request target as sent, for a Location header: only printable ASCII passes, every other byte is
 * percent-encoded, and a target that is not a path (`*`, an absolute URL) becomes `/`.
 */
export function locationPath(rawUrl: string): string {
  if (!rawUrl.startsWith('/')) return '/';
  // Node hands the request line over as latin1: one char per byte, so the bytes come back exactly.
  let path = '';
  for (const byte of Buffer.from(rawUrl, 'latin1')) {
    path +=
      byte > 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return path;
}

export async function buildHttpHelper(options: HttpHelperOptions): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: HELPER_BODY_LIMIT_BYTES,
    ...(options.loggerInstance === undefined ? { logger: false } : { loggerInstance: options.loggerInstance }),
    // The guide faces the same network as the app: the same bounds against slow and hostile clients (ADR 019).
    ...HTTP_TIMEOUT_OPTIONS,
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode: a problem, not a redirect; no hook runs for it, so it takes the headers itself.
    frameworkErrors: (error, _request, reply) => answerRouterError(error, reply, HELPER_SECURITY_HEADERS),
  });
  applyHttpLimits(app.server);
  registerProblemHandling(app);

  /** The host the tablet used, if it is a plain one; else the machine's LAN address and this helper's own port. */
  const cameIn = (request: FastifyRequest): { host: string; httpPort: number } => {
    const given = hostFromHeader(request.headers.host);
    if (given !== null) return { host: given.host, httpPort: given.port ?? HTTP_DEFAULT_PORT };
    return { host: options.fallbackHost, httpPort: request.socket.localPort ?? HTTP_DEFAULT_PORT };
  };
  const appUrl = (host: string) => withPort('https', host, options.httpsPort);

  app.addHook('onSend', (_request, reply, payload, done) => {
    void reply.headers(HELPER_SECURITY_HEADERS);
    done(null, payload);
  });

  // Before any body is read: whatever the method, it is repeated on HTTPS (308 keeps method and body).
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    const path = request.url.split('?')[0] ?? '/';
    const isGuide = (request.method === 'GET' || request.method === 'HEAD') && PAGES.has(path);
    if (isGuide) {
      done();
      return;
    }
    // Not cached: its Location carries this moment's HTTPS port and the host the tablet used, which an operator may change.
    void reply
      .header('cache-control', 'no-store')
      .redirect(`${appUrl(cameIn(request).host)}${locationPath(request.url)}`, 308);
  });

  await app.register(authorityCertificateRoutes, { authorityCertificatePem: options.authorityCertificatePem });
  app.get('/', async (request, reply) => {
    const { host, httpPort } = cameIn(request);
    const downloadUrl = `${withPort('http', host, httpPort)}/ca.crt`;
    const authority =
      options.authorityCertificatePem === null || options.authorityFingerprint === null
        ? null
        : {
            downloadUrl,
            qrSvg: await qrcode.toString(downloadUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
            fingerprint: options.authorityFingerprint,
          };
    return (
      reply
        .type('text/html; charset=utf-8')
        // It names the address the request came in on: never reuse it for another.
        .header('cache-control', 'no-store')
        .send(renderGuidePage({ appUrl: `${appUrl(host)}/`, authority }))
    );
  });
  app.setNotFoundHandler(notFoundProblem);
  return app;
}
