// 区域日报 (/admin/region): every checkpoint of the admin's scope — or of the province or city chosen within it — on a
// date, each on its own local day as its daily tally counts it, with the total, the per-hour chart, and the same day as
// CSV and XLSX (GET /api/v1/tallies/region[.csv|.xlsx]).
import { regionTallySchema, type RegionTally } from '../../../contract/admin-console.ts';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import { regionCsvFileName } from '../../../domain/region-csv.ts';
import { regionXlsxFileName } from '../../../domain/region-sheets.ts';
import { DEFAULT_TIME_ZONE, wallDateAndMinute } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { RegionActions, useRegionAnswer } from './region-answer.tsx';
import { DownloadButtons } from './region-downloads.tsx';
import { RegionFilter } from './region-filter.tsx';
import { RegionHourChart } from './region-hour-chart.tsx';
import { RegionTable } from './region-table.tsx';
import { regionMessages } from './region.messages.ts';
import './region.css';

export function RegionDayScreen({ scope }: { scope: AdminScope }) {
  const t = useT(regionMessages);
  const answer = useRegionAnswer(scope, '/tallies/region', regionTallySchema, "region's day");
  const { search, place, downloads } = answer;
  const body = answer.body((region: RegionTally) => {
    const heading = t('dayHeading', { region: place, date: region.date });
    return (
      <>
        <h2 data-testid="region-heading">{heading}</h2>
        <p className="hint">
          {t('checkpoints', { count: region.checkpoints.length })} · {t('eachOnItsOwnDay')}{' '}
          {t('asOf', { time: wallDateAndMinute(Date.parse(region.total.generatedAt), DEFAULT_TIME_ZONE) })}
        </p>
        <RegionActions answer={answer}>
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
        </RegionActions>
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
  });

  return (
    <div className="page region-page" data-testid="region-day">
      <div className="no-print">
        <h1>{t('dayTitle')}</h1>
        <p className="hint">{t('dayIntro')}</p>
      </div>
      <RegionFilter query={answer.query} onChange={answer.setQuery} />
      {body}
    </div>
  );
}
