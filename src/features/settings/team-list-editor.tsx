// The teams in rotation order: rename, move up or down, remove (never the last one), add; a name's problem under it.
import { useId } from 'react';
import type { CheckpointConfigProblem } from '../../domain/shift-config-rules.ts';
import { TEAM_NAME_MAX_CHARS, type TeamNameProblem } from '../../domain/teams.ts';
import { useT } from '../../platform/i18n.ts';
import { teamProblemAt, type TeamRow } from './shift-config-draft.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

export interface TeamListEditorProps {
  teams: readonly TeamRow[];
  problems: readonly CheckpointConfigProblem[];
  onRename: (key: number, name: string) => void;
  onMove: (from: number, to: number) => void;
  onRemove: (key: number) => void;
  onAdd: () => void;
}

export function TeamListEditor({ teams, problems, onRename, onMove, onRemove, onAdd }: TeamListEditorProps) {
  const t = useT(shiftConfigMessages);
  const idPrefix = useId();
  const problemText = (problem: TeamNameProblem): string =>
    problem === 'empty'
      ? t('teamEmpty')
      : problem === 'tooLong'
        ? t('teamTooLong', { count: TEAM_NAME_MAX_CHARS })
        : t('teamDuplicate');

  return (
    <>
      <p className="hint">{t('teamsHint', { count: TEAM_NAME_MAX_CHARS })}</p>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {teams.map((row, index) => {
          const problem = teamProblemAt(problems, index);
          const inputId = `${idPrefix}-team-${row.key}`;
          return (
            <li key={row.key} className="field">
              <div className="btn-row">
                <input
                  id={inputId}
                  className="input"
                  style={{ flex: '3 1 0', minWidth: 0 }}
                  type="text"
                  autoComplete="off"
                  aria-label={t('teamNameLabel', { n: index + 1 })}
                  aria-invalid={problem !== null}
                  aria-describedby={problem !== null ? `${inputId}-error` : undefined}
                  value={row.name}
                  onChange={(event) => {
                    onRename(row.key, event.target.value);
                  }}
                />
                <button
                  type="button"
                  className="btn"
                  aria-label={t('teamUpLabel', { n: index + 1 })}
                  disabled={index === 0}
                  onClick={() => {
                    onMove(index, index - 1);
                  }}
                >
                  {t('teamUp')}
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('teamDownLabel', { n: index + 1 })}
                  disabled={index === teams.length - 1}
                  onClick={() => {
                    onMove(index, index + 1);
                  }}
                >
                  {t('teamDown')}
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('teamRemoveLabel', { n: index + 1 })}
                  // A checkpoint always keeps at least one team to sign in to.
                  disabled={teams.length <= 1}
                  onClick={() => {
                    onRemove(row.key);
                  }}
                >
                  {t('remove')}
                </button>
              </div>
              {problem !== null && (
                <span id={`${inputId}-error`} className="error-text">
                  {problemText(problem)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <button type="button" className="btn" onClick={onAdd}>
        {t('teamAdd')}
      </button>
    </>
  );
}
