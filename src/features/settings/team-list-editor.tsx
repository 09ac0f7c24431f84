// Editing the checkpoint's teams: rename, add, remove, then save the whole list once it is valid.
import { useId, useState } from 'react';
import { settings } from '../../db/db-instance.ts';
import { useSetting } from '../../db/live-queries.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { checkTeamList, TEAM_NAME_MAX_CHARS, teamsOrDefault } from '../../domain/teams.ts';
import type { TeamNameProblem } from '../../domain/teams.ts';
import { useT } from '../../lib/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

interface TeamRow {
  /** Stable across renames, so React keeps each input (and its focus) while the name changes. */
  key: number;
  name: string;
}

type Status = 'saved' | 'fix' | 'saveFailed' | 'storageFull';

export function TeamListEditor() {
  const t = useT(settingsMessages);
  const stored = useSetting('teams');
  if (stored === undefined) return <p className="hint">{t('loading')}</p>;
  return <TeamListForm saved={teamsOrDefault(stored)} />;
}

function toRows(names: readonly string[]): TeamRow[] {
  return names.map((name, index) => ({ key: index, name }));
}

function sameNames(rows: readonly TeamRow[], names: readonly string[]): boolean {
  return rows.length === names.length && rows.every((row, index) => row.name === names[index]);
}

function TeamListForm({ saved }: { saved: readonly string[] }) {
  const t = useT(settingsMessages);
  const idPrefix = useId();
  const [rows, setRows] = useState<TeamRow[]>(() => toRows(saved));
  const [addedKey, setAddedKey] = useState<number | null>(null);
  // Problems show after a save attempt, then follow the edits.
  const [attempted, setAttempted] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const [saving, setSaving] = useState(false);

  const check = checkTeamList(rows.map((row) => row.name));
  const dirty = !sameNames(rows, saved);

  const edit = (next: TeamRow[]) => {
    setRows(next);
    setStatus(null);
  };

  const problemText = (problem: TeamNameProblem): string =>
    problem === 'empty' ? t('teamEmpty') : problem === 'tooLong' ? t('teamTooLong', { max: TEAM_NAME_MAX_CHARS }) : t('teamDuplicate');

  const save = async () => {
    setAttempted(true);
    if (!check.ok) {
      setStatus('fix');
      return;
    }
    setSaving(true);
    try {
      await settings.set('teams', check.names);
      setRows(rows.map((row, index) => ({ ...row, name: check.names[index] ?? row.name })));
      setAttempted(false);
      setStatus('saved');
    } catch (e) {
      setStatus(e instanceof StorageFullError ? 'storageFull' : 'saveFailed');
    } finally {
      setSaving(false);
    }
  };

  const statusBanner =
    status === 'saved' ? (
      <p className="banner banner-ok" role="status">
        {t('teamsSaved')}
      </p>
    ) : status === 'fix' ? (
      <p className="banner banner-warn" role="alert">
        {t('teamsFix')}
      </p>
    ) : status === 'saveFailed' || status === 'storageFull' ? (
      <p className="banner banner-danger" role="alert">
        {t(status === 'storageFull' ? 'teamsStorageFull' : 'teamsSaveFailed')}
      </p>
    ) : null;

  return (
    <div>
      <p className="hint">{t('teamsHint', { max: TEAM_NAME_MAX_CHARS })}</p>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.map((row, index) => {
          const problem = attempted ? (check.problems[index] ?? null) : null;
          const inputId = `${idPrefix}-team-${row.key}`;
          const errorId = `${inputId}-error`;
          return (
            <li key={row.key} className="field">
              <div className="btn-row">
                <input
                  id={inputId}
                  className="input"
                  style={{ flex: '3 1 0', minWidth: 0 }}
                  type="text"
                  autoComplete="off"
                  // Only a row the officer just added takes the focus, never the list on first render.
                  autoFocus={row.key === addedKey}
                  aria-label={t('teamNameLabel', { n: index + 1 })}
                  aria-invalid={problem !== null}
                  aria-describedby={problem !== null ? errorId : undefined}
                  value={row.name}
                  onChange={(event) => {
                    edit(rows.map((r) => (r.key === row.key ? { ...r, name: event.target.value } : r)));
                  }}
                />
                <button
                  type="button"
                  className="btn"
                  aria-label={t('teamRemoveLabel', { n: index + 1 })}
                  // A checkpoint always keeps at least one team to sign in to.
                  disabled={rows.length <= 1}
                  onClick={() => {
                    edit(rows.filter((r) => r.key !== row.key));
                  }}
                >
                  {t('teamRemove')}
                </button>
              </div>
              {problem !== null && (
                <span id={errorId} className="error-text">
                  {problemText(problem)}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="btn-row" style={{ marginBottom: 12 }}>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const key = rows.reduce((max, row) => Math.max(max, row.key), -1) + 1;
            edit([...rows, { key, name: '' }]);
            setAddedKey(key);
          }}
        >
          {t('teamAdd')}
        </button>
      </div>
      {dirty && status === null && <p className="hint">{t('teamsUnsaved')}</p>}
      {statusBanner}
      <div className="btn-row">
        <button
          type="button"
          className="btn"
          disabled={!dirty || saving}
          onClick={() => {
            edit(toRows(saved));
            setAddedKey(null);
            setAttempted(false);
          }}
        >
          {t('teamsUndo')}
        </button>
        <button type="button" className="btn btn-primary" disabled={!dirty || saving} onClick={() => void save()}>
          {t('teamsSave')}
        </button>
      </div>
    </div>
  );
}
