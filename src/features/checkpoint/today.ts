// "Today" for this checkpoint: the local day in the checkpoint's time zone, not the tablet's.
import { formatInZone, localDay } from '../../domain/time.ts';

export function todayIn(timeZone: string, now: number = Date.now()): string {
  return localDay(formatInZone(now, timeZone), timeZone);
}

export function timeOfDay(iso: string, timeZone: string): string {
  return formatInZone(Date.parse(iso), timeZone).slice(11, 16);
}
