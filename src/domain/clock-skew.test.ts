// The tablet's clock against the server's Date header: the bounds a round trip and a one-second header allow, the
// two-minute threshold judged only when clearly crossed, and the skew in words rounded to minutes (hours, days).
import { describe, expect, it } from 'vitest';
import {
  CLOCK_SKEW_THRESHOLD_SECONDS,
  clockSkewAmount,
  clockSkewBounds,
  clockSkewZh,
  isClockOff,
  readClock,
  type ServerDateSample,
} from './clock-skew.ts';

const SERVER_NOW = Date.parse('2026-11-28T08:00:00Z');
const MINUTE_MS = 60_000;

/** A request that took `roundTripMs`, from a tablet whose clock is `skewMs` ahead of the server's (behind if negative). */
function sample(skewMs: number, roundTripMs = 200, serverMsIntoSecond = 0): ServerDateSample {
  // The server writes its Date in the middle of the round trip, truncated to the second.
  const serverAtWrite = SERVER_NOW + serverMsIntoSecond;
  const tabletAtWrite = serverAtWrite + skewMs;
  return {
    sentAtMs: tabletAtWrite - roundTripMs / 2,
    receivedAtMs: tabletAtWrite + roundTripMs / 2,
    serverDateMs: Math.floor(serverAtWrite / 1000) * 1000,
  };
}

describe('clockSkewBounds', () => {
  it('holds the true skew whatever the moment in the second the server wrote its Date', () => {
    for (const into of [0, 1, 499, 500, 999]) {
      for (const skewMs of [-7 * MINUTE_MS, 0, 3_456, 7 * MINUTE_MS]) {
        const bounds = clockSkewBounds(sample(skewMs, 300, into));
        expect(bounds.lowMs, `${skewMs} at +${into}`).toBeLessThanOrEqual(skewMs);
        expect(bounds.highMs, `${skewMs} at +${into}`).toBeGreaterThanOrEqual(skewMs);
      }
    }
  });

  it('is as wide as the round trip and the header’s one second, and centred on the estimate', () => {
    const bounds = clockSkewBounds(sample(-7 * MINUTE_MS, 800, 250));
    expect(bounds.highMs - bounds.lowMs).toBe(800 + 1000);
    expect(bounds.estimateMs).toBe((bounds.lowMs + bounds.highMs) / 2);
    // Off by at most half the width.
    expect(Math.abs(bounds.estimateMs - -7 * MINUTE_MS)).toBeLessThanOrEqual(900);
  });
});

describe('readClock', () => {
  it('finds a clock 7 minutes behind or ahead off, the skew in seconds signed as the tablet minus the server', () => {
    expect(readClock(sample(-7 * MINUTE_MS))).toEqual({ kind: 'off', skewSeconds: -420 });
    expect(readClock(sample(7 * MINUTE_MS))).toEqual({ kind: 'off', skewSeconds: 420 });
  });

  it('finds a clock within two minutes right, either way', () => {
    for (const skewMs of [0, 30_000, -30_000, 118_000, -118_000]) {
      expect(readClock(sample(skewMs)), String(skewMs)).toEqual({ kind: 'right' });
    }
  });

  it('counts a skew only when clearly beyond the threshold: near it, the header’s second leaves it unsure', () => {
    const threshold = CLOCK_SKEW_THRESHOLD_SECONDS * 1000;
    // 0.5 s beyond, written half-way through the server's second: the bounds reach back within it. Not clearly off,
    // not right either.
    expect(readClock(sample(threshold + 500, 200, 500))).toEqual({ kind: 'unsure' });
    expect(readClock(sample(-threshold - 500, 200, 500))).toEqual({ kind: 'unsure' });
    // 2 s beyond the threshold is beyond the bounds' width.
    expect(readClock(sample(threshold + 2000))).toMatchObject({ kind: 'off' });
    expect(readClock(sample(-threshold - 2000))).toMatchObject({ kind: 'off' });
  });

  it('takes a slow answer’s round trip into account: 3 minutes off, answered in 4 minutes, proves nothing', () => {
    expect(readClock(sample(3 * MINUTE_MS, 4 * MINUTE_MS))).toEqual({ kind: 'unsure' });
    // A slow answer of a clock that is right cannot make it look off.
    expect(readClock(sample(0, 5 * MINUTE_MS))).toEqual({ kind: 'unsure' });
    expect(readClock(sample(3 * MINUTE_MS, 30_000))).toEqual({ kind: 'off', skewSeconds: 180 });
  });

  it('says nothing when the tablet’s clock went backwards during the request (the officer set it meanwhile)', () => {
    expect(
      readClock({ sentAtMs: SERVER_NOW, receivedAtMs: SERVER_NOW - 7 * MINUTE_MS, serverDateMs: SERVER_NOW }),
    ).toEqual({ kind: 'unsure' });
  });

  it('never records an off clock as a skew the report would not count', () => {
    // The least skew a reading finds off, rounded, is still a clock that is off.
    for (let extraMs = 1001; extraMs < 2500; extraMs += 97) {
      const reading = readClock(sample(CLOCK_SKEW_THRESHOLD_SECONDS * 1000 + extraMs, 10));
      if (reading.kind === 'off') expect(isClockOff(reading.skewSeconds), String(extraMs)).toBe(true);
    }
  });
});

describe('isClockOff', () => {
  it('counts two minutes or more either way, and nothing for a check without a skew', () => {
    expect(isClockOff(120)).toBe(true);
    expect(isClockOff(-120)).toBe(true);
    expect(isClockOff(119)).toBe(false);
    expect(isClockOff(-119)).toBe(false);
    expect(isClockOff(0)).toBe(false);
    expect(isClockOff(undefined)).toBe(false);
    expect(isClockOff(null)).toBe(false);
  });
});

describe('clockSkewAmount', () => {
  it.each([
    [-420, { direction: 'behind', amount: 7, unit: 'minutes' }],
    [420, { direction: 'ahead', amount: 7, unit: 'minutes' }],
    // To the nearest minute: 7 min 29 s is 7, 7 min 30 s is 8.
    [-449, { direction: 'behind', amount: 7, unit: 'minutes' }],
    [-450, { direction: 'behind', amount: 8, unit: 'minutes' }],
    [450, { direction: 'ahead', amount: 8, unit: 'minutes' }],
    [120, { direction: 'ahead', amount: 2, unit: 'minutes' }],
    [-121, { direction: 'behind', amount: 2, unit: 'minutes' }],
    [119 * 60 + 29, { direction: 'ahead', amount: 119, unit: 'minutes' }],
    // From two hours, hours; from two days, days.
    [119 * 60 + 30, { direction: 'ahead', amount: 2, unit: 'hours' }],
    [-(5 * 3600 + 20 * 60), { direction: 'behind', amount: 5, unit: 'hours' }],
    [47 * 3600 + 29 * 60, { direction: 'ahead', amount: 47, unit: 'hours' }],
    [47 * 3600 + 30 * 60, { direction: 'ahead', amount: 2, unit: 'days' }],
    [-365 * 86_400, { direction: 'behind', amount: 365, unit: 'days' }],
  ] as const)('%i s is %o', (seconds, expected) => {
    expect(clockSkewAmount(seconds)).toEqual(expected);
  });
});

describe('clockSkewZh', () => {
  it('writes the skew as an export names it beside a tablet', () => {
    expect(clockSkewZh(-420)).toBe('慢 7 分钟');
    expect(clockSkewZh(3 * 3600)).toBe('快 3 小时');
    expect(clockSkewZh(-3 * 86_400)).toBe('慢 3 天');
  });
});
