// Sampling times as the officer gives them (today, yesterday, an exact wall time) in the checkpoint's zone.
import { describe, expect, it } from 'vitest';
import { isoToWallTime, startOfLocalDay, wallTimeToIso } from './zoned-time.ts';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';

describe('wallTimeToIso', () => {
  it('reads a wall time in Shanghai as +08:00', () => {
    expect(wallTimeToIso('2026-11-28T08:05', SHANGHAI)).toBe('2026-11-28T08:05:00+08:00');
    expect(wallTimeToIso('2026-01-01T00:00', SHANGHAI)).toBe('2026-01-01T00:00:00+08:00');
  });

  it('uses the offset in force at that wall time around the spring change (2026-03-08)', () => {
    expect(wallTimeToIso('2026-03-08T01:30', NEW_YORK)).toBe('2026-03-08T01:30:00-05:00');
    expect(wallTimeToIso('2026-03-08T03:30', NEW_YORK)).toBe('2026-03-08T03:30:00-04:00');
    expect(wallTimeToIso('2026-03-07T23:00', NEW_YORK)).toBe('2026-03-07T23:00:00-05:00');
    expect(wallTimeToIso('2026-03-09T00:00', NEW_YORK)).toBe('2026-03-09T00:00:00-04:00');
  });

  it('gives a real instant next to a wall time the spring change skips', () => {
    // 02:30 never shows on New York clocks that night; either neighbouring reading is an honest answer.
    expect(['2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00']).toContain(wallTimeToIso('2026-03-08T02:30', NEW_YORK));
  });

  it('uses the offset in force at that wall time around the autumn change (2026-11-01)', () => {
    expect(wallTimeToIso('2026-11-01T00:30', NEW_YORK)).toBe('2026-11-01T00:30:00-04:00');
    // 01:30 happens twice: the first (daylight) one is taken.
    expect(wallTimeToIso('2026-11-01T01:30', NEW_YORK)).toBe('2026-11-01T01:30:00-04:00');
    expect(wallTimeToIso('2026-11-01T02:30', NEW_YORK)).toBe('2026-11-01T02:30:00-05:00');
  });

  it('returns null for malformed or impossible wall times', () => {
    for (const wall of [
      '',
      'today',
      '2026-11-28',
      '2026-11-28 08:05',
      '2026-11-28T8:05',
      '2026-11-28T08:05:00+08:00',
      '2026-13-01T08:00',
      '2026-02-30T08:00',
      '2026-11-28T24:00',
      '2026-11-28T08:60',
    ]) {
      expect(wallTimeToIso(wall, SHANGHAI), wall).toBeNull();
    }
  });
});

describe('startOfLocalDay', () => {
  it('is local midnight in Shanghai, even while the UTC date is still yesterday', () => {
    const justAfterMidnight = Date.parse('2026-11-28T00:30:00+08:00');
    expect(startOfLocalDay(justAfterMidnight, SHANGHAI, 0)).toBe('2026-11-28T00:00:00+08:00');
    expect(startOfLocalDay(justAfterMidnight, SHANGHAI, 1)).toBe('2026-11-27T00:00:00+08:00');
  });

  it('counts back across a month end', () => {
    expect(startOfLocalDay(Date.parse('2026-03-01T10:00:00+08:00'), SHANGHAI, 1)).toBe('2026-02-28T00:00:00+08:00');
  });

  it('keeps each midnight’s own offset across daylight-saving changes', () => {
    const springEvening = Date.parse('2026-03-08T20:00:00-04:00');
    expect(startOfLocalDay(springEvening, NEW_YORK, 0)).toBe('2026-03-08T00:00:00-05:00');
    expect(startOfLocalDay(Date.parse('2026-03-09T09:00:00-04:00'), NEW_YORK, 1)).toBe('2026-03-08T00:00:00-05:00');
    const autumnEvening = Date.parse('2026-11-01T23:00:00-05:00');
    expect(startOfLocalDay(autumnEvening, NEW_YORK, 0)).toBe('2026-11-01T00:00:00-04:00');
    expect(startOfLocalDay(Date.parse('2026-11-02T09:00:00-05:00'), NEW_YORK, 1)).toBe('2026-11-01T00:00:00-04:00');
  });
});

describe('isoToWallTime', () => {
  it('shows an instant as the checkpoint’s wall time, whatever offset it was written with', () => {
    expect(isoToWallTime('2026-11-28T08:01:40+08:00', SHANGHAI)).toBe('2026-11-28T08:01');
    expect(isoToWallTime('2026-11-28T00:01:40Z', SHANGHAI)).toBe('2026-11-28T08:01');
    expect(isoToWallTime('2026-11-27T16:30:00Z', SHANGHAI)).toBe('2026-11-28T00:30');
  });

  it('tells the two 01:30s of the autumn change apart by their offsets', () => {
    expect(isoToWallTime('2026-11-01T05:30:00Z', NEW_YORK)).toBe('2026-11-01T01:30');
    expect(isoToWallTime('2026-11-01T06:30:00Z', NEW_YORK)).toBe('2026-11-01T01:30');
    expect(isoToWallTime('2026-11-01T07:30:00Z', NEW_YORK)).toBe('2026-11-01T02:30');
  });

  it('round-trips with wallTimeToIso', () => {
    for (const wall of ['2026-11-28T08:05', '2026-03-08T03:30', '2026-11-01T02:30']) {
      const zone = wall.startsWith('2026-11-28') ? SHANGHAI : NEW_YORK;
      const iso = wallTimeToIso(wall, zone);
      expect(iso && isoToWallTime(iso, zone)).toBe(wall);
    }
  });
});
