// The console's first screen: the checkpoints of the admin's scope with their tablets, today's figures and last sync,
// opening a new one, and the enrollment code (with its poster) whenever one is issued.
import { useState } from 'react';
import { regionTallySchema, type CheckpointListing, type RegionTally } from '../../../contract/admin-console.ts';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../../../domain/time.ts';
import { useT } from '../../../platform/i18n.ts';
import { useNow } from '../../../platform/use-now.ts';
import { consoleErrorWords } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { CheckboxRow, ConsoleFailure } from '../console-parts.tsx';
import { useConsoleData } from '../use-console-data.ts';
import { CheckpointRow } from './checkpoint-row.tsx';
import { checkpointsMessages } from './checkpoints.messages.ts';
import { EnrollmentCodeCard } from './enrollment-poster.tsx';
import { NewCheckpointForm, type OpenedCheckpoint } from './new-checkpoint-form.tsx';

/** "Today" moves on to the next date soon after midnight. */
const TODAY_REFRESH_MS = 60_000;

interface CheckpointsData {
  checkpoints: CheckpointListing[];
  /** null when the server could not sum the day (the list is still worth showing). */
  region: RegionTally | null;
}

export function CheckpointsScreen({ scope }: { scope: AdminScope }) {
  const t = useT(checkpointsMessages);
  const tc = useT(consoleMessages);
  const [showArchived, setShowArchived] = useState(false);
  const [opened, setOpened] = useState<OpenedCheckpoint | null>(null);
  // "Today" on the command's own clock; each checkpoint's figures are of its own local day of that date.
  const date = todayIn(DEFAULT_TIME_ZONE, useNow(TODAY_REFRESH_MS));
  const [data, reload] = useConsoleData<CheckpointsData>(
    async (client) => {
      const [checkpoints, region] = await Promise.all([
        client.listCheckpoints(),
        client.get('/tallies/region', { date }, regionTallySchema, "region's day").catch(() => null),
      ]);
      return { checkpoints, region };
    },
    [date],
  );
  const [index] = useConsoleData((client) => client.countyIndex(), []);

  if (data.state === 'loading') return <p className="page">{tc('loading')}</p>;
  if (data.state === 'failed') {
    return (
      <div className="page">
        <ConsoleFailure error={data.error} onRetry={reload} />
      </div>
    );
  }
  const { checkpoints, region } = data.value;
  const todayOf = new Map(region?.checkpoints.map((tally) => [tally.checkpointId, tally]));
  const shown = checkpoints.filter((checkpoint) => showArchived || checkpoint.archivedAt === null);

  return (
    <div className="page">
      <div className="no-print">
        <h1>{t('title')}</h1>
        <p className="hint">{t('intro')}</p>
      </div>
      {opened !== null ? <EnrollmentCodeCard opened={opened} onDone={() => setOpened(null)} /> : null}
      <div className="no-print">
        {shown.length === 0 ? (
          <p className="banner banner-warn">{t('none')}</p>
        ) : (
          <div className="card" style={{ overflowX: 'auto' }}>
            <table className="console-table" data-testid="checkpoints">
              <thead>
                <tr>
                  <th>{t('colName')}</th>
                  <th>{t('colPlace')}</th>
                  <th>{t('colTablets')}</th>
                  <th>{t('colToday')}</th>
                  <th>{t('colLastSync')}</th>
                  <th>{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((checkpoint) => (
                  <CheckpointRow
                    key={checkpoint.id}
                    checkpoint={checkpoint}
                    today={todayOf.get(checkpoint.id)}
                    onChanged={reload}
                    onNewCode={setOpened}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CheckboxRow checked={showArchived} onChange={setShowArchived}>
          {t('showArchived')}
        </CheckboxRow>
        {index.state === 'ready' ? (
          <NewCheckpointForm
            index={index.value}
            scope={scope}
            onOpened={(checkpoint) => {
              setOpened(checkpoint);
              reload();
            }}
          />
        ) : index.state === 'failed' ? (
          <p className="banner banner-danger">{consoleErrorWords(index.error, tc)}</p>
        ) : (
          <p className="hint">{t('loadingPlaces')}</p>
        )}
      </div>
    </div>
  );
}
