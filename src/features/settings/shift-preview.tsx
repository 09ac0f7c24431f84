// Who is on duty now and for the next shifts, under a configuration (the one being edited, when it is valid).
import { shiftsFrom, type CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import { formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

/** Shifts shown after the current one. */
export const PREVIEW_NEXT_SHIFTS = 3;

/** "11-28 08:00": a shift boundary on the checkpoint's clock. */
const wallClock = (iso: string, timeZone: string): string =>
  formatInZone(Date.parse(iso), timeZone).slice(5, 16).replace('T', ' ');

export function ShiftPreview({
  config,
  nowMs,
  timeZone,
}: {
  config: CheckpointConfigBody | null;
  nowMs: number;
  timeZone: string;
}) {
  const t = useT(shiftConfigMessages);
  if (config === null) return <p className="hint">{t('previewInvalid')}</p>;
  const shifts = shiftsFrom(config, new Date(nowMs).toISOString(), timeZone, PREVIEW_NEXT_SHIFTS);
  return (
    <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('previewTitle')}>
      {shifts.map((shift, index) => (
        <li key={shift.startsAt} className="field" data-testid="on-duty">
          <strong>{index === 0 ? t('previewNow') : t('previewNext')}</strong>{' '}
          {t('previewLine', {
            team: shift.team,
            slot: shift.slotName,
            from: wallClock(shift.startsAt, timeZone),
            to: wallClock(shift.endsAt, timeZone),
          })}
        </li>
      ))}
    </ol>
  );
}
