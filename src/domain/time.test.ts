// Times as the checkpoint's wall clock: offsets (DST too), local days and spans.
import { describe, expect, it } from 'vitest';
import {
  formatInZone,
  hoursBetween,
  isoToWallTime,
  localDay,
  localDaysBetween,
  startOfLocalDay,
  wallTimeToIso,
} from './time.ts';

describe('formatInZone', () => {
  it.each([
    ['2026-11-28T00:01:02Z', 'Asia/Shanghai', '2026-11-28T08:01:02+08:00'],
    ['2026-11-27T16:00:00Z', 'Asia/Shanghai', '2026-11-28T00:00:00+08:00'],
    ['2026-11-28T00:01:02.999Z', 'Asia/Shanghai', '2026-11-28T08:01:02+08:00'],
    ['2026-11-28T00:01:02Z', 'UTC', '2026-11-28T00:01:02+00:00'],
    ['2026-11-28T00:01:02Z', 'Asia/Kolkata', '2026-11-28T05:31:02+05:30'],
    // New York springs forward at 02:00 on 8 March 2026 and falls back at 02:00 on 1 November.
    ['2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08T01:59:59-05:00'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08T03:00:00-04:00'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01T01:30:00-04:00'],
    ['2026-11-01T06:30:00Z', 'America/New_York', '2026-11-01T01:30:00-05:00'],
    ['2026-07-01T12:00:00Z', 'Europe/Berlin', '2026-07-01T14:00:00+02:00'],
    ['2026-01-01T12:00:00Z', 'Europe/Berlin', '2026-01-01T13:00:00+01:00'],
  ])('%s in %s is %s', (instant, zone, text) => {
    expect(formatInZone(Date.parse(instant), zone)).toBe(text);
  });

  it('round-trips: the text parses back to the same instant', () => {
    const epochMs = Date.parse('2026-11-01T06:30:00Z');
    expect(Date.parse(formatInZone(epochMs, 'America/New_York'))).toBe(epochMs);
  });

  // The offset is remembered per quarter hour: every second around each zone's changes must still agree with Intl,
  // in zones with half-hour DST (Lord Howe), quarter-hour offsets (Kathmandu, Chatham) and the usual ones.
  it.each([
    ['America/New_York', '2026-03-08T06:00:00Z'],
    ['America/New_York', '2026-11-01T05:00:00Z'],
    ['Europe/Berlin', '2026-03-29T00:00:00Z'],
    ['Europe/Berlin', '2026-10-25T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-04-04T14:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:00:00Z'],
    ['Pacific/Chatham', '2026-04-04T13:00:00Z'],
    ['Pacific/Chatham', '2026-09-26T13:00:00Z'],
    ['Asia/Kathmandu', '2026-06-01T00:00:00Z'],
  ])('agrees with Intl at every 7th second for three hours in %s from %s', (zone, from) => {
    const reference = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    const expected = (epochMs: number): string => {
      const part = (type: Intl.DateTimeFormatPartTypes) =>
        reference.formatToParts(epochMs).find((p) => p.type === type)?.value ?? '';
      const offset = part('timeZoneName').replace('GMT', '') || '+00:00';
      return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
    };
    const start = Date.parse(from);
    const offsets = new Set<string>();
    for (let epochMs = start; epochMs < start + 3 * 3_600_000; epochMs += 7_000) {
      const text = formatInZone(epochMs, zone);
      expect(text, new Date(epochMs).toISOString()).toBe(expected(epochMs));
      offsets.add(text.slice(19));
    }
    // The windows hold a change of offset, except Kathmandu's, which has none: the check is not vacuous.
    expect(offsets.size).toBe(zone === 'Asia/Kathmandu' ? 1 : 2);
  });
});

describe('localDay', () => {
  it.each([
    ['2026-11-28T23:30:00+08:00', 'Asia/Shanghai', '2026-11-28'],
    ['2026-11-28T16:30:00Z', 'Asia/Shanghai', '2026-11-29'],
    ['2026-11-28T15:59:59Z', 'Asia/Shanghai', '2026-11-28'],
    ['2026-11-28T00:30:00+08:00', 'UTC', '2026-11-27'],
  ])('%s falls on %3$s in %2$s', (iso, zone, day) => {
    expect(localDay(iso, zone)).toBe(day);
  });

  it('refuses text that is not a date-time', () => {
    expect(() => localDay('yesterday', 'Asia/Shanghai')).toThrow(RangeError);
  });
});

describe('hoursBetween', () => {
  it.each([
    ['2026-11-26T08:00:00+08:00', '2026-11-28T08:00:00+08:00', 48],
    ['2026-11-26T00:00:00Z', '2026-11-26T08:00:00+08:00', 0],
    ['2026-11-28T08:00:00+08:00', '2026-11-28T07:30:00+08:00', -0.5],
    ['2026-11-26T07:59:00+08:00', '2026-11-28T08:00:00+08:00', 48 + 1 / 60],
  ])('%s → %s is %d h', (from, to, hours) => {
    expect(hoursBetween(from, to)).toBeCloseTo(hours, 9);
  });
});

// Sampling times as the officer gives them (today, yesterday, an exact wall time) in the checkpoint's zone.
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
    expect(['2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00']).toContain(
      wallTimeToIso('2026-03-08T02:30', NEW_YORK),
    );
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

describe('localDaysBetween', () => {
  const at = (iso: string) => Date.parse(iso);

  it('is one day for a day shift, two for a 24-hour shift from 08:00, in the checkpoint’s zone', () => {
    expect(localDaysBetween(at('2026-11-28T08:00:00+08:00'), at('2026-11-28T16:00:00+08:00'), 'Asia/Shanghai')).toEqual(
      ['2026-11-28'],
    );
    expect(localDaysBetween(at('2026-11-28T08:00:00+08:00'), at('2026-11-29T08:00:00+08:00'), 'Asia/Shanghai')).toEqual(
      ['2026-11-28', '2026-11-29'],
    );
    // 23:30 to 00:10 local: two days, though the hour steps never land after midnight before the end.
    expect(localDaysBetween(at('2026-11-28T23:30:00+08:00'), at('2026-11-29T00:10:00+08:00'), 'Asia/Shanghai')).toEqual(
      ['2026-11-28', '2026-11-29'],
    );
    expect(localDaysBetween(at('2026-11-28T23:30:00+08:00'), at('2026-11-28T23:30:00+08:00'), 'Asia/Shanghai')).toEqual(
      ['2026-11-28'],
    );
  });
});
