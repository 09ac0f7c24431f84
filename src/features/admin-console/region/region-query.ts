// What the region screens show, kept in the address (?date=2026-11-28&province=湖南省&city=娄底市): a reload, a
// bookmark or a link sent to a colleague opens the same day of the same area. Pure, so the screens and their tests
// read an address the same way.
import type { AdminScope } from '../../../domain/admin-scope.ts';

export interface RegionQuery {
  /** 'YYYY-MM-DD': each checkpoint's own local day of it. */
  date: string;
  /** Only this province's checkpoints; absent: the whole scope. */
  province?: string | undefined;
  /** Only this city's checkpoints. */
  city?: string | undefined;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/u;

function named(value: string | null): string | undefined {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/** The query of an address's search; a date missing or not a date is `today`. */
export function regionQueryOf(search: URLSearchParams, today: string): RegionQuery {
  const date = search.get('date') ?? '';
  return {
    date: LOCAL_DATE.test(date) ? date : today,
    province: named(search.get('province')),
    city: named(search.get('city')),
  };
}

/** The query as the address and the server's query string write it: only what is set. */
export function regionSearch(query: RegionQuery): Record<string, string> {
  return {
    date: query.date,
    ...(query.province === undefined ? {} : { province: query.province }),
    ...(query.city === undefined ? {} : { city: query.city }),
  };
}

/**
 * The area the screen shows, in words: the filter's place ('湖南省 娄底市'; a city named alone takes the scope's
 * province), or undefined for the admin's whole scope, which the caller says in its own words.
 */
export function regionPlace(query: RegionQuery, scope: AdminScope): string | undefined {
  if (query.city !== undefined) {
    const province = query.province ?? (scope.kind === 'all' ? undefined : scope.province);
    return province === undefined ? query.city : `${province} ${query.city}`;
  }
  return query.province;
}
