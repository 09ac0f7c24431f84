// The sign-in screen: officer number, name and team start a shift on this tablet, fully offline.
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { settings, shifts } from '../../db/db-instance.ts';
import { useSetting } from '../../db/live-queries.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { shiftAt, type CheckpointConfigBody } from '../../domain/shift-schedule.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time.ts';
import { useCheckpointConfig } from '../../db/use-checkpoint-config.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import {
  OFFICER_ID_MAX_CHARS,
  OFFICER_NAME_MAX_CHARS,
  validateSignIn,
  type Officer,
  type SignInProblems,
} from './sign-in-form.ts';
import { shiftMessages } from './shift.messages.ts';
import { recordError } from '../../platform/diagnostics.ts';
import { randomUuid } from '../../platform/crypto/random-uuid.ts';

type SaveError = 'saveFailed' | 'storageFull';

// The preselection is read when the form mounts; a minute's precision is plenty for a shift change.
const ON_DUTY_REFRESH_MS = 60_000;

/** The team the rotation puts on duty now: preselected, the officer may choose another. */
function teamOnDuty(config: CheckpointConfigBody, nowMs: number, timeZone: string): string | null {
  try {
    return shiftAt(config, new Date(nowMs).toISOString(), timeZone).team;
  } catch {
    // A configuration the rotation cannot read (it would have been refused on save): no preselection.
    return null;
  }
}

export function SignInScreen() {
  const t = useT(shiftMessages);
  const view = useCheckpointConfig();
  const lastOfficer = useSetting('lastOfficer');
  const device = useSetting('device');
  const nowMs = useNow(ON_DUTY_REFRESH_MS);

  // The form starts from stored values, so it mounts only once they are read.
  if (view === undefined || lastOfficer === undefined || device === undefined) {
    return (
      <div className="page">
        <p className="hint">{t('loading')}</p>
      </div>
    );
  }
  const onDuty = teamOnDuty(view.config, nowMs, device?.timeZone ?? DEFAULT_TIME_ZONE);
  return <SignInForm teams={view.config.teams} onDuty={onDuty} lastOfficer={lastOfficer} />;
}

/** Writes the shift row, then the session that signs the officer in; a half-done start is undone. */
async function startShift(officer: Officer): Promise<void> {
  const shiftId = randomUuid();
  const startedAt = Date.now();
  await settings.set('lastOfficer', { officerId: officer.officerId, officerName: officer.officerName });
  await shifts.start({ id: shiftId, ...officer, startedAt, endedAt: null });
  try {
    await settings.set('session', { ...officer, shiftId, startedAt });
  } catch (e) {
    // Without a session the officer is not signed in: leave no shift open in his name.
    await shifts.end(shiftId, Date.now()).catch(() => undefined);
    throw e;
  }
}

interface SignInFormProps {
  teams: readonly string[];
  /** Preselected team (the one the rotation puts on duty now); null for none. */
  onDuty: string | null;
  lastOfficer: SettingsMap['lastOfficer'] | null;
}

function SignInForm({ teams, onDuty, lastOfficer }: SignInFormProps) {
  const t = useT(shiftMessages);
  const [officerId, setOfficerId] = useState(lastOfficer?.officerId ?? '');
  const [officerName, setOfficerName] = useState(lastOfficer?.officerName ?? '');
  const [team, setTeam] = useState<string | null>(onDuty !== null && teams.includes(onDuty) ? onDuty : null);
  // Errors appear after the first attempt to start, then follow the input as it is corrected.
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<SaveError | null>(null);

  const idPrefix = useId();
  const ids = {
    title: `${idPrefix}-title`,
    officerId: `${idPrefix}-officer-id`,
    officerIdHint: `${idPrefix}-officer-id-hint`,
    officerIdError: `${idPrefix}-officer-id-error`,
    officerName: `${idPrefix}-officer-name`,
    officerNameError: `${idPrefix}-officer-name-error`,
    teamLabel: `${idPrefix}-team-label`,
    teamError: `${idPrefix}-team-error`,
  };
  const officerIdInput = useRef<HTMLInputElement>(null);
  const officerNameInput = useRef<HTMLInputElement>(null);
  const firstTeamButton = useRef<HTMLButtonElement>(null);

  const result = validateSignIn({ officerId, officerName, team }, teams);
  const problems: SignInProblems | null = attempted && !result.ok ? result.problems : null;

  const officerIdError = problems?.officerId ?? null;
  const officerNameError = problems?.officerName ?? null;
  const teamError = problems?.team ?? null;

  const officerIdMessage =
    officerIdError === 'empty'
      ? t('officerIdEmpty')
      : officerIdError === 'badCharacters'
        ? t('officerIdBadCharacters')
        : officerIdError === 'tooLong'
          ? t('officerIdTooLong', { count: OFFICER_ID_MAX_CHARS })
          : null;
  const officerNameMessage =
    officerNameError === 'empty'
      ? t('officerNameEmpty')
      : officerNameError === 'tooLong'
        ? t('officerNameTooLong', { count: OFFICER_NAME_MAX_CHARS })
        : null;

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (saving) return;
    setAttempted(true);
    setSaveError(null);
    if (!result.ok) {
      const { problems: found } = result;
      const firstInvalid =
        found.officerId !== null
          ? officerIdInput.current
          : found.officerName !== null
            ? officerNameInput.current
            : firstTeamButton.current;
      firstInvalid?.focus();
      return;
    }
    setSaving(true);
    try {
      await startShift(result.officer);
      // The app replaces this screen as soon as the session is stored.
    } catch (e) {
      recordError('sign-in', e);
      setSaveError(e instanceof StorageFullError ? 'storageFull' : 'saveFailed');
      setSaving(false);
    }
  };

  return (
    <div className="page">
      <form className="card" aria-labelledby={ids.title} noValidate onSubmit={(event) => void onSubmit(event)}>
        <h1 id={ids.title}>{t('title')}</h1>
        <p className="hint">{t('intro')}</p>

        <div className="field">
          <label htmlFor={ids.officerId}>{t('officerId')}</label>
          <input
            ref={officerIdInput}
            id={ids.officerId}
            className="input"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="next"
            value={officerId}
            aria-invalid={officerIdMessage !== null}
            aria-describedby={
              officerIdMessage !== null ? `${ids.officerIdError} ${ids.officerIdHint}` : ids.officerIdHint
            }
            onChange={(event) => {
              setOfficerId(event.target.value);
            }}
          />
          <span id={ids.officerIdHint} className="hint">
            {t('officerIdHint', { count: OFFICER_ID_MAX_CHARS })}
          </span>
          {officerIdMessage !== null && (
            <span id={ids.officerIdError} className="error-text">
              {officerIdMessage}
            </span>
          )}
        </div>

        <div className="field">
          <label htmlFor={ids.officerName}>{t('officerName')}</label>
          <input
            ref={officerNameInput}
            id={ids.officerName}
            className="input"
            type="text"
            autoComplete="off"
            enterKeyHint="done"
            value={officerName}
            aria-invalid={officerNameMessage !== null}
            aria-describedby={officerNameMessage !== null ? ids.officerNameError : undefined}
            onChange={(event) => {
              setOfficerName(event.target.value);
            }}
          />
          {officerNameMessage !== null && (
            <span id={ids.officerNameError} className="error-text">
              {officerNameMessage}
            </span>
          )}
        </div>

        <div className="field">
          <span id={ids.teamLabel} className="field-label">
            {t('team')}
          </span>
          <div
            className="choice-grid"
            role="group"
            aria-labelledby={ids.teamLabel}
            aria-describedby={teamError !== null ? ids.teamError : undefined}
          >
            {teams.map((name, index) => (
              <button
                key={name}
                ref={index === 0 ? firstTeamButton : undefined}
                type="button"
                className="btn btn-big"
                aria-pressed={team === name}
                onClick={() => {
                  setTeam(name);
                }}
              >
                {t('teamName', { team: name })}
              </button>
            ))}
          </div>
          {teamError !== null && (
            <span id={ids.teamError} className="error-text">
              {t('teamNone')}
            </span>
          )}
        </div>

        {problems !== null && (
          <p className="banner banner-warn" role="alert">
            {t('fixErrors')}
          </p>
        )}
        {saveError !== null && (
          <p className="banner banner-danger" role="alert">
            {t(saveError)}
          </p>
        )}

        <button type="submit" className="btn btn-primary btn-big" disabled={saving}>
          {saving ? t('starting') : t('start')}
        </button>
      </form>
    </div>
  );
}
