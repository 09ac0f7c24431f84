// The hand-over record of one shift (/shift/:id/handover): the summary as it was handed over, the note, times,
// officer, team → receiving team, the persons to follow up; printable on A4 with signature lines.
import { Link } from 'wouter';
import { useSetting, useShift } from '../../db/live-queries.ts';
import type { ShiftRow } from '../../db/database.ts';
import { DEFAULT_TIME_ZONE, wallDateAndMinute } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { ShiftSummaryView } from './shift-summary-view.tsx';
import { handoverRecordMessages } from './handover-record.messages.ts';
import { handoverMessages } from './handover.messages.ts';
import { useHandoverPrintScope } from './use-handover-print-scope.ts';

export function HandoverScreen({ id }: { id: string }) {
  const t = useT(handoverRecordMessages);
  const shift = useShift(id);
  const device = useSetting('device');
  if (shift === undefined || device === undefined) return <p className="page">{t('screenLoading')}</p>;
  if (shift === null) return <Missing text={t('screenNotFound')} />;
  if (!shift.handover) return <Missing text={shift.endedAt === null ? t('screenStillOpen') : t('screenNoHandover')} />;
  return (
    <HandoverRecord
      shift={shift}
      handover={shift.handover}
      checkpoint={device?.checkpointName ?? ''}
      timeZone={device?.timeZone ?? DEFAULT_TIME_ZONE}
    />
  );
}

/** Where the lead goes from a hand-over: the other shifts, or the start screen. */
function OnwardLinks() {
  const t = useT(handoverRecordMessages);
  return (
    <>
      <Link href="/shift/history" className="btn btn-big">
        {t('history')}
      </Link>
      <Link href="/" className="btn btn-big">
        {t('backHome')}
      </Link>
    </>
  );
}

function Missing({ text }: { text: string }) {
  return (
    <div className="page">
      <p className="banner banner-warn" data-testid="handover-missing">
        {text}
      </p>
      <div className="btn-row">
        <OnwardLinks />
      </div>
    </div>
  );
}

function HandoverRecord({
  shift,
  handover,
  checkpoint,
  timeZone,
}: {
  shift: ShiftRow;
  handover: NonNullable<ShiftRow['handover']>;
  checkpoint: string;
  timeZone: string;
}) {
  const t = useT(handoverRecordMessages);
  const shared = useT(handoverMessages);
  useHandoverPrintScope();
  const end = shift.endedAt === null ? t('historyOpen') : wallDateAndMinute(shift.endedAt, timeZone);
  return (
    <div className="page handover" data-testid="handover-screen">
      <h1>{checkpoint === '' ? t('screenTitle') : t('printTitle', { checkpoint })}</h1>
      <section className="card handover-section" data-testid="handover-header">
        <p data-testid="handover-teams">
          {handover.receivingTeam === null
            ? t('shiftLineNoReceiver', { team: shift.team })
            : t('shiftLine', { team: shift.team, receiving: handover.receivingTeam })}
        </p>
        <p data-testid="handover-times">
          {t('shiftTimes', { start: wallDateAndMinute(shift.startedAt, timeZone), end })}
        </p>
        <p>{t('officerLine', { name: shift.officerName, id: shift.officerId })}</p>
      </section>

      <section className="card handover-section">
        <h2>{t('summaryTitle')}</h2>
        <ShiftSummaryView summary={handover.summary} timeZone={timeZone}>
          <section className="handover-section" data-testid="handover-sync">
            <h3>{t('syncTitle')}</h3>
            <p>
              {handover.summary.unsynced > 0
                ? shared('syncPending', { count: handover.summary.unsynced })
                : shared('syncAll')}
            </p>
            {handover.summary.rejected > 0 ? (
              <p>{shared('syncRejected', { count: handover.summary.rejected })}</p>
            ) : null}
          </section>
        </ShiftSummaryView>
      </section>

      <section className="card handover-section" data-testid="handover-note">
        <h2>{shared('noteLabel')}</h2>
        <p style={{ whiteSpace: 'pre-wrap' }}>{handover.note === '' ? t('noteNone') : handover.note}</p>
      </section>

      <div className="handover-signatures" aria-hidden="true">
        <div>{t('signHandingOver')}</div>
        <div>{t('signReceiving')}</div>
        <div>{t('signTime')}</div>
      </div>

      <div className="btn-row no-print">
        <button
          type="button"
          className="btn btn-primary btn-big"
          onClick={() => {
            window.print();
          }}
        >
          {t('print')}
        </button>
        <OnwardLinks />
      </div>
    </div>
  );
}
