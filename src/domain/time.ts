// Time in the checkpoint's zone, all of it: instants as wall-clock text with the zone's offset, wall times read back
// as instants, local days and hours, and spans between ISO times. Every day, hour and clock an officer, a report or
// a shift rotation sees is the checkpoint's, never the tablet's or the server's own zone.

/**
 * The zone of a checkpoint created without one, and of a tablet not yet enrolled (China keeps one zone, UTC+8 all
 * year). The one place the name is written: screens, the server and the demo checkpoint read it from here.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
const MINUTES_PER_HOUR = 60;

/** Whether the runtime knows `zone` as an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

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

/** 'YYYY-MM-DD HH:mm' on the checkpoint's clock: a time with its date, as screens and printouts show it. */
export function wallDateAndMinute(epochMs: number, timeZone: string): string {
  return formatInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');
}

/** 'YYYY-MM-DD HH:mm:ss' on the checkpoint's clock: what a lead reads and signs in an export. */
export function wallDateAndSecond(epochMs: number, timeZone: string): string {
  return formatInZone(epochMs, timeZone).slice(0, 19).replace('T', ' ');
}

/** "Today" for this checkpoint: the local day in its zone at `nowMs`, not the tablet's. */
export function todayIn(timeZone: string, nowMs: number): string {
  return formatInZone(nowMs, timeZone).slice(0, 10);
}

/** 'HH:mm' of the instant on the checkpoint's clock. */
export function timeOfDay(iso: string, timeZone: string): string {
  return formatInZone(Date.parse(iso), timeZone).slice(11, 16);
}

/** The offset at the end of an ISO time ('+08:00' → 480, 'Z' or none → 0), in minutes. */
export function offsetMinutesOf(iso: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/u.exec(iso);
  if (match === null) return 0;
  const minutes = Number(match[2]) * MINUTES_PER_HOUR + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** 'YYYY-MM-DDTHH:mm' read as a wall time in `timeZone` → ISO with offset, or null when malformed. */
export function wallTimeToIso(wall: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/u.exec(wall);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Date.UTC rolls impossible fields over ('2026-02-30' → 2 March): those are malformed, not another day.
  if (Number.isNaN(asUtc) || new Date(asUtc).toISOString().slice(0, 16) !== wall) return null;
  // Two passes settle the offset even when the wall time sits near a daylight-saving change.
  let instant = asUtc - offsetMinutesOf(formatInZone(asUtc, timeZone)) * MS_PER_MINUTE;
  instant = asUtc - offsetMinutesOf(formatInZone(instant, timeZone)) * MS_PER_MINUTE;
  return formatInZone(instant, timeZone);
}

/** ISO with offset → 'YYYY-MM-DDTHH:mm' in `timeZone`, for a datetime-local input. */
export function isoToWallTime(iso: string, timeZone: string): string {
  return formatInZone(Date.parse(iso), timeZone).slice(0, 16);
}

/** Midnight at the start of the local day `daysBack` days before `nowMs` (docs/decisions/006: "today/yesterday"). */
export function startOfLocalDay(nowMs: number, timeZone: string, daysBack: number): string {
  const today = todayIn(timeZone, nowMs);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d - daysBack));
  const wall = `${day.toISOString().slice(0, 10)}T00:00`;
  return wallTimeToIso(wall, timeZone) ?? formatInZone(nowMs, timeZone);
}

/**
 * Epoch ms of a wall-clock minute on a local date. Near a daylight-saving change the offsets a day either side
 * are tried: a repeated wall time takes its first occurrence, a skipped one moves forward by the gap (as
 * Temporal's "compatible" disambiguation does).
 */
export function wallMinuteToEpochMs(date: string, minuteOfDay: number, timeZone: string): number {
  const asUtc = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MS_PER_MINUTE;
  const wanted = new Date(asUtc).toISOString().slice(0, 16);
  const offsetBefore = offsetMinutesOf(formatInZone(asUtc - MS_PER_DAY, timeZone)) * MS_PER_MINUTE;
  const offsetAfter = offsetMinutesOf(formatInZone(asUtc + MS_PER_DAY, timeZone)) * MS_PER_MINUTE;
  const matching = [asUtc - offsetBefore, asUtc - offsetAfter].filter(
    (candidate) => formatInZone(candidate, timeZone).slice(0, 16) === wanted,
  );
  return matching.length > 0 ? Math.min(...matching) : asUtc - offsetBefore;
}

/**
 * The checkpoint-local days (YYYY-MM-DD, oldest first) a span from `startMs` to `endMs` touches, e.g. where a
 * shift's checks are stored. A day's boundary moves by at most an hour with daylight saving, so hourly steps miss none.
 */
export function localDaysBetween(startMs: number, endMs: number, timeZone: string): string[] {
  const days: string[] = [];
  const add = (epochMs: number) => {
    const day = formatInZone(epochMs, timeZone).slice(0, 10);
    if (days[days.length - 1] !== day) days.push(day);
  };
  for (let t = startMs; t < endMs; t += MS_PER_HOUR) add(t);
  add(Math.max(startMs, endMs));
  return days;
}

// A zone's offset is constant within almost every quarter hour (transitions fall on whole minutes, far apart).
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;

/**
 * A reader of 'YYYY-MM-DDTHH' (local day and hour) of instants in the zone, for folding many checks. Intl formatting
 * is most of a 13,000-check day's fold, so the offset is formatted once per quarter hour and reused when it is the
 * same at both ends of that quarter hour.
 */
export function localDayAndHourReader(timeZone: string): (epochMs: number) => string {
  const offsets = new Map<number, number | null>();
  const offsetAt = (epochMs: number): number => {
    const wall = formatInZone(epochMs, timeZone);
    return Date.parse(`${wall.slice(0, 19)}Z`) - Math.floor(epochMs / MS_PER_SECOND) * MS_PER_SECOND;
  };
  // With an offset of whole quarter hours (every zone today) a quarter hour lies within one local hour: its
  // day and hour are formatted once, not per check.
  const dayAndHours = new Map<number, string>();
  return (epochMs) => {
    const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
    const known = dayAndHours.get(bucket);
    if (known !== undefined) return known;
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      const start = offsetAt(bucket * OFFSET_BUCKET_MS);
      offset = start === offsetAt((bucket + 1) * OFFSET_BUCKET_MS - 1) ? start : null;
      offsets.set(bucket, offset);
    }
    if (offset === null) return formatInZone(epochMs, timeZone).slice(0, 13);
    const dayAndHour = new Date(epochMs + offset).toISOString().slice(0, 13);
    if (offset % OFFSET_BUCKET_MS === 0) dayAndHours.set(bucket, dayAndHour);
    return dayAndHour;
  };
}
