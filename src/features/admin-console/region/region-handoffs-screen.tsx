// 交接名单 (/admin/handoffs): the flagged persons every checkpoint of the region found on a date, grouped by destination
// county → township → village as the server groups them (GET /api/v1/handoffs/region), each with the checkpoint that
// checked them. Each township's part is exported on its own for its grid workers (&township=code), and the whole list
// too. ID numbers and phones are masked on screen; the files carry them in full, as the tablet's own list does.
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { regionHandoffListSchema } from '../../../contract/admin-console.ts';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import { maskIdNumber, maskPhone } from '../../../domain/masks.ts';
import { regionHandoffCsvFileName } from '../../../domain/region-handoff-csv.ts';
import { regionHandoffXlsxFileName } from '../../../domain/region-handoff-sheets.ts';
import {
  regionTownships,
  type RegionHandoffGroup,
  type RegionHandoffList,
  type RegionTownship,
} from '../../../domain/region-handoffs.ts';
import { DEFAULT_TIME_ZONE, timeOfDay } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { RegionActions, useRegionAnswer } from './region-answer.tsx';
import { DownloadButtons, type RegionDownloads } from './region-downloads.tsx';
import { RegionFilter } from './region-filter.tsx';
import { regionMessages } from './region.messages.ts';
import './region.css';

/** A destination county of the list with its townships, in the list's order. */
export interface HandoffCounty {
  key: string;
  county: string;
  townships: RegionTownship[];
}

/** The list's townships (regionTownships, the server's own cut) under their counties. */
export function handoffCounties(list: RegionHandoffList): HandoffCounty[] {
  const counties = new Map<string, HandoffCounty>();
  for (const township of regionTownships(list)) {
    const key = township.countyCode ?? `name:${township.county}`;
    let county = counties.get(key);
    if (county === undefined) {
      county = { key, county: township.county, townships: [] };
      counties.set(key, county);
    }
    county.townships.push(township);
  }
  return [...counties.values()];
}

const personCount = (groups: readonly RegionHandoffGroup[]): number =>
  groups.reduce((sum, group) => sum + group.persons.length, 0);

function VillageTable({ group, zoneOf }: { group: RegionHandoffGroup; zoneOf: (checkpointId: string) => string }) {
  const t = useT(regionMessages);
  const label = useT(domainLabels);
  const place = (name: string) => (name.trim() === '' ? t('unknownPlace') : name);
  return (
    <section className="region-village" data-testid="handoff-village" data-village-code={group.villageCode}>
      <h4>
        {place(group.village)} <span className="hint">{t('personsInGroup', { count: group.persons.length })}</span>
      </h4>
      <div className="region-persons">
        <table className="console-table">
          <thead>
            <tr>
              <th scope="col">{t('colCheckpoint')}</th>
              <th scope="col">{t('colTime')}</th>
              <th scope="col">{t('colPlate')}</th>
              <th scope="col">{t('colFlags')}</th>
              <th scope="col">{t('colDisposition')}</th>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colIdNumber')}</th>
              <th scope="col">{t('colPhone')}</th>
            </tr>
          </thead>
          <tbody>
            {group.persons.map((person, index) => (
              <tr
                key={`${person.checkId}-${index}`}
                data-testid="handoff-person"
                data-checkpoint-id={person.checkpointId}
              >
                <td data-testid="handoff-checkpoint">{person.checkpointName}</td>
                <td>{timeOfDay(person.completedAt, zoneOf(person.checkpointId))}</td>
                <td>{person.plate ?? t('noPlate')}</td>
                <td>{person.flags.map((flag) => label(`flag.${flag}`)).join(t('listSeparator'))}</td>
                <td>{label(`disposition.${person.disposition}`)}</td>
                <td>{person.name ?? t('unregistered')}</td>
                <td data-testid="handoff-id-number">
                  {person.idNumber === null ? t('none') : maskIdNumber(person.idNumber)}
                </td>
                <td data-testid="handoff-phone">{person.phone === null ? t('none') : maskPhone(person.phone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TownshipSection({
  township,
  list,
  search,
  downloads,
  zoneOf,
}: {
  township: RegionTownship;
  list: RegionHandoffList;
  search: Readonly<Record<string, string>>;
  downloads: RegionDownloads;
  zoneOf: (checkpointId: string) => string;
}) {
  const t = useT(regionMessages);
  const name = township.township.trim() === '' ? t('unknownPlace') : township.township;
  const code = township.townshipCode;
  // Named as the server names the township's file: its county and township as the list writes them.
  const part = { county: township.county, township: township.township };
  return (
    <section className="region-township" data-testid="handoff-township" data-township-code={code}>
      <div className="region-township-head">
        <h3>
          {name} <span className="hint">{t('personsInGroup', { count: personCount(township.groups) })}</span>
        </h3>
        {code === undefined ? (
          <p className="hint no-print">{t('noTownshipCode')}</p>
        ) : (
          <div className="btn-row no-print" style={{ margin: 0 }}>
            <DownloadButtons
              downloads={downloads}
              label={(format) => t('townshipDownload', { township: `${township.county}${name}`, format })}
              csv={{
                key: `township-${code}-csv`,
                path: '/handoffs/region.csv',
                query: { ...search, township: code },
                fileName: regionHandoffCsvFileName(list.date, part),
              }}
              xlsx={{
                key: `township-${code}-xlsx`,
                path: '/handoffs/region.xlsx',
                query: { ...search, township: code },
                fileName: regionHandoffXlsxFileName(list.date, part),
              }}
            />
          </div>
        )}
      </div>
      {township.groups.map((group) => (
        <VillageTable key={`${group.villageCode ?? ''}|${group.village}`} group={group} zoneOf={zoneOf} />
      ))}
    </section>
  );
}

export function RegionHandoffsScreen({ scope }: { scope: AdminScope }) {
  const t = useT(regionMessages);
  const answer = useRegionAnswer(scope, '/handoffs/region', regionHandoffListSchema, "region's hand-off list");
  const { search, place, downloads } = answer;
  const body = answer.body((list: RegionHandoffList) => {
    const zones = new Map(list.checkpoints.map((checkpoint) => [checkpoint.checkpointId, checkpoint.timezone]));
    const zoneOf = (checkpointId: string) => zones.get(checkpointId) ?? DEFAULT_TIME_ZONE;
    const total = personCount(list.groups);
    const finders = list.checkpoints.filter((checkpoint) => checkpoint.flaggedPersons > 0);
    return (
      <>
        <h2 data-testid="region-heading">{t('handoffsHeading', { region: place, date: list.date })}</h2>
        <p data-testid="handoffs-total">
          <strong>{t('personsInAll', { count: total })}</strong>
          {finders.length > 0 ? (
            <>
              {' · '}
              {t('foundAtList', {
                list: finders
                  .map((checkpoint) => t('foundAt', { checkpoint: checkpoint.name, count: checkpoint.flaggedPersons }))
                  .join(t('listSeparator')),
              })}
            </>
          ) : null}
        </p>
        <RegionActions answer={answer}>
          <span className="field-label" style={{ alignSelf: 'center' }}>
            {t('wholeList')}
          </span>
          <DownloadButtons
            downloads={downloads}
            label={(format) => t('wholeListDownload', { format })}
            csv={{
              key: 'handoffs-csv',
              path: '/handoffs/region.csv',
              query: search,
              fileName: regionHandoffCsvFileName(list.date),
            }}
            xlsx={{
              key: 'handoffs-xlsx',
              path: '/handoffs/region.xlsx',
              query: search,
              fileName: regionHandoffXlsxFileName(list.date),
            }}
          />
        </RegionActions>
        {total === 0 ? (
          <p className="banner banner-ok" data-testid="handoffs-none">
            {t('handoffsNone')}
          </p>
        ) : (
          <>
            <p className="hint">{t('masked')}</p>
            {handoffCounties(list).map((county) => (
              <section key={county.key} className="card" data-testid="handoff-county">
                <h2>{county.county.trim() === '' ? t('unknownPlace') : county.county}</h2>
                {county.townships.map((township) => (
                  <TownshipSection
                    key={township.key}
                    township={township}
                    list={list}
                    search={search}
                    downloads={downloads}
                    zoneOf={zoneOf}
                  />
                ))}
              </section>
            ))}
          </>
        )}
      </>
    );
  });

  return (
    <div className="page region-page" data-testid="region-handoffs">
      <div className="no-print">
        <h1>{t('handoffsTitle')}</h1>
        <p className="hint">{t('handoffsIntro')}</p>
      </div>
      <RegionFilter query={answer.query} onChange={answer.setQuery} />
      {body}
    </div>
  );
}
