// The tablet's network in front of the real server: it passes every request on, adds the canvas camera to every page
// (a same-origin script, which the server's CSP allows), and can be cut off as a checkpoint's network is — connections
// refused and open ones dropped — which no engine's driver does the same way.
import { createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { CANVAS_CAMERA_PATH, CANVAS_CAMERA_SCRIPT } from './canvas-camera.ts';

export interface AppProxy {
  /** The address tablets use: the app and its API, through the proxy. */
  readonly url: string;
  /** Cuts the network (true) or brings it back (false). */
  setOffline(offline: boolean): void;
  close(): Promise<void>;
}

const CAMERA_TAG = `<script src="${CANVAS_CAMERA_PATH}"></script>`;

export async function startAppProxy(serverUrl: string): Promise<AppProxy> {
  const target = new URL(serverUrl);
  const sockets = new Set<Socket>();
  let offline = false;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const headers = { ...incoming.headers, host: target.host };
    // Plain bodies, so a page can be rewritten; compression is tested by the Chromium suite, not here.
    delete headers['accept-encoding'];
    const upstream = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers },
      (answer) => {
        const isHtml = (answer.headers['content-type'] ?? '').startsWith('text/html');
        if (!isHtml) {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
          return;
        }
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const page = Buffer.concat(chunks).toString('utf8').replace('<head>', `<head>${CAMERA_TAG}`);
          const answerHeaders = { ...answer.headers };
          delete answerHeaders['content-length'];
          delete answerHeaders['etag'];
          outgoing.writeHead(answer.statusCode ?? 502, answerHeaders);
          outgoing.end(page);
        });
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  };

  const server = createServer((incoming, outgoing) => {
    if (offline) {
      incoming.socket.destroy();
      return;
    }
    if (incoming.url === CANVAS_CAMERA_PATH) {
      outgoing.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      outgoing.end(CANVAS_CAMERA_SCRIPT);
      return;
    }
    forward(incoming, outgoing);
  });
  server.on('connection', (socket) => {
    if (offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    setOffline(next) {
      offline = next;
      if (next) for (const socket of sockets) socket.destroy();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
