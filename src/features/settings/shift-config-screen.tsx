// The lead's shift-configuration screen (/lead/config): teams, the shifts of a day, the rotation start; saved on the
// tablet at once (offline too) and synced to the server, with who is on duty now and next.
import { useId, useState, type ReactNode } from 'react';
import { checkpointConfig } from '../../db/db-instance.ts';
import { useSetting } from '../../db/live-queries.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import {
  SHIFT_PRESETS,
  checkCheckpointConfig,
  type CheckpointConfigProblem,
  type ShiftPresetId,
} from '../../domain/shift-config-rules.ts';
import type { CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import { TEAM_NAME_MAX_CHARS, type TeamNameProblem } from '../../domain/teams.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../domain/time.ts';
import { useCheckpointConfig, type CheckpointConfigView } from '../../hooks/use-checkpoint-config.ts';
import { useNow } from '../../hooks/use-now.ts';
import { useT } from '../../lib/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';
import { ShiftPreview } from './shift-preview.tsx';

const PREVIEW_REFRESH_MS = 60_000;
const PRESET_IDS: readonly ShiftPresetId[] = ['rotation24h', 'fourTeams', 'threeShifts'];
const PRESET_LABEL = { rotation24h: 'presetRotation24h', fourTeams: 'presetFourTeams', threeShifts: 'presetThreeShifts' } as const;

/** Rows carry a stable key so React keeps each input (and its focus) through renames, moves and removals. */
interface TeamRow {
  key: number;
  name: string;
}
interface ShiftRow {
  key: number;
  name: string;
  start: string;
}
interface Draft {
  teams: TeamRow[];
  shifts: ShiftRow[];
  rotationAnchor: string;
}

type SaveError = 'saveFailed' | 'storageFull';

let nextKey = 0;
const key = () => (nextKey += 1);

function toDraft(config: CheckpointConfigBody): Draft {
  return {
    teams: config.teams.map((name) => ({ key: key(), name })),
    shifts: config.shifts.map((slot) => ({ key: key(), ...slot })),
    rotationAnchor: config.rotationAnchor,
  };
}

function toBody(draft: Draft): CheckpointConfigBody {
  return {
    teams: draft.teams.map((row) => row.name),
    shifts: draft.shifts.map(({ name, start }) => ({ name, start })),
    rotationAnchor: draft.rotationAnchor,
  };
}

/** Stored on the tablet at once; the sync engine sees the new edit and pushes it. */
async function saveLeadEdit(body: CheckpointConfigBody): Promise<void> {
  await checkpointConfig.saveEdit(body, Date.now());
}

const sameBody = (a: CheckpointConfigBody, b: CheckpointConfigBody) => JSON.stringify(a) === JSON.stringify(b);

export function ShiftConfigScreen() {
  const t = useT(shiftConfigMessages);
  const view = useCheckpointConfig();
  const device = useSetting('device');
  if (view === undefined || device === undefined) {
    return (
      <div className="page">
        <p className="hint">{t('loading')}</p>
      </div>
    );
  }
  return <ShiftConfigForm view={view} timeZone={device?.timeZone ?? DEFAULT_TIME_ZONE} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

function SyncState({ view, timeZone }: { view: CheckpointConfigView; timeZone: string }) {
  const t = useT(shiftConfigMessages);
  const when = (epochMsOrIso: number | string | null) =>
    epochMsOrIso === null
      ? '—'
      : formatInZone(typeof epochMsOrIso === 'number' ? epochMsOrIso : Date.parse(epochMsOrIso), timeZone).slice(0, 16).replace('T', ' ');
  const { conflict } = view;
  return (
    <>
      {conflict !== null && (
        <div className="banner banner-warn" role="alert">
          <p>
            {conflict.kind === 'conflict'
              ? t('conflict', { at: when(conflict.serverUpdatedAt), version: conflict.serverVersion, editedAt: when(conflict.editedAt) })
              : t('refused', { editedAt: when(conflict.editedAt), detail: conflict.detail ?? '—' })}
          </p>
          <button type="button" className="btn" onClick={() => void checkpointConfig.dismissConflict()}>
            {t('conflictDismiss')}
          </button>
        </div>
      )}
      <p className="hint" role="status">
        {view.pendingEdit !== null
          ? t('statePending')
          : view.serverVersion > 0
            ? t('stateSynced', { version: view.serverVersion })
            : t('stateDefault')}
      </p>
    </>
  );
}

function ShiftConfigForm({ view, timeZone }: { view: CheckpointConfigView; timeZone: string }) {
  const t = useT(shiftConfigMessages);
  const idPrefix = useId();
  const nowMs = useNow(PREVIEW_REFRESH_MS);
  const [draft, setDraft] = useState<Draft>(() => toDraft(view.config));
  // The configuration the draft was started from. When another one arrives (a sync, or this form's own save), an
  // untouched form follows it; a form with unsaved edits keeps them and says so: nothing typed is dropped.
  const [base, setBase] = useState<CheckpointConfigBody>(view.config);
  const [overtaken, setOvertaken] = useState(false);
  if (!sameBody(base, view.config)) {
    const draftBody = toBody(draft);
    setBase(view.config);
    if (sameBody(draftBody, base) || sameBody(draftBody, view.config)) setDraft(toDraft(view.config));
    else setOvertaken(true);
  }
  // Problems show after a save attempt, then follow the edits.
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<SaveError | null>(null);

  const check = checkCheckpointConfig(toBody(draft));
  const dirty = !sameBody(toBody(draft), view.config);
  const problems = attempted ? check.problems : [];
  const problemAt = (kind: CheckpointConfigProblem['kind'], index: number) =>
    problems.find((problem) => problem.kind === kind && 'index' in problem && problem.index === index);

  const edit = (next: Draft) => {
    setDraft(next);
    setSaveError(null);
  };
  const moveTeam = (from: number, to: number) => {
    const teams = [...draft.teams];
    const [moved] = teams.splice(from, 1);
    if (moved === undefined) return;
    teams.splice(to, 0, moved);
    edit({ ...draft, teams });
  };

  const teamProblemText = (problem: TeamNameProblem): string =>
    problem === 'empty' ? t('teamEmpty') : problem === 'tooLong' ? t('teamTooLong', { max: TEAM_NAME_MAX_CHARS }) : t('teamDuplicate');

  const save = async () => {
    setAttempted(true);
    if (!check.ok) return;
    setSaving(true);
    try {
      await saveLeadEdit(check.body);
      // The saved edit comes back as the configuration the form follows.
      setSaving(false);
      setAttempted(false);
      setOvertaken(false);
    } catch (e) {
      setSaveError(e instanceof StorageFullError ? 'storageFull' : 'saveFailed');
      setSaving(false);
    }
  };

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <SyncState view={view} timeZone={timeZone} />
      {overtaken && dirty && (
        <div className="banner banner-warn" role="alert" data-testid="config-overtaken">
          <p>{t('overtaken')}</p>
          <button
            type="button"
            className="btn"
            onClick={() => {
              edit(toDraft(view.config));
              setAttempted(false);
              setOvertaken(false);
            }}
          >
            {t('overtakenLoad')}
          </button>
        </div>
      )}

      <Section title={t('previewTitle')}>
        <ShiftPreview config={check.ok ? check.body : null} nowMs={nowMs} timeZone={timeZone} />
      </Section>

      <Section title={t('presetsTitle')}>
        <div className="choice-grid">
          {PRESET_IDS.map((id) => (
            <button
              key={id}
              type="button"
              className="btn btn-big"
              onClick={() => {
                const preset = SHIFT_PRESETS[id];
                edit(toDraft({ teams: [...preset.teams], shifts: preset.shifts.map((slot) => ({ ...slot })), rotationAnchor: draft.rotationAnchor }));
              }}
            >
              {t(PRESET_LABEL[id])}
            </button>
          ))}
        </div>
      </Section>

      <Section title={t('teamsTitle')}>
        <p className="hint">{t('teamsHint', { max: TEAM_NAME_MAX_CHARS })}</p>
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {draft.teams.map((row, index) => {
            const problem = problemAt('team', index);
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
                    aria-invalid={problem !== undefined}
                    aria-describedby={problem !== undefined ? `${inputId}-error` : undefined}
                    value={row.name}
                    onChange={(event) => {
                      edit({ ...draft, teams: draft.teams.map((r) => (r.key === row.key ? { ...r, name: event.target.value } : r)) });
                    }}
                  />
                  <button type="button" className="btn" aria-label={t('teamUpLabel', { n: index + 1 })} disabled={index === 0} onClick={() => { moveTeam(index, index - 1); }}>
                    {t('teamUp')}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('teamDownLabel', { n: index + 1 })}
                    disabled={index === draft.teams.length - 1}
                    onClick={() => {
                      moveTeam(index, index + 1);
                    }}
                  >
                    {t('teamDown')}
                  </button>
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('teamRemoveLabel', { n: index + 1 })}
                    // A checkpoint always keeps at least one team to sign in to.
                    disabled={draft.teams.length <= 1}
                    onClick={() => {
                      edit({ ...draft, teams: draft.teams.filter((r) => r.key !== row.key) });
                    }}
                  >
                    {t('remove')}
                  </button>
                </div>
                {problem?.kind === 'team' && (
                  <span id={`${inputId}-error`} className="error-text">
                    {teamProblemText(problem.problem)}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="btn"
          onClick={() => {
            edit({ ...draft, teams: [...draft.teams, { key: key(), name: '' }] });
          }}
        >
          {t('teamAdd')}
        </button>
      </Section>

      <Section title={t('shiftsTitle')}>
        <p className="hint">{t('shiftsHint')}</p>
        <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {draft.shifts.map((row, index) => {
            const problem = problemAt('slotOrder', index) ?? problemAt('slotNameDuplicate', index);
            const nameEmpty = problemAt('slotNameEmpty', index) !== undefined;
            const errorId = `${idPrefix}-shift-${row.key}-error`;
            const message = nameEmpty
              ? t('shiftNameEmpty')
              : problem?.kind === 'slotOrder'
                ? t('shiftOrder')
                : problem?.kind === 'slotNameDuplicate'
                  ? t('shiftNameDuplicate')
                  : null;
            const update = (patch: Partial<ShiftRow>) => {
              edit({ ...draft, shifts: draft.shifts.map((r) => (r.key === row.key ? { ...r, ...patch } : r)) });
            };
            return (
              <li key={row.key} className="field">
                <div className="btn-row">
                  <input
                    className="input"
                    style={{ flex: '2 1 0', minWidth: 0 }}
                    type="text"
                    autoComplete="off"
                    aria-label={t('shiftNameLabel', { n: index + 1 })}
                    aria-invalid={message !== null}
                    aria-describedby={message !== null ? errorId : undefined}
                    value={row.name}
                    onChange={(event) => {
                      update({ name: event.target.value });
                    }}
                  />
                  <input
                    className="input"
                    style={{ flex: '1 1 0', minWidth: 0 }}
                    type="time"
                    required
                    aria-label={t('shiftStartLabel', { n: index + 1 })}
                    aria-invalid={problem?.kind === 'slotOrder'}
                    value={row.start}
                    onChange={(event) => {
                      // A cleared time input gives ''; keep the last valid time rather than an unsavable one.
                      if (event.target.value !== '') update({ start: event.target.value.slice(0, 5) });
                    }}
                  />
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('shiftRemoveLabel', { n: index + 1 })}
                    disabled={draft.shifts.length <= 1}
                    onClick={() => {
                      edit({ ...draft, shifts: draft.shifts.filter((r) => r.key !== row.key) });
                    }}
                  >
                    {t('remove')}
                  </button>
                </div>
                {message !== null && (
                  <span id={errorId} className="error-text">
                    {message}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        <button
          type="button"
          className="btn"
          disabled={draft.shifts.length >= 6}
          onClick={() => {
            const last = draft.shifts[draft.shifts.length - 1];
            // A new shift starts an hour after the last one, so the list stays in order as added.
            const start = last === undefined ? '08:00' : `${String(Math.min(23, Number(last.start.slice(0, 2)) + 1)).padStart(2, '0')}:00`;
            edit({ ...draft, shifts: [...draft.shifts, { key: key(), name: '', start }] });
          }}
        >
          {t('shiftAdd')}
        </button>
      </Section>

      <Section title={t('anchorTitle')}>
        <div className="field">
          <label htmlFor={`${idPrefix}-anchor`}>{t('anchorLabel')}</label>
          <input
            id={`${idPrefix}-anchor`}
            className="input"
            type="date"
            required
            value={draft.rotationAnchor}
            aria-invalid={problems.some((problem) => problem.kind === 'anchor')}
            onChange={(event) => {
              edit({ ...draft, rotationAnchor: event.target.value });
            }}
          />
          {problems.some((problem) => problem.kind === 'anchor') && <span className="error-text">{t('anchorInvalid')}</span>}
        </div>
      </Section>

      {dirty && !attempted && <p className="hint">{t('unsaved')}</p>}
      {attempted && !check.ok && (
        <p className="banner banner-warn" role="alert">
          {problems.some((problem) => problem.kind === 'noTeams') ? t('noTeams') : t('fix')}
        </p>
      )}
      {saveError !== null && (
        <p className="banner banner-danger" role="alert">
          {t(saveError)}
        </p>
      )}
      <div className="btn-row">
        <button
          type="button"
          className="btn btn-big"
          disabled={!dirty || saving}
          onClick={() => {
            edit(toDraft(view.config));
            setAttempted(false);
          }}
        >
          {t('undo')}
        </button>
        <button type="button" className="btn btn-primary btn-big" disabled={!dirty || saving} onClick={() => void save()}>
          {t('save')}
        </button>
      </div>
    </div>
  );
}
