// How long a client may take to send a request, how long an idle connection stays open, and how many connections the
// process holds: the HTTP server's bounds against slow and hostile clients, in one place (ADR 019).
import type { Server } from 'node:net';

/**
 * Headers and body must have arrived within this (api.md: "a request body must arrive within 30 s"). A batch of 500
 * checks (about 0.5 MB) crosses a checkpoint's Wi-Fi in a second or two; a client trickling it is answered 408 and
 * cut off, so it cannot hold a connection, an ingest slot and its half-read body for minutes.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Headers are a few hundred bytes: 10 s is generous on the worst link, and a connection that sends nothing, or its
 * headers a byte at a time, is cut off with a 408 instead of holding one of MAX_CONNECTIONS.
 */
export const HEADERS_TIMEOUT_MS = 10_000;

/**
 * An idle keep-alive connection is closed after this. A sync pass (policy, batches back to back, configuration)
 * reuses one connection and one TLS handshake, since its requests follow each other within milliseconds; a tablet
 * that has finished does not keep a connection (an fd, TLS buffers, a place under MAX_CONNECTIONS) until its next
 * pass minutes later. A proxy in front must close its idle upstream connections sooner than this.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/**
 * How often Node looks for requests past the two timeouts above. Its default, 30 s, would let a trickling client
 * live up to REQUEST_TIMEOUT_MS + 30 s; a pass over the open connections each second costs next to nothing.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

/**
 * Connections held at once; a connection beyond it is closed as soon as it is accepted, and the tablet retries on
 * its backoff. A checkpoint has a few dozen tablets and a county server a few hundred, each syncing over one
 * connection at a time (a browser opens at most six to a host while loading the app): 512 leaves room for a county's
 * tablets all syncing at once with the lead screens beside them, and keeps a flood of idle or hostile sockets at
 * tens of MB of memory (TLS buffers included) rather than at the process's file limit.
 */
export const MAX_CONNECTIONS = 512;

/** Fastify's own options for the timeouts it passes to the server it creates (HTTP or HTTPS alike). */
export const HTTP_TIMEOUT_OPTIONS = {
  requestTimeout: REQUEST_TIMEOUT_MS,
  keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
} as const;

/** What Node's server needs on top of HTTP_TIMEOUT_OPTIONS; set after the server is created, before it listens. */
export interface HttpServerSettings {
  headersTimeout: number;
  connectionsCheckingInterval: number;
  maxConnections: number;
}

/** Applies the header timeout, the check interval and the connection cap to the server Fastify created. */
export function applyHttpLimits(
  server: Server & Partial<HttpServerSettings>,
  maxConnections: number = MAX_CONNECTIONS,
): void {
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  // Read by Node when the server starts listening, so setting it here, before listen(), takes effect.
  server.connectionsCheckingInterval = TIMEOUT_CHECK_INTERVAL_MS;
  server.maxConnections = maxConnections;
}
