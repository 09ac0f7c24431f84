// Checks one tablet may upload: a token bucket per device, refilled in checks per minute, with a burst that takes a
// whole backlog at once. Past it the upload is answered 429 with Retry-After before its body is read. Beside the
// in-flight bound (ingest-admission.ts), which shares the server among all tablets; this keeps one runaway or stolen
// token from taking that share for itself. ADR 031.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './auth.ts';
import { sendProblem } from './problem.ts';

/*
 * The figures, from the checkpoint's day:
 * - A busy checkpoint screens about 3,000 vehicles a day, one check each: 125 an hour on average, a few hundred in
 *   its busiest hour. Take 500 checks in an hour, all on one tablet (a checkpoint with a single lane): ~8 a minute.
 * - Ten times that is ~80 checks a minute. INGEST_CHECKS_PER_MINUTE is 300: 18,000 an hour, 36 times that busiest
 *   hour and six times a busy checkpoint's whole day every hour. A tablet syncing as it works never comes near it.
 * - A tablet back after a day or more offline resends its backlog in full batches (SYNC_BATCH_MAX, 500) as fast as
 *   the server answers. A day at the busiest checkpoint is ~3,000 checks; INGEST_BURST_CHECKS, 25,000 (50 full
 *   batches), takes even a 20,000-check backlog at full speed, with room for the checks made while it is sent.
 * - A runaway (a tablet resending the same batch in a loop, a stolen token posting junk) gets its burst, then one
 *   full batch every 100 s, instead of a batch every few hundred ms taking in-flight slots from every other tablet.
 * A backlog larger than the burst still drains at 300 a minute: 50,000 checks take about 85 minutes in all.
 */

/** Checks a minute the bucket refills with: a device's sustained upload rate. */
export const INGEST_CHECKS_PER_MINUTE = 300;
/** Checks the bucket holds when full: what a device may upload at once after a quiet spell. */
export const INGEST_BURST_CHECKS = 25_000;

const MS_PER_MINUTE = 60_000;
const MS_PER_SECOND = 1_000;
/** A device's bucket must hold at least one check for an upload to be let in (its size is charged once read). */
const CHECKS_TO_ADMIT = 1;
/** How often the buckets are swept for devices whose bucket is full again (a full bucket is the same as none). */
const SWEEP_INTERVAL_MS = 10 * MS_PER_MINUTE;

export interface DeviceIngestRateLimits {
  checksPerMinute: number;
  burstChecks: number;
}

export const DEFAULT_DEVICE_INGEST_RATE_LIMITS: DeviceIngestRateLimits = {
  checksPerMinute: INGEST_CHECKS_PER_MINUTE,
  burstChecks: INGEST_BURST_CHECKS,
};

export interface DeviceIngestRate {
  readonly limits: DeviceIngestRateLimits;
  /**
   * onRequest hook of the upload route, after authentication and before the in-flight admission: a device whose
   * bucket is empty is answered 429 at once, its body unread, holding no slot and no place in the queue.
   */
  admit: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  /**
   * Takes the upload's checks from its device's bucket, once its body is read. The bucket may go below zero by one
   * batch: an upload let in is never cut short, and the device waits that much longer before the next.
   */
  charge(principal: Principal, checks: number): void;
  /** Checks the device may send now (for tests and diagnostics). */
  available(deviceId: string): number;
}

interface Bucket {
  /** Checks available at `atMs`; negative while the device repays an upload larger than what was left. */
  checks: number;
  atMs: number;
}

function checkLimits({ checksPerMinute, burstChecks }: DeviceIngestRateLimits): void {
  if (!(Number.isFinite(checksPerMinute) && checksPerMinute > 0))
    throw new Error(`checksPerMinute must be a number above 0, not ${checksPerMinute}`);
  if (!(Number.isFinite(burstChecks) && burstChecks >= CHECKS_TO_ADMIT))
    throw new Error(`burstChecks must be at least ${CHECKS_TO_ADMIT}, not ${burstChecks}`);
}

/** Admins are not tablets: their uploads (a migration, a test) are not limited here. */
const deviceOf = (principal: Principal | null): string | null =>
  principal?.kind === 'device' ? principal.deviceId : null;

/** `now` is a monotonic clock in ms (a wall clock set back would refill nothing; set forward, everything). */
export function createDeviceIngestRate(
  given: Partial<DeviceIngestRateLimits> = {},
  now: () => number = () => performance.now(),
): DeviceIngestRate {
  const limits: DeviceIngestRateLimits = { ...DEFAULT_DEVICE_INGEST_RATE_LIMITS, ...given };
  checkLimits(limits);
  const checksPerMs = limits.checksPerMinute / MS_PER_MINUTE;
  const buckets = new Map<string, Bucket>();
  let sweptAtMs = now();

  /** The device's checks now; a device never seen (or whose bucket filled up again) has a full bucket. */
  function level(deviceId: string, atMs: number): number {
    const bucket = buckets.get(deviceId);
    if (bucket === undefined) return limits.burstChecks;
    return Math.min(limits.burstChecks, bucket.checks + Math.max(0, atMs - bucket.atMs) * checksPerMs);
  }

  /** Devices that went quiet leave nothing behind: memory follows the devices uploading, not those ever enrolled. */
  function sweep(atMs: number): void {
    if (atMs - sweptAtMs < SWEEP_INTERVAL_MS) return;
    sweptAtMs = atMs;
    for (const deviceId of buckets.keys()) {
      if (level(deviceId, atMs) >= limits.burstChecks) buckets.delete(deviceId);
    }
  }

  /** undefined lets the upload on; otherwise the 429 sent. */
  function refuseOverRate(request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const deviceId = deviceOf(request.principal);
    if (deviceId === null) return undefined;
    const atMs = now();
    sweep(atMs);
    const checks = level(deviceId, atMs);
    if (checks >= CHECKS_TO_ADMIT) return undefined;
    const seconds = Math.max(1, Math.ceil((CHECKS_TO_ADMIT - checks) / checksPerMs / MS_PER_SECOND));
    request.log.warn({ deviceId, retryAfterS: seconds }, 'batch upload refused: the device is over its upload rate');
    void reply.header('retry-after', String(seconds));
    return sendProblem(
      reply,
      429,
      `This tablet has sent more checks than the server takes from one tablet (${limits.checksPerMinute} a ` +
        `minute after the first ${limits.burstChecks}); nothing of this batch was stored. Send it again in ${seconds} s.`,
    );
  }

  return {
    limits,
    // Async, as Fastify wants a hook that may answer: it then goes no further.
    async admit(request, reply) {
      return refuseOverRate(request, reply);
    },
    charge(principal, checks) {
      const deviceId = deviceOf(principal);
      if (deviceId === null) return;
      const atMs = now();
      buckets.set(deviceId, { checks: level(deviceId, atMs) - checks, atMs });
    },
    available(deviceId) {
      return level(deviceId, now());
    },
  };
}
