// Days of the report as 'YYYY-MM-DD' text: the neighbour of a day, and a day read from the address (?date=).
import { localDateSchema } from '../../contract/tally.ts';

const MS_PER_DAY = 86_400_000;

/** 'YYYY-MM-DD' one calendar day before or after. */
export function shiftDay(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ?date= of the address when it names a real day not after today; else today. */
export function dateFromSearch(search: string, today: string): string {
  const asked = new URLSearchParams(search).get('date');
  if (asked === null || !localDateSchema.safeParse(asked).success || asked > today) return today;
  return asked;
}
