// A tiny static server over ./dist for browser tests: SPA fallback, correct types, a service worker never cached,
// a root that can be swapped while it runs (a new deployment of the app on the same origin), and HTTPS when given a
// key and certificate (the app at a LAN name in a secure context).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Files whose new version must be seen at once: the service worker (and its registration) decide what is cached. */
const NEVER_CACHED = new Set(['/sw.js', '/registerSW.js', '/index.html', '/manifest.webmanifest']);
/** Vite's hashed assets never change under the same name. */
const IMMUTABLE_PREFIX = '/assets/';

async function fileAt(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface DistServer {
  /** http://127.0.0.1:<port> (https:// with TLS), no trailing slash. */
  url: string;
  /** The port it listens on (on 127.0.0.1), for reaching it under another host name. */
  port: number;
  /** Serves another build from now on, as a deployment does: requests already under way finish from the old one. */
  setRoot(root: string): Promise<void>;
  close(): Promise<void>;
}

async function checkedRoot(root: string): Promise<string> {
  const distRoot = resolve(root);
  if (!(await fileAt(join(distRoot, 'index.html'))))
    throw new Error(`${distRoot}/index.html is missing: build the app first`);
  return distRoot;
}

export interface ServeDistOptions {
  /** Serve HTTPS with this PEM key and certificate chain instead of plain HTTP. */
  tls?: { readonly key: string; readonly cert: string };
}

export async function serveDist(root: string = resolve('dist'), options: ServeDistOptions = {}): Promise<DistServer> {
  let currentRoot = await checkedRoot(root);

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // One root per request, so a swap mid-request never mixes two builds in one answer.
    const distRoot = currentRoot;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const candidate = normalize(join(distRoot, pathname));
    if (candidate !== distRoot && !candidate.startsWith(distRoot + sep)) {
      response.writeHead(403).end();
      return;
    }
    let file = candidate;
    let servedPath = pathname;
    if (!(await fileAt(file))) {
      // A path with an extension is a missing asset: a 404 shows the broken reference instead of HTML in its place.
      if (extname(pathname) !== '') {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      file = join(distRoot, 'index.html');
      servedPath = '/index.html';
    }
    const headers: Record<string, string | number> = {
      'content-type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': (await stat(file)).size,
      'cache-control': NEVER_CACHED.has(servedPath)
        ? 'no-cache, no-store, must-revalidate'
        : servedPath.startsWith(IMMUTABLE_PREFIX)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
    };
    if (servedPath === '/sw.js') headers['service-worker-allowed'] = '/';
    response.writeHead(200, headers);
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(file).pipe(response);
  };

  const onRequest = (request: IncomingMessage, response: ServerResponse): void => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
  const server =
    options.tls === undefined
      ? createServer(onRequest)
      : createTlsServer({ key: options.tls.key, cert: options.tls.cert }, onRequest);
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    port,
    setRoot: async (nextRoot) => {
      currentRoot = await checkedRoot(nextRoot);
    },
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolveClose();
        });
        // Browsers keep connections alive; without this, close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}
