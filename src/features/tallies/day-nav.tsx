// Going to another day of the report or the hand-off list: the day before, a date field, the day after, today.
// Large targets for gloved fingers; never past today.
import { useT } from '../../platform/i18n.ts';
import { shiftDay } from './report-date.ts';
import { talliesMessages } from './tallies.messages.ts';

export interface DayNavProps {
  /** The day shown, 'YYYY-MM-DD'. */
  date: string;
  /** Today on the checkpoint's clock: the latest day that can be picked. */
  today: string;
  /** A day the lead picked ('' when the field was cleared). */
  onPick: (day: string) => void;
  /** The date field's test id. */
  testId: string;
}

export function DayNav({ date, today, onPick, testId }: DayNavProps) {
  const t = useT(talliesMessages);
  return (
    <div className="btn-row" style={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <button type="button" className="btn" onClick={() => onPick(shiftDay(date, -1))}>
        {t('previousDay')}
      </button>
      <label className="field" style={{ margin: 0 }}>
        <span className="hint">{t('date')}</span>
        <input
          className="input"
          type="date"
          data-testid={testId}
          value={date}
          max={today}
          onChange={(event) => onPick(event.target.value)}
        />
      </label>
      <button type="button" className="btn" disabled={date >= today} onClick={() => onPick(shiftDay(date, 1))}>
        {t('nextDay')}
      </button>
      <button type="button" className="btn" aria-pressed={date === today} onClick={() => onPick(today)}>
        {t('today')}
      </button>
    </div>
  );
}
