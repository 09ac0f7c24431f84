// Instants as wall-clock text in a named time zone (the checkpoint's), and spans between ISO times.

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

// Building a DateTimeFormat is slow; a checkpoint uses one or two zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

const MS_PER_QUARTER_HOUR = 15 * MS_PER_MINUTE;
/** Quarter hours remembered per zone before the memo starts afresh (a year of checks is ~35,000). */
const OFFSET_MEMO_MAX = 50_000;

/**
 * The zone's offset from UTC in minutes at the instant, read from Intl once per quarter hour: formatToParts costs
 * ~15 µs, and the server works out the local day of every check it takes in. Safe because every zone in use today
 * has offsets in whole quarter hours and changes them at whole local hours or half hours, so a change always falls
 * on a UTC quarter hour, never inside one.
 */
const offsetMemo = new Map<string, Map<number, number>>();

function offsetMinutesAt(wholeSecondMs: number, timeZone: string): number {
  let zone = offsetMemo.get(timeZone);
  if (zone === undefined || zone.size >= OFFSET_MEMO_MAX) {
    zone = new Map();
    offsetMemo.set(timeZone, zone);
  }
  const quarter = Math.floor(wholeSecondMs / MS_PER_QUARTER_HOUR);
  const known = zone.get(quarter);
  if (known !== undefined) return known;
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(wholeSecondMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  // The zone's offset is how far its wall clock runs ahead of UTC at this instant (DST included).
  const offset = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecondMs) / MS_PER_MINUTE);
  zone.set(quarter, offset);
  return offset;
}

/** '2026-11-28T08:01:02+08:00': the instant's wall-clock time in `timeZone`, with that zone's offset then. */
export function formatInZone(epochMs: number, timeZone: string): string {
  const wholeSecondMs = Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
  const offsetMinutes = offsetMinutesAt(wholeSecondMs, timeZone);
  const wall = new Date(wholeSecondMs + offsetMinutes * MS_PER_MINUTE);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return `${date}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}${offset}`;
}

/** 'YYYY-MM-DD' of the instant `iso` in `timeZone` (the checkpoint's local day of a check). */
export function localDay(iso: string, timeZone: string): string {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) throw new RangeError(`not an ISO date-time: ${iso}`);
  return formatInZone(epochMs, timeZone).slice(0, 10);
}

/** Hours from one ISO instant to another (negative when `toIso` is earlier; NaN when either is invalid). */
export function hoursBetween(fromIso: string, toIso: string): number {
  return (Date.parse(toIso) - Date.parse(fromIso)) / MS_PER_HOUR;
}
