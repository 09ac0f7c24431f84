// Times as the checkpoint's wall clock: offsets (DST too), local days and spans.
import { describe, expect, it } from 'vitest';
import { formatInZone, hoursBetween, localDay } from './time.ts';

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
      const part = (type: Intl.DateTimeFormatPartTypes) => reference.formatToParts(epochMs).find((p) => p.type === type)?.value ?? '';
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
