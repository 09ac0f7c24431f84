// The region screens' filter: a date (today on the command's clock unless the address names one) and, within the
// admin's scope, a province and a city. The choices are the places of the checkpoints the server lists for this
// account, which are the scope's; a place outside it can still arrive in an address, and the server's refusal is then
// said in words by the screen.
import { useCallback, useId, useMemo } from 'react';
import { useSearchParams } from 'wouter';
import type { CheckpointListing } from '../../../contract/admin-console.ts';
import { samePlace } from '../../../domain/places.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { useConsoleData } from '../use-console-data.ts';
import { regionQueryOf, regionSearch, type RegionQuery } from './region-query.ts';
import { regionMessages } from './region.messages.ts';

/** "Today" on the command's clock: the date the screens open on. */
export function commandToday(nowMs: number = Date.now()): string {
  return todayIn(DEFAULT_TIME_ZONE, nowMs);
}

/** The query the address holds, and how to change it (the address is replaced, not pushed: no back-button trail). */
export function useRegionQuery(): [RegionQuery, (next: RegionQuery) => void] {
  const [params, setParams] = useSearchParams();
  const today = commandToday();
  const query = useMemo(() => regionQueryOf(params, today), [params, today]);
  const setQuery = useCallback(
    (next: RegionQuery) => {
      setParams(regionSearch(next), { replace: true });
    },
    [setParams],
  );
  return [query, setQuery];
}

/** Each place once, compared as places are ('湖南' = '湖南省'), in the order first met. */
function distinctPlaces(names: readonly string[]): string[] {
  const places: string[] = [];
  for (const name of names) if (!places.some((place) => samePlace(place, name))) places.push(name);
  return places;
}

/** The provinces of the listed checkpoints, and the cities of the chosen province (of all when none is chosen). */
export function placeChoices(
  checkpoints: readonly Pick<CheckpointListing, 'province' | 'city'>[],
  province: string | undefined,
): { provinces: string[]; cities: string[] } {
  const provinces = distinctPlaces(checkpoints.map((checkpoint) => checkpoint.province));
  const cities = distinctPlaces(
    checkpoints
      .filter((checkpoint) => province === undefined || samePlace(checkpoint.province, province))
      .map((checkpoint) => checkpoint.city),
  );
  return { provinces, cities };
}

/** The choices with the value asked for, when it is not among them (an address naming another place). */
function withValue(choices: readonly string[], value: string | undefined): string[] {
  if (value === undefined || choices.some((choice) => samePlace(choice, value))) return [...choices];
  return [...choices, value];
}

export function RegionFilter({ query, onChange }: { query: RegionQuery; onChange: (next: RegionQuery) => void }) {
  const t = useT(regionMessages);
  const ids = { date: useId(), province: useId(), city: useId() };
  // The choices only: when the list cannot be read, the filter still holds what the address says.
  const [listed] = useConsoleData((client) => client.listCheckpoints(), []);
  const checkpoints = listed.state === 'ready' ? listed.value : [];
  const { provinces, cities } = placeChoices(checkpoints, query.province);
  const today = commandToday();
  const selected = (choices: readonly string[], value: string | undefined) =>
    value === undefined ? '' : (choices.find((choice) => samePlace(choice, value)) ?? value);
  const provinceChoices = withValue(provinces, query.province);
  const cityChoices = withValue(cities, query.city);

  return (
    <form
      className="card no-print region-filter"
      aria-label={t('filterTitle')}
      onSubmit={(event) => {
        event.preventDefault();
      }}
    >
      <div className="field">
        <label htmlFor={ids.date}>{t('date')}</label>
        <input
          id={ids.date}
          className="input"
          type="date"
          required
          value={query.date}
          max={today}
          onChange={(event) => {
            // A date input reads '' while a date is half typed: the shown day stays until it is whole.
            if (event.target.value !== '') onChange({ ...query, date: event.target.value });
          }}
        />
      </div>
      <div className="field">
        <label htmlFor={ids.province}>{t('province')}</label>
        <select
          id={ids.province}
          className="input"
          value={selected(provinceChoices, query.province)}
          onChange={(event) => {
            const province = event.target.value === '' ? undefined : event.target.value;
            onChange({ date: query.date, province });
          }}
        >
          <option value="">{t('allProvinces')}</option>
          {provinceChoices.map((province) => (
            <option key={province} value={province}>
              {province}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.city}>{t('city')}</label>
        <select
          id={ids.city}
          className="input"
          value={selected(cityChoices, query.city)}
          onChange={(event) => {
            const city = event.target.value === '' ? undefined : event.target.value;
            onChange({ ...query, city });
          }}
        >
          <option value="">{t('allCities')}</option>
          {cityChoices.map((city) => (
            <option key={city} value={city}>
              {city}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <button
          type="button"
          className="btn"
          disabled={query.date === today}
          onClick={() => {
            onChange({ ...query, date: today });
          }}
        >
          {t('today')}
        </button>
      </div>
    </form>
  );
}
