// An HTTP proxy between a tablet and the server that misbehaves on purpose: it drops connections, delays,
// answers 500 without forwarding (plain text, or problem JSON with a detail, as a failing server would), or forwards a
// request and then cuts the response after the server has committed it (the case that makes a client resend what the
// server already stored). It may read each request's body first, to fail only requests that carry something, and it may
// shift the Date of every answer it forwards: a server whose clock is off.
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' } // the connection dies before the server sees the request
  | { kind: 'delay'; ms: number } // forwarded late
  | { kind: 'error-500'; detail?: string } // 500 without forwarding: a broken gateway, or with a detail a failing server
  | { kind: 'cut-after-commit' }; // forwarded, the server answers, the client never hears it

export interface FaultProxy {
  url: string;
  /** Requests seen, by fault applied, for assertions that every fault really happened. */
  readonly seen: Record<Fault['kind'], number>;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /** Read each request's whole body before picking its fault, and give it to the plan; otherwise it streams through. */
  readBody?: boolean;
  /**
   * Added to the Date header of each answer forwarded, read per answer: a server whose clock is this far ahead
   * (behind, when negative) of the tablet's, as the tablet sees it. The answer is otherwise the server's own.
   */
  shiftDateMs?: () => number;
}

/**
 * `plan(n, req, body)` picks the fault for the n-th request (0-based) through the proxy; `body` is the request's body
 * when `readBody` is set, else null.
 */
export async function startFaultProxy(
  target: string,
  plan: (n: number, req: IncomingMessage, body: Buffer | null) => Fault,
  options: FaultProxyOptions = {},
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen: Record<Fault['kind'], number> = { pass: 0, drop: 0, delay: 0, 'error-500': 0, 'cut-after-commit': 0 };
  let count = 0;

  const shiftedDate = (headers: IncomingHttpHeaders): IncomingHttpHeaders => {
    const shift = options.shiftDateMs?.() ?? 0;
    if (shift === 0 || headers.date === undefined) return headers;
    return { ...headers, date: new Date(Date.parse(headers.date) + shift).toUTCString() };
  };

  const forward = (req: IncomingMessage, res: ServerResponse, cutResponse: boolean, body: Buffer | null): void => {
    const proxied = httpRequest(
      {
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (answer) => {
        if (cutResponse) {
          // Read the whole answer (so the server finished its work), then kill the client's connection.
          answer.resume();
          answer.on('end', () => {
            res.socket?.destroy();
          });
          return;
        }
        res.writeHead(answer.statusCode ?? 502, shiftedDate(answer.headers));
        answer.pipe(res);
      },
    );
    proxied.on('error', () => {
      res.socket?.destroy();
    });
    if (body === null) req.pipe(proxied);
    else proxied.end(body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer | null): void => {
    const fault = plan(count, req, body);
    count += 1;
    seen[fault.kind] += 1;
    switch (fault.kind) {
      case 'pass':
        forward(req, res, false, body);
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'delay':
        setTimeout(() => {
          forward(req, res, false, body);
        }, fault.ms);
        return;
      case 'error-500':
        req.resume();
        if (fault.detail === undefined) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('proxy says no');
        } else {
          res.writeHead(500, { 'content-type': 'application/problem+json' }).end(
            JSON.stringify({
              type: 'about:blank',
              title: 'Internal Server Error',
              status: 500,
              detail: fault.detail,
            }),
          );
        }
        return;
      case 'cut-after-commit':
        forward(req, res, true, body);
        return;
    }
  };

  const server = createServer((req, res) => {
    if (!options.readBody) {
      handle(req, res, null);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
