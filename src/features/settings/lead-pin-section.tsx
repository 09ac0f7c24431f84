// Settings, "lead PIN": change it with the current one (wrong ones count toward the same lockout as the gate), or set
// the first one on a tablet that has none. On a tablet enrolled with a server the change is the server's, so that it
// reaches every tablet of the checkpoint (ADR 030); a tablet without one changes its own.
import { useId, useState } from 'react';
import type { SubmitEvent } from 'react';
import { NewPinFields } from '../../components/new-pin-fields.tsx';
import { settings } from '../../db/db-instance.ts';
import { createLeadPinCache } from '../../db/lead-pin-cache.ts';
import { leadPins } from '../../db/lead-pins-instance.ts';
import { LeadPinRefusedError } from '../../db/lead-pin-repository.ts';
import { useSetting } from '../../db/live-queries.ts';
import { checkNewLeadPin, LEAD_PIN_MAX_DIGITS } from '../../domain/lead-pin-rules.ts';
import { formatWait, useLanguage, useT, type Language } from '../../platform/i18n.ts';
import { isOnline } from '../../platform/online.ts';
import { leadAccessFor } from '../../sync/lead-access.ts';
import { changeLeadPinWithServer, type ServerPinChange } from '../../sync/lead-pin-change.ts';
import type { FetchLike } from '../../sync/transport.ts';
import { settingsMessages } from './settings.messages.ts';
import { recordError } from '../../platform/diagnostics.ts';

type Outcome =
  | { kind: 'saved' }
  | { kind: 'savedEverywhere' }
  | { kind: 'needsServer' }
  | { kind: 'changedElsewhere' }
  | { kind: 'serverLocked' }
  | { kind: 'serverRefused'; detail: string }
  | { kind: 'firstTakenElsewhere' }
  | { kind: 'wrongCurrent'; attemptsBeforeLock: number }
  | { kind: 'locked'; lockedUntil: number }
  | { kind: 'failed' }
  | { kind: 'alreadySet' };

/** The wait until `untilMs`, in words of the language. */
function waitText(untilMs: number, language: Language): string {
  return formatWait(untilMs - Date.now(), language);
}

/** The warnings about the server's answer, by outcome. */
const WARNING_KEYS = {
  needsServer: 'leadPinNeedsServer',
  changedElsewhere: 'leadPinChangedElsewhere',
  serverLocked: 'leadPinServerLocked',
  firstTakenElsewhere: 'leadPinFirstTakenElsewhere',
} as const;

/** What the settings screen says about the server's answer to a change. */
function serverOutcome(result: ServerPinChange): Outcome {
  switch (result.kind) {
    case 'changed':
      return { kind: 'savedEverywhere' };
    case 'needs-server':
      return { kind: 'needsServer' };
    case 'pin-changed':
      return { kind: 'changedElsewhere' };
    case 'rate-limited':
      return { kind: 'serverLocked' };
    case 'refused':
      return { kind: 'serverRefused', detail: result.detail ?? '—' };
    case 'failed':
      return { kind: 'failed' };
  }
}

export interface LeadPinSectionProps {
  /** Injected by tests; the browser's fetch otherwise. */
  fetch?: FetchLike;
}

export function LeadPinSection({ fetch }: LeadPinSectionProps = {}) {
  const t = useT(settingsMessages);
  const language = useLanguage();
  const record = useSetting('leadPin');
  const currentId = useId();
  const pinInputId = useId();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  if (record === undefined) return null;
  const changing = record !== null;
  const problem = checkNewLeadPin(pin, again);
  const currentMissing = changing && current === '';

  const reset = () => {
    setCurrent('');
    setPin('');
    setAgain('');
    setAttempted(false);
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    setOutcome(null);
    if (currentMissing || problem !== null) {
      document.getElementById(currentMissing ? currentId : pinInputId)?.focus();
      return;
    }
    setSaving(true);
    try {
      const access = leadAccessFor(await settings.get('device'), createLeadPinCache(settings), Date.now, fetch);
      if (changing && access.server !== null) {
        // The current PIN is checked here first, counted like any on the pad; then the server makes the change.
        const verdict = await leadPins.verify(current, Date.now());
        if (verdict.kind === 'accepted') {
          const result = await changeLeadPinWithServer(current, pin, {
            server: access.server,
            online: isOnline(),
            cache: createLeadPinCache(settings),
            leadPinSync: access.leadPinSync,
            now: Date.now,
          });
          if (result.kind === 'changed') reset();
          else setCurrent('');
          setOutcome(serverOutcome(result));
        } else if (verdict.kind === 'wrong') {
          setCurrent('');
          setOutcome({ kind: 'wrongCurrent', attemptsBeforeLock: verdict.attemptsBeforeLock });
        } else if (verdict.kind === 'locked') {
          setCurrent('');
          setOutcome(verdict);
        }
      } else if (changing) {
        const verdict = await leadPins.change(current, pin, Date.now());
        if (verdict.kind === 'accepted') {
          reset();
          setOutcome({ kind: 'saved' });
        } else if (verdict.kind === 'wrong') {
          setCurrent('');
          setOutcome({ kind: 'wrongCurrent', attemptsBeforeLock: verdict.attemptsBeforeLock });
        } else if (verdict.kind === 'locked') {
          setCurrent('');
          setOutcome(verdict);
        }
      } else {
        await leadPins.setFirst(pin, Date.now());
        reset();
        // Handed to the server now if it can be reached (else by the next sync); it may already have one.
        const handed = await access.leadPinSync.runNow().catch(() => 'unchanged' as const);
        setOutcome({ kind: handed === 'adopted' ? 'firstTakenElsewhere' : 'saved' });
      }
    } catch (error) {
      recordError('lead-pin', error);
      setOutcome(
        error instanceof LeadPinRefusedError && error.reason === 'already-set'
          ? { kind: 'alreadySet' }
          : { kind: 'failed' },
      );
    } finally {
      setSaving(false);
    }
  };

  const outcomeBanner = (shown: Outcome) => {
    switch (shown.kind) {
      case 'saved':
        return (
          <p className="banner banner-ok" role="status" data-testid="lead-pin-outcome">
            {t('leadPinSaved')}
          </p>
        );
      case 'wrongCurrent':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinWrongCurrent', { count: shown.attemptsBeforeLock })}
          </p>
        );
      case 'locked':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinLocked', { time: waitText(shown.lockedUntil, language) })}
          </p>
        );
      case 'savedEverywhere':
        return (
          <p className="banner banner-ok" role="status" data-testid="lead-pin-outcome">
            {t('leadPinSavedEverywhere')}
          </p>
        );
      case 'needsServer':
      case 'changedElsewhere':
      case 'serverLocked':
      case 'firstTakenElsewhere':
        return (
          <p className="banner banner-warn" role="alert" data-testid="lead-pin-outcome">
            {t(WARNING_KEYS[shown.kind])}
          </p>
        );
      case 'serverRefused':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinServerRefused', { detail: shown.detail })}
          </p>
        );
      case 'alreadySet':
        return (
          <p className="banner banner-warn" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinAlreadySet')}
          </p>
        );
      case 'failed':
        return (
          <p className="banner banner-danger" role="alert" data-testid="lead-pin-outcome">
            {t('leadPinFailed')}
          </p>
        );
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="lead-pin-section">
      <p className="hint">{changing ? t('leadPinChangeHint') : t('leadPinNoneHint')}</p>
      {changing ? (
        <div className="field">
          <label htmlFor={currentId}>{t('leadPinCurrent')}</label>
          <input
            id={currentId}
            className="input"
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            maxLength={LEAD_PIN_MAX_DIGITS}
            value={current}
            aria-invalid={attempted && currentMissing}
            onChange={(e) => {
              setCurrent(e.target.value);
            }}
          />
          {attempted && currentMissing ? <span className="error-text">{t('leadPinCurrentEmpty')}</span> : null}
        </div>
      ) : null}
      <NewPinFields
        pin={pin}
        again={again}
        showProblems={attempted}
        pinInputId={pinInputId}
        onChange={(nextPin, nextAgain) => {
          setPin(nextPin);
          setAgain(nextAgain);
        }}
      />
      {outcome !== null ? outcomeBanner(outcome) : null}
      <button type="submit" className="btn btn-primary" disabled={saving}>
        {saving ? t('leadPinSaving') : changing ? t('leadPinChange') : t('leadPinSet')}
      </button>
    </form>
  );
}
