// Serves the built PWA beside the API: hashed assets cached for good, the service worker and index.html never cached,
// and any other page path answered with index.html so a reload on /checks/… opens the app. The build's .br and .gz
// copies go to a tablet that accepts them (scripts/precompress-dist.ts writes them). A path with a dot-segment
// (/.env, /.git/config, /assets/.DS_Store) is a 404: whatever lands in dist by mistake is never served.
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFoundProblem } from './problem.ts';

/** Files that decide what the tablet runs next: a stale copy would pin an old app version. */
const NEVER_CACHED_FILES = new Set(['sw.js', 'registerSW.js', 'index.html', 'manifest.webmanifest']);
const ASSETS_DIR = `${join('/', 'assets')}/`;
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
const API_PREFIX = '/api/';
/** A precompressed copy is cached like the file it is a copy of. */
const PRECOMPRESSED_SUFFIX = /\.(?:br|gz)$/u;

/**
 * A segment beginning with a dot, as typed or percent-encoded (%2e). Nothing the build writes has one, and the SPA
 * fallback must not answer one with the app either: a scanner would take a 200 for the file.
 */
function hasDotSegment(path: string): boolean {
  return path.split('/').some((segment) => /^(?:\.|%2e)/iu.test(segment));
}

export type NotFoundHandler = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | Promise<FastifyReply>;

/**
 * Registers the PWA's files when `distDir` holds a build, and returns the handler for unknown paths
 * (the SPA fallback, or a problem for the API and for missing files).
 */
export async function registerStatic(app: FastifyInstance, distDir: string | null): Promise<NotFoundHandler> {
  if (distDir === null) return notFoundProblem;
  const root = resolve(distDir);
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ distDir: root }, 'no PWA build found: serving the API only (run `npm run build`)');
    return notFoundProblem;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    index: ['index.html'],
    cacheControl: false,
    // A dotfile is as if absent (404 and then the handler below), never sent; 'allow' is @fastify/static's default.
    dotfiles: 'ignore',
    preCompressed: true,
    setHeaders: (reply, servedPath) => {
      const path = servedPath.replace(PRECOMPRESSED_SUFFIX, '');
      const file = basename(path);
      if (NEVER_CACHED_FILES.has(file)) {
        void reply.header('cache-control', 'no-cache');
        if (file === 'sw.js') void reply.header('service-worker-allowed', '/');
      } else if (path.startsWith(join(root, ASSETS_DIR))) {
        void reply.header('cache-control', IMMUTABLE_CACHE);
      } else {
        void reply.header('cache-control', 'no-cache');
      }
    },
  });
  return (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !path.startsWith(API_PREFIX) &&
      path !== '/api' &&
      !hasDotSegment(path) &&
      // A missing /assets/x.js must be a 404, not HTML in its place, so a broken reference shows.
      extname(path) === '';
    if (!isPage) return notFoundProblem(request, reply);
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  };
}
