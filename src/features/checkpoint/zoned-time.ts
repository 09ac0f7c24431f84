// Wall-clock times in the checkpoint's time zone (sampling "today", "yesterday", an exact time) as
// ISO 8601 instants with that zone's offset.
import { formatInZone, localDay } from '../../domain/time.ts';

const MINUTE_MS = 60_000;

function offsetMinutes(iso: string): number {
  const match = /([+-])(\d{2}):(\d{2})$/u.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
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
  let instant = asUtc - offsetMinutes(formatInZone(asUtc, timeZone)) * MINUTE_MS;
  instant = asUtc - offsetMinutes(formatInZone(instant, timeZone)) * MINUTE_MS;
  return formatInZone(instant, timeZone);
}

/** Midnight at the start of the local day `daysBack` days before `now`. */
export function startOfLocalDay(now: number, timeZone: string, daysBack: number): string {
  const today = localDay(formatInZone(now, timeZone), timeZone);
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d - daysBack));
  const wall = `${day.toISOString().slice(0, 10)}T00:00`;
  return wallTimeToIso(wall, timeZone) ?? formatInZone(now, timeZone);
}

/** ISO with offset → 'YYYY-MM-DDTHH:mm' in `timeZone`, for a datetime-local input. */
export function isoToWallTime(iso: string, timeZone: string): string {
  return formatInZone(Date.parse(iso), timeZone).slice(0, 16);
}
