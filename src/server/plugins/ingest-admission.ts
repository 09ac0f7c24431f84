// Batch uploads admitted before their bodies are read: a few ingests in flight, a bounded queue behind them, and past
// it an immediate 503 with Retry-After, so a crowd of tablets syncing at once cannot take the server's memory (ADR 019).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_TIMEOUT_MS } from '../http-limits.ts';
import { sendProblem } from './problem.ts';

/**
 * Uploads read, validated and stored at once. Each holds its batch several times over while in flight (the body as
 * text, the parsed JSON, the validated copy, each check serialised again, the rows for the store); the work is CPU
 * and, on SQLite, one writer, so on a 2-core machine more than a few in flight add memory and no throughput. Eight
 * lets bodies still crossing a slow Wi-Fi overlap with the batches being stored.
 */
export const INGESTS_IN_FLIGHT_MAX = 8;

/**
 * Bytes of the bodies in flight, by their Content-Length. What a batch holds grows with its size (about five times
 * its bytes at the peak of its intake), so the count alone would let eight 4 MB batches (crowded buses) hold some
 * 200 MB. Twice the largest body the app takes (BODY_LIMIT_BYTES, 4 MiB): two of those, or the eight of a usual
 * 0.5 MB; one larger than this still goes in alone.
 */
export const INGEST_BYTES_IN_FLIGHT_MAX = 8 * 1024 * 1024;

/**
 * Uploads waiting for a slot. A waiter's body stays unread in the kernel's socket buffers (TCP flow control stops
 * its tablet sending more), so it costs a socket and a few tens of kB of memory, not its batch.
 */
export const INGEST_QUEUE_MAX = 64;

/**
 * Longest wait in the queue before the upload is turned away with a 503. Well under REQUEST_TIMEOUT_MS, which cuts
 * off a request whose body has not arrived in time: a waiter needs the rest of that time to send its body.
 */
export const INGEST_QUEUE_WAIT_MAX_MS = 10_000;

/**
 * Retry-After of a 503, in whole seconds, drawn in this range: tablets turned away together come back spread over
 * fifteen seconds rather than all in the same one. A full queue drains in a few seconds at a few hundred ms a batch.
 */
export const RETRY_AFTER_MIN_S = 5;
export const RETRY_AFTER_MAX_S = 20;

export interface IngestLimits {
  /** Uploads past authentication whose bodies are being read, validated or stored. */
  inFlightMax: number;
  /** Their Content-Lengths summed (a body sent without one counts as the route's body limit). */
  bytesInFlightMax: number;
  /** Uploads waiting, bodies unread, for one of those. */
  queueMax: number;
  /** How long one may wait before it is answered 503; less than REQUEST_TIMEOUT_MS. */
  queueWaitMaxMs: number;
  retryAfterMinS: number;
  retryAfterMaxS: number;
}

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  inFlightMax: INGESTS_IN_FLIGHT_MAX,
  bytesInFlightMax: INGEST_BYTES_IN_FLIGHT_MAX,
  queueMax: INGEST_QUEUE_MAX,
  queueWaitMaxMs: INGEST_QUEUE_WAIT_MAX_MS,
  retryAfterMinS: RETRY_AFTER_MIN_S,
  retryAfterMaxS: RETRY_AFTER_MAX_S,
};

export interface IngestAdmissionStatus {
  inFlight: number;
  bytesInFlight: number;
  queued: number;
}

export interface IngestAdmission {
  readonly limits: IngestLimits;
  /** onRequest hook of the upload route, after authentication: resolves when the upload may go on, or answers 503. */
  admit: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  status(): IngestAdmissionStatus;
}

/** Why a waiting upload left the queue without a slot. */
type Turnaway = 'waited too long' | 'client gone';

function checkLimits(limits: IngestLimits): void {
  const { inFlightMax, bytesInFlightMax, queueMax, queueWaitMaxMs, retryAfterMinS, retryAfterMaxS } = limits;
  if (!Number.isInteger(inFlightMax) || inFlightMax < 1)
    throw new Error(`inFlightMax must be an integer ≥ 1, not ${inFlightMax}`);
  if (!(bytesInFlightMax >= 1)) throw new Error(`bytesInFlightMax must be at least 1, not ${bytesInFlightMax}`);
  if (!Number.isInteger(queueMax) || queueMax < 0) throw new Error(`queueMax must be an integer ≥ 0, not ${queueMax}`);
  if (!(queueWaitMaxMs > 0 && queueWaitMaxMs < REQUEST_TIMEOUT_MS)) {
    throw new Error(
      `queueWaitMaxMs must be between 0 and ${REQUEST_TIMEOUT_MS} ms (the request timeout), not ${queueWaitMaxMs}`,
    );
  }
  if (
    !Number.isInteger(retryAfterMinS) ||
    retryAfterMinS < 1 ||
    !Number.isInteger(retryAfterMaxS) ||
    retryAfterMaxS < retryAfterMinS
  ) {
    throw new Error(`Retry-After must be whole seconds with 1 ≤ min ≤ max, not ${retryAfterMinS}–${retryAfterMaxS}`);
  }
}

/** What an upload will bring in: its Content-Length, or the most the route takes when it sent none (chunked). */
function declaredBytes(request: FastifyRequest): number {
  const length = Number(request.headers['content-length']);
  return Number.isSafeInteger(length) && length >= 0 ? length : request.routeOptions.bodyLimit;
}

/**
 * Calls `done` once, when the response has closed (sent, or its connection dropped) — or when the connection has
 * closed, which is the only sign for a request pipelined behind another: its response never gets a socket, so never
 * closes. Returns what stops listening.
 */
function whenGone(request: FastifyRequest, reply: FastifyReply, done: () => void): () => void {
  const { socket } = request.raw;
  let called = false;
  const stop = () => {
    reply.raw.off('close', once);
    socket.off('close', once);
  };
  function once(): void {
    if (called) return;
    called = true;
    stop();
    done();
  }
  // Node sets destroyed as it emits 'close': already set means the event is past, and would never reach us.
  if (reply.raw.destroyed || socket.destroyed) {
    once();
    return stop;
  }
  reply.raw.once('close', once);
  socket.once('close', once);
  return stop;
}

/** A waiting upload: its size, and how it is let in. */
interface Waiter {
  bytes: number;
  admit(): void;
}

/**
 * A slot is taken in the route's onRequest hook, before Fastify reads the body, and given back when the response
 * closes (sent, or the connection dropped); the longest waiters then go in, in arrival order, as far as they fit.
 */
export function createIngestAdmission(
  given: Partial<IngestLimits> = {},
  random: () => number = Math.random,
): IngestAdmission {
  const limits: IngestLimits = { ...DEFAULT_INGEST_LIMITS, ...given };
  checkLimits(limits);
  let inFlight = 0;
  let bytesInFlight = 0;
  // Insertion order is arrival order: the longest waiter is the first value.
  const queue = new Set<Waiter>();

  const status = (): IngestAdmissionStatus => ({ inFlight, bytesInFlight, queued: queue.size });

  // Alone, any upload fits: one larger than the byte bound must still get in some time.
  const fits = (bytes: number) =>
    inFlight < limits.inFlightMax && (inFlight === 0 || bytesInFlight + bytes <= limits.bytesInFlightMax);

  function take(bytes: number, request: FastifyRequest, reply: FastifyReply): void {
    inFlight += 1;
    bytesInFlight += bytes;
    whenGone(request, reply, () => {
      inFlight -= 1;
      bytesInFlight -= bytes;
      letWaitersIn();
    });
  }

  /** First come, first in: a small upload does not overtake a large one that waits for room. */
  function letWaitersIn(): void {
    for (const waiter of queue) {
      if (!fits(waiter.bytes)) return;
      queue.delete(waiter);
      waiter.admit();
    }
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, why: 'queue full' | Turnaway): FastifyReply {
    const span = limits.retryAfterMaxS - limits.retryAfterMinS + 1;
    const seconds = limits.retryAfterMinS + Math.min(span - 1, Math.floor(random() * span));
    request.log.warn({ ingests: status(), why, retryAfterS: seconds }, 'batch upload turned away: the server is busy');
    void reply.header('retry-after', String(seconds));
    return sendProblem(
      reply,
      503,
      `The server is busy taking other tablets' checks; nothing of this batch was stored. Send it again in ${seconds} s.`,
    );
  }

  function waitForRoom(bytes: number, request: FastifyRequest, reply: FastifyReply): Promise<Turnaway | null> {
    return new Promise((resolve) => {
      let stopWatching = (): void => undefined;
      const timer = setTimeout(() => leave('waited too long'), limits.queueWaitMaxMs);
      const settle = () => {
        clearTimeout(timer);
        stopWatching();
      };
      const waiter: Waiter = {
        bytes,
        admit() {
          settle();
          take(bytes, request, reply);
          resolve(null);
        },
      };
      function leave(why: Turnaway): void {
        queue.delete(waiter);
        settle();
        resolve(why);
        // It may have been the one at the head that did not fit: those behind it may.
        letWaitersIn();
      }
      queue.add(waiter);
      stopWatching = whenGone(request, reply, () => leave('client gone'));
    });
  }

  return {
    limits,
    status,
    async admit(request, reply) {
      const bytes = declaredBytes(request);
      if (queue.size === 0 && fits(bytes)) {
        take(bytes, request, reply);
        return undefined;
      }
      // Gone already (while authentication ran): queueing it would only cost a waiter a turn.
      if (reply.raw.destroyed || request.raw.socket.destroyed) return refuse(request, reply, 'client gone');
      if (queue.size >= limits.queueMax) return refuse(request, reply, 'queue full');
      const turnedAway = await waitForRoom(bytes, request, reply);
      return turnedAway === null ? undefined : refuse(request, reply, turnedAway);
    },
  };
}
