// Cache-Control: no-store on every API answer: checks, hand-off lists and their CSV/XLSX carry names, ID numbers and
// phones, enrollment answers carry a token, and none of it may be kept by a browser's or a proxy's cache. Set for the
// whole of /api rather than route by route, so a new route is covered without anyone remembering to. A route opts
// into caching by setting its own Cache-Control, which is then left as it is.
import type { FastifyInstance } from 'fastify';

export const API_CACHE_CONTROL = 'no-store';

/** /api and everything under it, query or not; paths are case-exact (/API is no API path). */
function isApiPath(url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  return path === '/api' || path.startsWith('/api/');
}

/** A root hook: it runs for every route, the not-found handler and the error handler's answers alike. */
export function registerApiNoStore(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (isApiPath(request.url) && !reply.hasHeader('cache-control'))
      void reply.header('cache-control', API_CACHE_CONTROL);
    done(null, payload);
  });
}
