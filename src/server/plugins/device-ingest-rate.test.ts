// One tablet's upload rate: what a real checkpoint sends never meets it, a backlog after days offline goes at full
// speed, a runaway is held to its rate; over HTTP past the limit a 429 problem with Retry-After, nothing stored.
import { describe, expect, it } from 'vitest';
import { SYNC_BATCH_MAX } from '../../contract/vehicle-check.ts';
import { openTestApp, type TestApp } from '../../../tests/support/server/app.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import type { Principal } from './auth.ts';
import { createDeviceIngestRate, INGEST_BURST_CHECKS, INGEST_CHECKS_PER_MINUTE } from './device-ingest-rate.ts';
import { PROBLEM_CONTENT_TYPE } from './problem.ts';

const MS_PER_SECOND = 1_000;
const MS_PER_HOUR = 3_600_000;
const BATCH_PATH = '/api/v1/vehicle-checks/batch';

/** A clock the test moves by hand. */
function manualClock() {
  let nowMs = 0;
  return {
    now: () => nowMs,
    advance(ms: number) {
      nowMs += ms;
    },
  };
}

const tablet = (deviceId: string): Extract<Principal, { kind: 'device' }> => ({
  kind: 'device',
  deviceId,
  checkpointId: 'cp-1',
  leadSessionId: null,
});

describe('the default figures against a checkpoint’s day', () => {
  it('take a backlog of 20,000 checks, resent in full batches back to back, without holding any back', () => {
    const clock = manualClock();
    const rate = createDeviceIngestRate({}, clock.now);
    const device = tablet('back-from-a-day-offline');
    const batches = 20_000 / SYNC_BATCH_MAX;
    for (let i = 0; i < batches; i += 1) {
      expect(rate.available(device.deviceId), `batch ${i + 1}`).toBeGreaterThanOrEqual(1);
      rate.charge(device, SYNC_BATCH_MAX);
    }
  });

  it('never hold back a tablet sending ten times a busy checkpoint’s busiest hour, all day long', () => {
    const clock = manualClock();
    const rate = createDeviceIngestRate({}, clock.now);
    const device = tablet('busiest-lane');
    // A few hundred checks in the busiest hour of a 3,000-vehicle day: take 500, ten times over, all day.
    const checksPerHour = 10 * 500;
    const batchEveryMs = 36 * MS_PER_SECOND;
    const checksPerBatch = (checksPerHour * batchEveryMs) / MS_PER_HOUR;
    for (let atMs = 0; atMs < 24 * MS_PER_HOUR; atMs += batchEveryMs) {
      expect(rate.available(device.deviceId)).toBeGreaterThanOrEqual(INGEST_BURST_CHECKS - checksPerBatch);
      rate.charge(device, checksPerBatch);
      clock.advance(batchEveryMs);
    }
  });

  it('hold a tablet resending full batches in a loop to its rate once its burst is spent', () => {
    const clock = manualClock();
    const rate = createDeviceIngestRate({}, clock.now);
    const device = tablet('runaway');
    let sent = 0;
    // As fast as the server answers: the whole burst at once, and not a batch more.
    while (rate.available(device.deviceId) >= 1) {
      rate.charge(device, SYNC_BATCH_MAX);
      sent += SYNC_BATCH_MAX;
    }
    expect(sent).toBe(INGEST_BURST_CHECKS);
    // Then trying again every second for an hour: about an hour's refill, give or take one batch.
    sent = 0;
    for (let atMs = 0; atMs < MS_PER_HOUR; atMs += MS_PER_SECOND) {
      if (rate.available(device.deviceId) >= 1) {
        rate.charge(device, SYNC_BATCH_MAX);
        sent += SYNC_BATCH_MAX;
      }
      clock.advance(MS_PER_SECOND);
    }
    expect(Math.abs(sent - INGEST_CHECKS_PER_MINUTE * 60)).toBeLessThanOrEqual(SYNC_BATCH_MAX);
  });

  it('keeps each tablet’s bucket to itself', () => {
    const rate = createDeviceIngestRate({ burstChecks: 10, checksPerMinute: 1 }, manualClock().now);
    rate.charge(tablet('a'), 10);
    expect(rate.available('a')).toBe(0);
    expect(rate.available('b')).toBe(10);
  });

  it('refuses limits it cannot run with', () => {
    expect(() => createDeviceIngestRate({ checksPerMinute: 0 })).toThrow(/checksPerMinute/u);
    expect(() => createDeviceIngestRate({ burstChecks: 0 })).toThrow(/burstChecks/u);
  });
});

forEachStore('a tablet over its upload rate', ({ store }) => {
  /** A bucket of 3 checks refilled at one a second. */
  async function openWithSmallBucket(): Promise<{ t: TestApp; clock: ReturnType<typeof manualClock> }> {
    const clock = manualClock();
    const rate = createDeviceIngestRate({ burstChecks: 3, checksPerMinute: 60 }, clock.now);
    return { t: await openTestApp(store(), { deviceIngestRate: rate }), clock };
  }

  it('is answered 429 with Retry-After and nothing of the batch stored, and gets in again after that wait', async () => {
    const { t, clock } = await openWithSmallBucket();
    try {
      await t.postChecks([t.ownCheck(), t.ownCheck(), t.ownCheck()]);
      const refused = t.ownCheck();
      const response = await t.inject({
        method: 'POST',
        url: BATCH_PATH,
        headers: t.device.headers,
        payload: { checks: [refused] },
      });
      expect(response.statusCode).toBe(429);
      expect(String(response.headers['content-type']).startsWith(PROBLEM_CONTENT_TYPE)).toBe(true);
      expect(response.json<{ detail: string }>().detail).toMatch(
        /nothing of this batch was stored.*Send it again in 1 s/u,
      );
      const retryAfterS = Number(response.headers['retry-after']);
      expect(retryAfterS).toBe(1);
      const stored = await t.store.vehicleChecks.list({ checkpointId: t.checkpointId, limit: 10 });
      expect(stored.checks.map(({ check }) => check.id)).not.toContain(refused.id);
      expect(stored.checks).toHaveLength(3);

      clock.advance(retryAfterS * MS_PER_SECOND);
      expect(await t.postChecks([refused])).toEqual([expect.objectContaining({ id: refused.id, status: 'created' })]);
    } finally {
      await t.close();
    }
  });

  it('holds back that tablet alone: another tablet of the checkpoint still uploads', async () => {
    const { t } = await openWithSmallBucket();
    try {
      await t.postChecks([t.ownCheck(), t.ownCheck(), t.ownCheck()]);
      const over = await t.inject({
        method: 'POST',
        url: BATCH_PATH,
        headers: t.device.headers,
        payload: { checks: [t.ownCheck()] },
      });
      expect(over.statusCode).toBe(429);
      const other = await t.enrollDevice();
      const results = await t.postChecks([t.ownCheck({}, other), t.ownCheck({}, other)], other);
      expect(results.map((r) => r.status)).toEqual(['created', 'created']);
    } finally {
      await t.close();
    }
  });

  it('lets a batch larger than what is left in, and makes the tablet wait that much longer after it', async () => {
    const { t, clock } = await openWithSmallBucket();
    try {
      await t.postChecks([t.ownCheck()]);
      // Two left; five go in whole: a batch let in is never cut short.
      const five = Array.from({ length: 5 }, () => t.ownCheck());
      expect((await t.postChecks(five)).map((r) => r.status)).toEqual(Array(5).fill('created'));
      const over = await t.inject({
        method: 'POST',
        url: BATCH_PATH,
        headers: t.device.headers,
        payload: { checks: [t.ownCheck()] },
      });
      expect(over.statusCode).toBe(429);
      // Three checks owed, and one needed to get in: four seconds at one a second.
      expect(over.headers['retry-after']).toBe('4');
      clock.advance(4 * MS_PER_SECOND);
      await t.postChecks([t.ownCheck()]);
    } finally {
      await t.close();
    }
  });

  it('does not hold back an admin, who is not a tablet', async () => {
    const { t } = await openWithSmallBucket();
    try {
      const checks = Array.from({ length: 5 }, () => t.ownCheck());
      for (const check of checks) {
        const response = await t.inject({
          method: 'POST',
          url: BATCH_PATH,
          headers: t.admin.headers,
          payload: { checks: [check] },
        });
        expect(response.statusCode).toBe(200);
      }
    } finally {
      await t.close();
    }
  });
});
