// The shifts of a day in start order: name and start time, remove (never the last one), add (up to the schema's limit).
import { useId } from 'react';
import type { CheckpointConfigProblem } from '../../domain/shift-config-rules.ts';
import { useT } from '../../platform/i18n.ts';
import { MAX_SHIFTS_PER_DAY, shiftProblemsAt, type ShiftRow, type ShiftRowProblem } from './shift-config-draft.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

const PROBLEM_KEY = {
  nameEmpty: 'shiftNameEmpty',
  order: 'shiftOrder',
  nameDuplicate: 'shiftNameDuplicate',
} as const satisfies Record<ShiftRowProblem, string>;

export interface ShiftListEditorProps {
  shifts: readonly ShiftRow[];
  problems: readonly CheckpointConfigProblem[];
  onUpdate: (key: number, patch: Partial<Omit<ShiftRow, 'key'>>) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
}

export function ShiftListEditor({ shifts, problems, onUpdate, onRemove, onAdd }: ShiftListEditorProps) {
  const t = useT(shiftConfigMessages);
  const idPrefix = useId();
  return (
    <>
      <p className="hint">{t('shiftsHint')}</p>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shifts.map((row, index) => {
          const { shown, startOutOfOrder } = shiftProblemsAt(problems, index);
          const errorId = `${idPrefix}-shift-${row.key}-error`;
          return (
            <li key={row.key} className="field">
              <div className="btn-row">
                <input
                  className="input"
                  style={{ flex: '2 1 0', minWidth: 0 }}
                  type="text"
                  autoComplete="off"
                  aria-label={t('shiftNameLabel', { n: index + 1 })}
                  aria-invalid={shown !== null}
                  aria-describedby={shown !== null ? errorId : undefined}
                  value={row.name}
                  onChange={(event) => {
                    onUpdate(row.key, { name: event.target.value });
                  }}
                />
                <input
                  className="input"
                  style={{ flex: '1 1 0', minWidth: 0 }}
                  type="time"
                  required
                  aria-label={t('shiftStartLabel', { n: index + 1 })}
                  aria-invalid={startOutOfOrder}
                  value={row.start}
                  onChange={(event) => {
                    // A cleared time input gives ''; keep the last valid time rather than an unsavable one.
                    if (event.target.value !== '') onUpdate(row.key, { start: event.target.value.slice(0, 5) });
                  }}
                />
                <button
                  type="button"
                  className="btn"
                  aria-label={t('shiftRemoveLabel', { n: index + 1 })}
                  disabled={shifts.length <= 1}
                  onClick={() => {
                    onRemove(row.key);
                  }}
                >
                  {t('remove')}
                </button>
              </div>
              {shown !== null && (
                <span id={errorId} className="error-text">
                  {t(PROBLEM_KEY[shown])}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" disabled={shifts.length >= MAX_SHIFTS_PER_DAY} onClick={onAdd}>
        {t('shiftAdd')}
      </button>
    </>
  );
}
