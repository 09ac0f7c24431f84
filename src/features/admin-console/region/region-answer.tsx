// What the two region screens (the day, the hand-off list) share: the server's answer to the address's query, loaded
// again when the query changes; its failure with a retry, or loading, until the answer is the one asked for; the
// print and refresh buttons beside the downloads, and a download's problem under them.
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import { useT } from '../../../platform/i18n.ts';
import { consoleMessages } from '../console.messages.ts';
import { ConsoleFailure } from '../console-parts.tsx';
import { formatAdminScopeWords } from '../scope-words.ts';
import { useConsoleData } from '../use-console-data.ts';
import { useRegionDownloads, type RegionDownloads } from './region-downloads.tsx';
import { useRegionQuery } from './region-filter.tsx';
import { regionPlace, regionSearch, type RegionQuery } from './region-query.ts';
import { regionMessages } from './region.messages.ts';

export interface RegionAnswer<T> {
  query: RegionQuery;
  setQuery: (query: RegionQuery) => void;
  /** The query as the server's query string writes it, for the downloads. */
  search: Record<string, string>;
  /** The area in words: the filter's place, or the admin's whole scope. */
  place: string;
  downloads: RegionDownloads;
  reload: () => void;
  /** What is shown under the filter: the failure, loading, or the answer to the query as it stands now. */
  body: (shown: (answer: T) => ReactNode) => ReactNode;
}

export function useRegionAnswer<T>(
  scope: AdminScope,
  path: string,
  schema: z.ZodType<T>,
  what: string,
): RegionAnswer<T> {
  const tc = useT(consoleMessages);
  const [query, setQuery] = useRegionQuery();
  const search = regionSearch(query);
  const asked = JSON.stringify(search);
  const [data, reload] = useConsoleData(
    async (client) => ({ asked, answer: await client.get(path, search, schema, what) }),
    [asked],
  );
  const downloads = useRegionDownloads();
  const place = regionPlace(query, scope) ?? formatAdminScopeWords(scope, tc);
  const body = (shown: (answer: T) => ReactNode): ReactNode => {
    if (data.state === 'failed') return <ConsoleFailure error={data.error} onRetry={reload} testId="region-problem" />;
    // An answer to an older query is not shown as the new one's.
    if (data.state === 'loading' || data.value.asked !== asked) return <p role="status">{tc('loading')}</p>;
    return shown(data.value.answer);
  };
  return { query, setQuery, search, place, downloads, reload, body };
}

/** The downloads given as children, then print and refresh; a download's problem under the row. */
export function RegionActions({
  answer,
  children,
}: {
  answer: Pick<RegionAnswer<unknown>, 'downloads' | 'reload'>;
  children: ReactNode;
}) {
  const t = useT(regionMessages);
  return (
    <>
      <div className="btn-row no-print">
        {children}
        <button
          type="button"
          className="btn"
          onClick={() => {
            window.print();
          }}
        >
          {t('print')}
        </button>
        <button type="button" className="btn" onClick={answer.reload}>
          {t('refresh')}
        </button>
      </div>
      {answer.downloads.problem !== null ? (
        <p className="banner banner-danger no-print" role="alert">
          {answer.downloads.problem}
        </p>
      ) : null}
    </>
  );
}
