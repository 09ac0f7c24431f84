// One checkpoint in the console's list: its place, tablets, today's figures and last sync, and what an admin does with
// it — its tablets, a new name, a new enrollment code, archiving — each change confirmed in the row before it is sent.
import { useState } from 'react';
import { Link } from 'wouter';
import type { CheckpointListing } from '../../../contract/admin-console.ts';
import type { DailyTally } from '../../../domain/tally.ts';
import { formatInZone } from '../../../domain/time.ts';
import { useLanguage, useT } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { useAdminClient } from '../use-admin-client.ts';
import { checkpointsMessages } from './checkpoints.messages.ts';
import type { OpenedCheckpoint } from './new-checkpoint-form.tsx';

/** "2026-11-28 08:01" of an ISO time, in the checkpoint's zone. */
const DATE_AND_MINUTE_CHARS = 16;

type Pending = 'rename' | 'rotate' | 'archive' | null;

export interface CheckpointRowProps {
  checkpoint: CheckpointListing;
  /** Its tally of today; undefined while the region's day is not (yet) known. */
  today: DailyTally | undefined;
  onChanged: () => void;
  onNewCode: (opened: OpenedCheckpoint) => void;
}

export function CheckpointRow({ checkpoint, today, onChanged, onNewCode }: CheckpointRowProps) {
  const t = useT(checkpointsMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const client = useAdminClient();
  const [pending, setPending] = useState<Pending>(null);
  const [newName, setNewName] = useState(checkpoint.name);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const number = new Intl.NumberFormat(language);
  const archived = checkpoint.archivedAt !== null;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
      setPending(null);
      onChanged();
    } catch (error) {
      noteConsoleError(error);
      setProblem(consoleErrorWords(error, tc));
    } finally {
      setBusy(false);
    }
  };

  const lastSync =
    checkpoint.lastSyncAt === null
      ? t('never')
      : formatInZone(Date.parse(checkpoint.lastSyncAt), checkpoint.timezone)
          .slice(0, DATE_AND_MINUTE_CHARS)
          .replace('T', ' ');
  const figure = (value: number | undefined) => (value === undefined ? '—' : number.format(value));

  return (
    <tr data-testid="checkpoint-row" data-checkpoint-id={checkpoint.id} data-archived={archived}>
      <td>
        <strong>{checkpoint.name}</strong>
        {archived ? <span className="chip chip-warn"> {t('archived')}</span> : null}
      </td>
      <td>
        {checkpoint.province} {checkpoint.city}
      </td>
      <td className="figure">{number.format(checkpoint.devices)}</td>
      <td className="figure" data-testid="checkpoint-today">
        {t('today', {
          vehicles: figure(today?.vehicles),
          persons: figure(today?.persons),
          flagged: figure(today?.flaggedPersons),
        })}
      </td>
      <td>{lastSync}</td>
      <td>
        <div className="btn-row" style={{ margin: 0 }}>
          <Link href={`/checkpoints/${encodeURIComponent(checkpoint.id)}`} className="btn">
            {t('tablets')}
          </Link>
          {!archived ? (
            <>
              <button type="button" className="btn" onClick={() => setPending('rename')}>
                {t('rename')}
              </button>
              <button type="button" className="btn" onClick={() => setPending('rotate')}>
                {t('rotateCode')}
              </button>
              <button type="button" className="btn btn-danger" onClick={() => setPending('archive')}>
                {t('archive')}
              </button>
            </>
          ) : null}
        </div>
        {pending === 'rename' ? (
          <form
            className="btn-row"
            onSubmit={(event) => {
              event.preventDefault();
              if (client !== null) void run(() => client.renameCheckpoint(checkpoint.id, newName.trim()));
            }}
          >
            <label className="sr-only" htmlFor={`rename-${checkpoint.id}`}>
              {t('renameTo')}
            </label>
            <input
              id={`rename-${checkpoint.id}`}
              className="input"
              maxLength={64}
              value={newName}
              onChange={(event) => {
                setNewName(event.target.value);
              }}
            />
            <button type="submit" className="btn btn-primary" disabled={busy || newName.trim() === ''}>
              {t('save')}
            </button>
            <button type="button" className="btn" onClick={() => setPending(null)}>
              {t('cancel')}
            </button>
          </form>
        ) : null}
        {pending === 'rotate' || pending === 'archive' ? (
          <div role="alertdialog" aria-label={t(pending === 'rotate' ? 'rotateCode' : 'archive')}>
            <p>{t(pending === 'rotate' ? 'rotateConfirm' : 'archiveConfirm', { name: checkpoint.name })}</p>
            <div className="btn-row">
              <button
                type="button"
                className={pending === 'archive' ? 'btn btn-danger' : 'btn btn-primary'}
                disabled={busy}
                onClick={() => {
                  if (client === null) return;
                  if (pending === 'archive') void run(() => client.archiveCheckpoint(checkpoint.id));
                  else
                    void run(async () => {
                      const enrollmentCode = await client.rotateEnrollmentCode(checkpoint.id);
                      onNewCode({ checkpointId: checkpoint.id, name: checkpoint.name, enrollmentCode });
                    });
                }}
              >
                {t('confirm')}
              </button>
              <button type="button" className="btn" onClick={() => setPending(null)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : null}
        {problem !== null ? (
          <p className="banner banner-danger" role="alert">
            {problem}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
