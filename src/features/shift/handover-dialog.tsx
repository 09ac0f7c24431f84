// The hand-over dialog (交班): the shift's summary from this tablet's checks, what is not yet synced (with "sync now"),
// the receiving team and a note; confirming keeps it all with the ended shift.
import { useId, useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useLocation } from 'wouter';
import { settings, shifts } from '../../db/db-instance.ts';
import { useChecksForDays, useSetting, useShift } from '../../db/live-queries.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { receivingTeamFor } from '../../domain/shift-schedule.ts';
import { summarizeShift } from '../../domain/shift-summary.ts';
import { teamsOrDefault } from '../../domain/teams.ts';
import { DEFAULT_TIME_ZONE, localDaysBetween } from '../../domain/time.ts';
import { useCheckpointConfig } from '../../db/use-checkpoint-config.ts';
import { useNow } from '../../platform/use-now.ts';
import { useOnline } from '../../platform/use-online.ts';
import { useLanguage, useT } from '../../platform/i18n.ts';
import { ShiftSummaryView } from './shift-summary-view.tsx';
import { handoverMessages } from './handover.messages.ts';
import { recordError } from '../../platform/diagnostics.ts';

type Session = NonNullable<SettingsMap['session']>;
type EndError = 'handoverFailed' | 'storageFull';

/** A hand-over note is read aloud at the change of shift, not a report. */
export const HANDOVER_NOTE_MAX_CHARS = 500;
// The summary's day range only needs to follow the clock across midnight.
const DAY_RANGE_REFRESH_MS = 60_000;

export interface HandoverDialogProps {
  session: Session;
  onSyncNow: (() => Promise<void>) | null;
  onCancel: () => void;
}

export function HandoverDialog({ session, onSyncNow, onCancel }: HandoverDialogProps) {
  const t = useT(handoverMessages);
  const language = useLanguage();
  const [, navigate] = useLocation();
  const online = useOnline();
  const device = useSetting('device');
  // The configured teams (the lead's shift configuration), the defaults while it is first read.
  const config = useCheckpointConfig()?.config;
  const teams = teamsOrDefault(config?.teams);
  const shift = useShift(session.shiftId);
  const now = useNow(DAY_RANGE_REFRESH_MS);
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  // The rotation says who takes over; the officer can pick another team or none.
  const suggestedTeam = useMemo(() => {
    if (config === undefined) return null;
    const team = receivingTeamFor(config, session.team, new Date(now).toISOString(), timeZone);
    return team !== null && team !== session.team ? team : null;
  }, [config, session.team, now, timeZone]);
  const days = useMemo(() => localDaysBetween(session.startedAt, now, timeZone), [session.startedAt, now, timeZone]);
  const rows = useChecksForDays(days);
  const summary = useMemo(
    () =>
      rows === undefined
        ? undefined
        : summarizeShift(
            rows.map((row) => ({ check: row.check, syncState: row.syncState })),
            session.shiftId,
          ),
    [rows, session.shiftId],
  );
  const [note, setNote] = useState('');
  // undefined until the officer taps a choice: until then the rotation's suggestion stands.
  const [chosenTeam, setReceivingTeam] = useState<string | null | undefined>(undefined);
  const receivingTeam = chosenTeam === undefined ? suggestedTeam : chosenTeam;
  const [ending, setEnding] = useState(false);
  const [syncing, setSyncing] = useState(false);
  const [endError, setEndError] = useState<EndError | null>(null);
  const titleId = useId();
  const noteId = useId();
  const noteTooLong = note.length > HANDOVER_NOTE_MAX_CHARS;

  const since = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(
    session.startedAt,
  );

  const syncNow = () => {
    if (!onSyncNow) return;
    setSyncing(true);
    void onSyncNow().finally(() => {
      setSyncing(false);
    });
  };

  const confirm = async () => {
    if (summary === undefined || noteTooLong) return;
    setEnding(true);
    setEndError(null);
    try {
      if (shift) {
        await shifts.closeWithHandover(session.shiftId, { summary, note: note.trim(), receivingTeam }, Date.now());
        navigate(`/shift/${encodeURIComponent(session.shiftId)}/handover`);
      } else {
        // A session without its shift row (written before shifts were kept): nothing to keep the hand-over with.
        await settings.set('session', null);
      }
    } catch (e) {
      recordError('handover', e);
      setEndError(e instanceof StorageFullError ? 'storageFull' : 'handoverFailed');
      setEnding(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !ending) onCancel();
  };

  return (
    <div className="dialog-overlay" onKeyDown={onKeyDown}>
      <div
        className="card dialog-card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="handover-dialog"
      >
        <h2 id={titleId}>{t('handoverTitle')}</h2>
        <p>{t('handoverWho', { name: session.officerName, id: session.officerId, team: session.team, time: since })}</p>
        {shift === null ? <p className="banner banner-warn">{t('noShiftRow')}</p> : null}

        {summary === undefined ? (
          <p className="hint">{t('summaryLoading')}</p>
        ) : (
          <ShiftSummaryView summary={summary} timeZone={timeZone}>
            <section className="handover-section" data-testid="handover-sync">
              {summary.unsynced > 0 ? (
                <div className="banner banner-warn" role="status">
                  <p style={{ margin: 0 }}>{t('syncPending', { count: summary.unsynced })}</p>
                  {onSyncNow && online ? (
                    <button type="button" className="btn" style={{ marginTop: 8 }} disabled={syncing} onClick={syncNow}>
                      {syncing ? t('syncing') : t('syncNow')}
                    </button>
                  ) : null}
                </div>
              ) : (
                <p className="hint">{t('syncAll')}</p>
              )}
              {summary.rejected > 0 ? (
                <p className="banner banner-danger">{t('syncRejected', { count: summary.rejected })}</p>
              ) : null}
            </section>
          </ShiftSummaryView>
        )}

        <div className="field">
          <span className="field-label" id={`${titleId}-team`}>
            {t('receivingTeamLabel')}
          </span>
          <div className="choice-grid" role="group" aria-labelledby={`${titleId}-team`}>
            <button
              type="button"
              className="btn"
              aria-pressed={receivingTeam === null}
              onClick={() => {
                setReceivingTeam(null);
              }}
            >
              {t('receivingTeamNone')}
            </button>
            {teams
              .filter((team) => team !== session.team)
              .map((team) => (
                <button
                  key={team}
                  type="button"
                  className="btn"
                  aria-pressed={receivingTeam === team}
                  onClick={() => {
                    setReceivingTeam(team);
                  }}
                >
                  {t('teamName', { team })}
                </button>
              ))}
          </div>
        </div>

        <div className="field">
          <label htmlFor={noteId}>{t('noteLabel')}</label>
          <textarea
            id={noteId}
            className="input"
            rows={3}
            value={note}
            aria-invalid={noteTooLong}
            aria-describedby={`${noteId}-note`}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
          <span id={`${noteId}-note`} className={noteTooLong ? 'error-text' : 'hint'}>
            {noteTooLong
              ? t('noteTooLong', { count: HANDOVER_NOTE_MAX_CHARS })
              : t('noteHint', { count: HANDOVER_NOTE_MAX_CHARS })}
          </span>
        </div>

        {endError !== null && (
          <p className="banner banner-danger" role="alert">
            {t(endError)}
          </p>
        )}
        <div className="btn-row">
          {/* Cancel takes the focus: a stray gloved tap on Enter must not close the shift. */}
          <button type="button" className="btn btn-big" autoFocus disabled={ending} onClick={onCancel}>
            {t('endCancel')}
          </button>
          <button
            type="button"
            className="btn btn-danger btn-big"
            disabled={ending || summary === undefined || shift === undefined || noteTooLong}
            onClick={() => void confirm()}
          >
            {ending ? t('handoverSaving') : t('handoverConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
