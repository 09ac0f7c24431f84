// 区域日报 (/admin/region): every checkpoint of the admin's scope — or of the province or city chosen within it — on a
// date, each on its own local day as its daily tally counts it, with the total, the per-hour chart, and the same day as
// CSV and XLSX (GET /api/v1/tallies/region[.csv|.xlsx]).
import type { ReactNode } from 'react';
import { regionTallySchema, type RegionTally } from '../../../contract/admin-console.ts';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import { regionCsvFileName } from '../../../domain/region-csv.ts';
import { regionXlsxFileName } from '../../../domain/region-sheets.ts';
import { DEFAULT_TIME_ZONE, wallDateAndMinute } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { consoleMessages } from '../console.messages.ts';
import { ConsoleFailure } from '../console-parts.tsx';
import { formatAdminScopeWords } from '../scope-words.ts';
import { useConsoleData } from '../use-console-data.ts';
import { RegionFilter, useRegionQuery } from './region-filter.tsx';
import { DownloadButtons, useRegionDownloads } from './region-downloads.tsx';
import { RegionHourChart } from './region-hour-chart.tsx';
import { regionPlace, regionSearch } from './region-query.ts';
import { RegionTable } from './region-table.tsx';
import { regionMessages } from './region.messages.ts';
import './region.css';

interface Loaded {
  /** The query the answer is for: an answer to an older query is not shown as the new one's. */
  asked: string;
  region: RegionTally;
}

export function RegionDayScreen({ scope }: { scope: AdminScope }) {
  const t = useT(regionMessages);
  const tc = useT(consoleMessages);
  const [query, setQuery] = useRegionQuery();
  const search = regionSearch(query);
  const asked = JSON.stringify(search);
  const [data, reload] = useConsoleData<Loaded>(
    async (client) => ({
      asked,
      region: await client.get('/tallies/region', search, regionTallySchema, "region's day"),
    }),
    [asked],
  );
  const downloads = useRegionDownloads();
  const place = regionPlace(query, scope) ?? formatAdminScopeWords(scope, tc);

  let body: ReactNode;
  if (data.state === 'failed') {
    body = <ConsoleFailure error={data.error} onRetry={reload} testId="region-problem" />;
  } else if (data.state === 'loading' || data.value.asked !== asked) {
    body = <p role="status">{tc('loading')}</p>;
  } else {
    const { region } = data.value;
    const heading = t('dayHeading', { region: place, date: region.date });
    body = (
      <>
        <h2 data-testid="region-heading">{heading}</h2>
        <p className="hint">
          {t('checkpoints', { count: region.checkpoints.length })} · {t('eachOnItsOwnDay')}{' '}
          {t('asOf', { time: wallDateAndMinute(Date.parse(region.total.generatedAt), DEFAULT_TIME_ZONE) })}
        </p>
        <div className="btn-row no-print">
          <DownloadButtons
            downloads={downloads}
            csv={{
              key: 'region-csv',
              path: '/tallies/region.csv',
              query: search,
              fileName: regionCsvFileName(region.date),
            }}
            xlsx={{
              key: 'region-xlsx',
              path: '/tallies/region.xlsx',
              query: search,
              fileName: regionXlsxFileName(region.date),
            }}
          />
          <button
            type="button"
            className="btn"
            onClick={() => {
              window.print();
            }}
          >
            {t('print')}
          </button>
          <button type="button" className="btn" onClick={reload}>
            {t('refresh')}
          </button>
        </div>
        {downloads.problem !== null ? (
          <p className="banner banner-danger no-print" role="alert">
            {downloads.problem}
          </p>
        ) : null}
        {region.checkpoints.length === 0 ? (
          <p className="banner banner-warn">{t('noCheckpoints')}</p>
        ) : (
          <>
            <RegionTable region={region} caption={heading} />
            <RegionHourChart total={region.total} />
          </>
        )}
      </>
    );
  }

  return (
    <div className="page region-page" data-testid="region-day">
      <div className="no-print">
        <h1>{t('dayTitle')}</h1>
        <p className="hint">{t('dayIntro')}</p>
      </div>
      <RegionFilter query={query} onChange={setQuery} />
      {body}
    </div>
  );
}
