// The destination of a flagged person's vehicle, chosen county → township → village from the division lists (ADR 034):
// large buttons for gloved hands, the checkpoint's own prefecture first, recent choices above, a search by name, and
// typing by hand only as a marked last resort. The record keeps each chosen division's code beside its name.
import { useEffect, useState, type ReactNode } from 'react';
import { settings } from '../../../db/db-instance.ts';
import { useSetting } from '../../../db/live-queries.ts';
import {
  cityCodeOf,
  createDivisionLookup,
  homeDivision,
  provinceCodeOf,
  searchDivisions,
  type CheckpointPlace,
  type County,
  type Division,
  type DivisionLookup,
  type TownshipChunk,
  type VillageChunk,
} from '../../../domain/divisions.ts';
import type { Destination } from '../../../domain/vehicle-check.ts';
import { useT } from '../../../platform/i18n.ts';
import { destinationMessages } from './destination.messages.ts';
import { useDivisionLists } from './division-lists-instance.ts';

/** How many destinations the tablet remembers as recent choices. */
const RECENT_MAX = 6;
/** Search answers shown at once: more than a screen of buttons helps nobody, a longer name narrows them. */
const SEARCH_RESULTS_MAX = 40;

type Step = 'county' | 'township' | 'village' | 'typed';

const EMPTY: Destination = { province: '', city: '', county: '', township: '', village: '' };

type PlaceField = 'province' | 'city' | 'county' | 'township' | 'village';

/** The destination after a name typed by hand: that level's code and those below it no longer stand. */
function typed(destination: Destination, field: PlaceField, value: string): Destination {
  const { countyCode, townshipCode, ...rest } = destination;
  const names: Destination = {
    province: rest.province,
    city: rest.city,
    county: rest.county,
    township: rest.township,
    village: rest.village,
    [field]: value,
  };
  if (field === 'province' || field === 'city' || field === 'county') return names;
  if (field === 'township') return countyCode === undefined ? names : { ...names, countyCode };
  return {
    ...names,
    ...(countyCode === undefined ? {} : { countyCode }),
    ...(townshipCode === undefined ? {} : { townshipCode }),
  };
}

export const isTypedByHand = (d: Destination): boolean =>
  (d.county.trim() !== '' && d.countyCode === undefined) ||
  (d.township.trim() !== '' && d.townshipCode === undefined) ||
  (d.village.trim() !== '' && d.villageCode === undefined);

const sameDestination = (a: Destination, b: Destination) =>
  a.countyCode === b.countyCode &&
  a.townshipCode === b.townshipCode &&
  a.villageCode === b.villageCode &&
  a.county === b.county &&
  a.township === b.township &&
  a.village === b.village;

export interface DestinationPickerProps {
  id: string;
  destination: Destination;
  /** Where the checkpoint stands: the picker starts at its county's prefecture. */
  home: CheckpointPlace;
  error: string | null;
  onChange: (destination: Destination) => void;
}

function ChoiceButtons({
  items,
  label,
  onPick,
}: {
  items: readonly Division[];
  label?: (d: Division) => ReactNode;
  onPick: (d: Division) => void;
}) {
  return (
    <div className="choice-grid">
      {items.map((d) => (
        <button
          key={d.code}
          type="button"
          className="btn"
          onClick={() => {
            onPick(d);
          }}
        >
          {label ? label(d) : d.name}
        </button>
      ))}
    </div>
  );
}

export function DestinationPicker({ id, destination, home, error, onChange }: DestinationPickerProps) {
  const t = useT(destinationMessages);
  const lists = useDivisionLists();
  const recent = useSetting('recentDestinations') ?? [];
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('county');
  const [query, setQuery] = useState('');
  // undefined while reading, null when the tablet has no lists at all.
  const [lookup, setLookup] = useState<DivisionLookup | null | undefined>(undefined);
  const countyCode = destination.countyCode;
  const { countyCode: homeCounty, province: homeProvince, city: homeCity } = home;

  // The lists of the county chosen (and of the checkpoint's own), from memory, IndexedDB or the network.
  useEffect(() => {
    if (!open) return;
    const run = { live: true };
    const place: CheckpointPlace = { countyCode: homeCounty, province: homeProvince, city: homeCity };
    const counties = [countyCode, homeCounty].filter((c): c is string => c !== undefined);
    void (async () => {
      const index = await lists.countyIndex();
      if (index === null) {
        if (run.live) setLookup(null);
        return;
      }
      const homeCode = homeDivision(createDivisionLookup(index), place);
      const provinces = new Set(
        [...counties.map(provinceCodeOf), homeCode.provinceCode].filter((p) => p !== undefined),
      );
      const cities = new Set([...counties.map(cityCodeOf), homeCode.cityCode].filter((c) => c !== undefined));
      const townships = await Promise.all([...provinces].map((p) => lists.townships(p)));
      const villages = await Promise.all([...cities].map((c) => lists.villages(c)));
      if (!run.live) return;
      setLookup(
        createDivisionLookup(
          index,
          townships.filter((x): x is TownshipChunk => x !== null),
          villages.filter((x): x is VillageChunk => x !== null),
        ),
      );
    })();
    return () => {
      run.live = false;
    };
  }, [open, countyCode, homeCounty, homeProvince, homeCity, lists]);

  const go = (next: Step) => {
    setStep(next);
    setQuery('');
  };
  const close = (chosen: Destination) => {
    setOpen(false);
    if (chosen.countyCode !== undefined) {
      const rest = recent.filter((r) => !sameDestination(r, chosen));
      void settings.set('recentDestinations', [chosen, ...rest].slice(0, RECENT_MAX)).catch(() => undefined);
    }
  };
  const pickCounty = (county: County) => {
    onChange({
      ...EMPTY,
      province: county.province.name,
      city: county.city.name,
      county: county.name,
      countyCode: county.code,
    });
    go('township');
  };
  const pickTownship = (township: Division) => {
    const { province, city, county } = destination;
    onChange({
      province,
      city,
      county,
      ...(countyCode === undefined ? {} : { countyCode }),
      township: township.name,
      townshipCode: township.code,
      village: '',
    });
    go('village');
  };
  const pickVillage = (village: Division) => {
    const chosen = { ...destination, village: village.name, villageCode: village.code };
    onChange(chosen);
    close(chosen);
  };

  const summary = [
    destination.province,
    destination.city,
    destination.county,
    destination.township,
    destination.village,
  ]
    .filter((part, i, all) => part.trim() !== '' && all.indexOf(part) === i)
    .join(' ');
  const byHand = isTypedByHand(destination);

  const header = (
    <div className="field" data-testid="destination-summary">
      <span className="field-label" id={`${id}-label`}>
        {t('title')}
      </span>
      <p style={{ fontSize: 22, margin: '4px 0' }}>
        {summary === '' ? t('notChosen') : summary}{' '}
        {byHand ? <span className="chip chip-warn">{t('typedMark')}</span> : null}
      </p>
      {error ? (
        <span id={`${id}-error`} className="error-text" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );

  if (!open) {
    return (
      <div>
        {header}
        <button
          type="button"
          className="btn btn-big"
          aria-describedby={error ? `${id}-error` : undefined}
          onClick={() => {
            setOpen(true);
            go(countyCode === undefined ? (byHand ? 'typed' : 'county') : 'township');
          }}
        >
          {summary === '' ? t('choose') : t('change')}
        </button>
      </div>
    );
  }

  const searchBox = (label: string) => (
    <div className="field">
      <label htmlFor={`${id}-search`}>{label}</label>
      <input
        id={`${id}-search`}
        className="input"
        value={query}
        autoComplete="off"
        onChange={(e) => {
          setQuery(e.target.value);
        }}
      />
    </div>
  );
  const typeInstead = (
    <button
      type="button"
      className="btn"
      onClick={() => {
        go('typed');
      }}
    >
      {t('typeInstead')}
    </button>
  );

  let body: ReactNode;
  if (step === 'typed' || lookup === null) {
    const field = (name: 'province' | 'city' | 'county' | 'township' | 'village', label: string, max: number) => (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>{label}</label>
        <input
          id={`${id}-${name}`}
          className="input"
          value={destination[name]}
          maxLength={max}
          autoComplete="off"
          onChange={(e) => {
            onChange(typed(destination, name, e.target.value));
          }}
        />
      </div>
    );
    body = (
      <>
        {lookup === null ? <p className="banner banner-warn">{t('countiesUnavailable')}</p> : null}
        <p className="chip chip-warn">{t('typedMark')}</p>
        <p>{t('typedHint')}</p>
        {countyCode === undefined ? (
          <>
            {field('province', t('typedProvince'), 32)}
            {field('city', t('typedCity'), 32)}
            {field('county', t('typedCounty'), 64)}
          </>
        ) : null}
        {destination.townshipCode === undefined ? field('township', t('typedTownship'), 64) : null}
        {field('village', t('typedVillage'), 64)}
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            close(destination);
          }}
        >
          {t('typedDone')}
        </button>
      </>
    );
  } else if (lookup === undefined) {
    body = <p>{t('loading')}</p>;
  } else if (step === 'county') {
    const homeDiv = homeDivision(lookup, home);
    const all = lookup.counties();
    const nearby =
      homeDiv.cityCode !== undefined
        ? all.filter((c) => cityCodeOf(c.code) === homeDiv.cityCode)
        : all.filter((c) => provinceCodeOf(c.code) === homeDiv.provinceCode);
    // The checkpoint's own county first: most flagged travellers stay close.
    const ordered = homeDiv.county ? [homeDiv.county, ...nearby.filter((c) => c !== homeDiv.county)] : nearby;
    const found = searchDivisions(all, query).slice(0, SEARCH_RESULTS_MAX);
    body = (
      <>
        <h4>{t('stepCounty')}</h4>
        {searchBox(t('searchCounty'))}
        {query.trim() === '' ? (
          <>
            {recent.length > 0 ? (
              <>
                <h5>{t('recent')}</h5>
                <div className="choice-grid">
                  {recent.map((r) => (
                    <button
                      key={[r.countyCode, r.townshipCode, r.villageCode, r.township, r.village].join('|')}
                      type="button"
                      className="btn"
                      onClick={() => {
                        onChange(r);
                        close(r);
                      }}
                    >
                      {[r.county, r.township, r.village].filter((x) => x !== '').join(' ')}
                    </button>
                  ))}
                </div>
              </>
            ) : null}
            {ordered.length > 0 ? <h5>{t('nearby')}</h5> : null}
            <ChoiceButtons
              items={ordered}
              onPick={(d) => {
                pickCounty(d as County);
              }}
            />
          </>
        ) : found.length === 0 ? (
          <p>{t('noMatch')}</p>
        ) : (
          <ChoiceButtons
            items={found}
            label={(d) => {
              const c = d as County;
              return (
                <span>
                  {c.name}
                  <small style={{ display: 'block', fontWeight: 400 }}>
                    {c.province.name === c.city.name ? c.province.name : `${c.province.name}${c.city.name}`}
                  </small>
                </span>
              );
            }}
            onPick={(d) => {
              pickCounty(d as County);
            }}
          />
        )}
        <div className="btn-row" style={{ marginTop: 16 }}>
          {typeInstead}
        </div>
      </>
    );
  } else {
    const level = step === 'township' ? 'township' : 'village';
    const list =
      level === 'township'
        ? countyCode === undefined
          ? undefined
          : lookup.townships(countyCode)
        : destination.townshipCode === undefined
          ? undefined
          : lookup.villages(destination.townshipCode);
    const found = list === undefined ? [] : searchDivisions(list, query);
    body = (
      <>
        <h4>
          {[destination.county, level === 'village' ? destination.township : ''].filter((x) => x !== '').join(' › ')} ›{' '}
          {level === 'township' ? t('stepTownship') : t('stepVillage')}
        </h4>
        {list === undefined ? (
          <p className="banner banner-warn">
            {level === 'township' ? t('townshipsUnavailable') : t('villagesUnavailable')}
          </p>
        ) : (
          <>
            {searchBox(t('search'))}
            {found.length === 0 ? <p>{t('noMatch')}</p> : null}
            <ChoiceButtons items={found} onPick={level === 'township' ? pickTownship : pickVillage} />
          </>
        )}
        <div className="btn-row" style={{ marginTop: 16 }}>
          <button
            type="button"
            className="btn"
            onClick={() => {
              go(level === 'township' ? 'county' : 'township');
            }}
          >
            {t('back')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              close(destination);
            }}
          >
            {level === 'township' ? t('onlyCounty') : t('onlyTownship')}
          </button>
          {typeInstead}
        </div>
      </>
    );
  }

  return (
    <div className="card" role="group" aria-labelledby={`${id}-label`}>
      {header}
      {body}
    </div>
  );
}
