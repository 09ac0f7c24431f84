// Test support: HTTP/1.1 by hand over a raw socket, for clients no HTTP library plays — a request sent in part and
// finished later, or trickled a byte at a time, as over a failing link or from a hostile client.
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawRequest {
  socket: Socket;
  /** Bytes written so far. */
  readonly sentBytes: number;
  /** Writes the next `bytes` of what is left (everything when left out). */
  send(bytes?: number): void;
  /** Writes one byte every `intervalMs` until everything is sent or the socket closes. */
  trickle(intervalMs: number): void;
  /** The first answer on the connection, once complete; null if it closed without one. */
  answer: Promise<RawAnswer | null>;
  /** Resolves when the server has closed the connection (or it was destroyed). */
  closed: Promise<void>;
}

/** The head and body of a POST as a client would send them; the body is counted in bytes. */
export function rawPost(path: string, headers: Record<string, string>, body: string): Buffer {
  const payload = Buffer.from(body, 'utf8');
  const lines = [`POST ${path} HTTP/1.1`, 'Host: 127.0.0.1', `Content-Length: ${payload.length}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
}

function parseAnswer(received: Buffer): RawAnswer | null {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...headerLines] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? Number.NaN);
  const body = received.subarray(headEnd + 4);
  if (!(body.length >= length)) return null;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
}

/** Connects to `url` (http://host:port) and writes the first `initialBytes` of `request` (nothing by default). */
export async function openRawRequest(url: string, request: Buffer, initialBytes = 0): Promise<RawRequest> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  // A reset by the server is one way of being cut off: the tests look at `closed` and `answer`.
  socket.on('error', () => undefined);
  let sent = 0;
  let received = Buffer.alloc(0);
  const answer = new Promise<RawAnswer | null>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parseAnswer(received);
      if (parsed !== null) resolve(parsed);
    });
    socket.once('close', () => resolve(parseAnswer(received)));
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const send = (bytes = request.length - sent) => {
    if (socket.destroyed || bytes <= 0) return;
    const next = request.subarray(sent, sent + bytes);
    sent += next.length;
    socket.write(next);
  };
  send(initialBytes);
  return {
    socket,
    get sentBytes() {
      return sent;
    },
    send,
    trickle(intervalMs) {
      const timer = setInterval(() => {
        if (socket.destroyed || sent >= request.length) {
          clearInterval(timer);
          return;
        }
        send(1);
      }, intervalMs);
      socket.once('close', () => clearInterval(timer));
    },
    answer,
    closed,
  };
}
