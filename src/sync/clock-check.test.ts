// What each answer's Date proves about the tablet's clock is kept for the banner and the next checks: an off clock is
// kept with its skew, a later answer that finds it right clears it, an answer that cannot tell changes nothing.
import { describe, expect, it } from 'vitest';
import type { ClockSkewRecord, ServerDateSample } from '../domain/clock-skew.ts';
import { createClockCheck, type ClockSkewPort } from './clock-check.ts';

const SERVER_NOW = Date.parse('2026-11-28T08:00:00Z');
const MINUTE_MS = 60_000;

/** An answer from a server whose clock reads SERVER_NOW, to a tablet `skewMs` ahead of it, in `roundTripMs`. */
function answer(skewMs: number, roundTripMs = 200): ServerDateSample {
  const tablet = SERVER_NOW + 500 + skewMs;
  return { sentAtMs: tablet - roundTripMs / 2, receivedAtMs: tablet + roundTripMs / 2, serverDateMs: SERVER_NOW };
}

function memoryPort(initial?: ClockSkewRecord | null): ClockSkewPort & { writes: (ClockSkewRecord | null)[] } {
  let value = initial;
  const writes: (ClockSkewRecord | null)[] = [];
  return {
    writes,
    get: () => Promise.resolve(value),
    set(record) {
      value = record;
      writes.push(record);
      return Promise.resolve();
    },
  };
}

describe('createClockCheck', () => {
  it('keeps a clock found 7 minutes behind, then clears it when a later answer finds it right', async () => {
    const port = memoryPort();
    const check = createClockCheck(port);
    check.observe(answer(-7 * MINUTE_MS));
    await check.settled();
    expect(await port.get()).toEqual({ skewSeconds: -420 });
    check.observe(answer(3_000));
    await check.settled();
    expect(await port.get()).toBeNull();
  });

  it('changes nothing on an answer that cannot tell: too slow, or near the threshold', async () => {
    const port = memoryPort({ skewSeconds: 420 });
    const check = createClockCheck(port);
    check.observe(answer(0, 10 * MINUTE_MS));
    check.observe(answer(2 * MINUTE_MS));
    await check.settled();
    expect(port.writes).toEqual([]);
    expect(await port.get()).toEqual({ skewSeconds: 420 });
  });

  it('writes only when the finding changed, in the order the answers came', async () => {
    const port = memoryPort();
    const check = createClockCheck(port);
    for (const skewMs of [0, 0, 7 * MINUTE_MS, 7 * MINUTE_MS, 9 * MINUTE_MS, 0, 0]) check.observe(answer(skewMs));
    await check.settled();
    // A clock never found off needs no clearing.
    expect(port.writes).toEqual([{ skewSeconds: 420 }, { skewSeconds: 540 }, null]);
  });

  it('tries again on the next answer when the store refused a write', async () => {
    const port = memoryPort();
    let refuse = true;
    const check = createClockCheck({
      get: () => port.get(),
      set: (record) => (refuse ? Promise.reject(new Error('QuotaExceededError')) : port.set(record)),
    });
    check.observe(answer(-7 * MINUTE_MS));
    await check.settled();
    expect(await port.get()).toBeUndefined();
    refuse = false;
    check.observe(answer(-7 * MINUTE_MS));
    await check.settled();
    expect(await port.get()).toEqual({ skewSeconds: -420 });
  });
});
