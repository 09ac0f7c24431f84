// An HTTP proxy between a tablet and the server that misbehaves on purpose: it drops connections, delays,
// answers 500 without forwarding, or forwards a request and then cuts the response after the server
// has committed it (the case that makes a client resend what the server already stored).
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop' } // the connection dies before the server sees the request
  | { kind: 'delay'; ms: number } // forwarded late
  | { kind: 'error-500' } // a broken gateway: 500 without forwarding
  | { kind: 'cut-after-commit' }; // forwarded, the server answers, the client never hears it

export interface FaultProxy {
  url: string;
  /** Requests seen, by fault applied, for assertions that every fault really happened. */
  readonly seen: Record<Fault['kind'], number>;
  close(): Promise<void>;
}

/** `plan(n, req)` picks the fault for the n-th request (0-based) through the proxy. */
export async function startFaultProxy(
  target: string,
  plan: (n: number, req: IncomingMessage) => Fault,
): Promise<FaultProxy> {
  const upstream = new URL(target);
  const seen: Record<Fault['kind'], number> = { pass: 0, drop: 0, delay: 0, 'error-500': 0, 'cut-after-commit': 0 };
  let count = 0;

  const forward = (req: IncomingMessage, res: ServerResponse, cutResponse: boolean): void => {
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
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    proxied.on('error', () => {
      res.socket?.destroy();
    });
    req.pipe(proxied);
  };

  const server = createServer((req, res) => {
    const fault = plan(count, req);
    count += 1;
    seen[fault.kind] += 1;
    switch (fault.kind) {
      case 'pass':
        forward(req, res, false);
        return;
      case 'drop':
        req.socket.destroy();
        return;
      case 'delay':
        setTimeout(() => {
          forward(req, res, false);
        }, fault.ms);
        return;
      case 'error-500':
        req.resume();
        res.writeHead(500, { 'content-type': 'text/plain' }).end('proxy says no');
        return;
      case 'cut-after-commit':
        forward(req, res, true);
        return;
    }
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
