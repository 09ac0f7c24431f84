// The gate in front of the shift lead's screens: the PIN pad (or setting the first PIN), the lockout after
// wrong PINs, and, once open, the idle timer that each touch on a lead screen restarts. The PIN is checked on the
// tablet first (offline too); then it also buys a lead session from the server when one can be reached (ADR 030).
import { useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { Link } from 'wouter';
import { NumberPad } from '../components/number-pad.tsx';
import { NewPinFields } from '../components/new-pin-fields.tsx';
import { leadPins } from '../db/lead-pins-instance.ts';
import { LeadPinRefusedError } from '../db/lead-pin-repository.ts';
import { useSetting } from '../db/live-queries.ts';
import {
  checkNewLeadPin,
  LEAD_PIN_MAX_DIGITS,
  LEAD_PIN_MIN_DIGITS,
  leadPinLockRemainingMs,
  NO_LEAD_PIN_ATTEMPTS,
} from '../domain/lead-pin-rules.ts';
import { useNow } from '../platform/use-now.ts';
import { recordError } from '../platform/diagnostics.ts';
import { formatWait, useLanguage, useT } from '../platform/i18n.ts';
import { touchLead, useLeadUnlocked } from './lead-session.ts';
import { leadGateMessages } from './lead-gate.messages.ts';
import { newServerPinAccepts, unlockWithServer } from './lead-server.ts';

// Often enough that the pad reopens within a blink of the lock's end, and that a fresh lock reads "30 seconds".
const COUNTDOWN_REFRESH_MS = 250;

/** What the pad says above itself when the server's PIN turned out to be another than the one typed. */
type GateNotice = 'pinChangedElsewhere' | 'firstTakenElsewhere';

export function LeadGate({ children }: { children: ReactNode }) {
  const unlocked = useLeadUnlocked();
  const record = useSetting('leadPin');
  const t = useT(leadGateMessages);
  // Here, not in the forms: setting the first PIN turns the first-PIN form into the pad, which must still say why.
  const [notice, setNotice] = useState<GateNotice | null>(null);

  if (unlocked) {
    return (
      <div
        data-testid="lead-unlocked"
        onPointerDownCapture={() => {
          touchLead();
        }}
        onKeyDownCapture={() => {
          touchLead();
        }}
      >
        {children}
      </div>
    );
  }
  if (record === undefined) return <p className="page">{t('loading')}</p>;
  return record === null ? <FirstPinForm onNotice={setNotice} /> : <PinEntry notice={notice} onNotice={setNotice} />;
}

type PinNote = { kind: 'wrong'; attemptsBeforeLock: number } | { kind: 'tooShort' } | { kind: 'failed' };

interface NoticeProps {
  onNotice: (notice: GateNotice | null) => void;
}

function PinEntry({ notice, onNotice }: NoticeProps & { notice: GateNotice | null }) {
  const t = useT(leadGateMessages);
  const language = useLanguage();
  const device = useSetting('device');
  const attempts = useSetting('leadPinAttempts') ?? NO_LEAD_PIN_ATTEMPTS;
  const now = useNow(COUNTDOWN_REFRESH_MS);
  const [pin, setPin] = useState('');
  const [checking, setChecking] = useState(false);
  const [note, setNote] = useState<PinNote | null>(null);
  // The stored lock is the truth (the repository refuses any PIN until it ends); this only decides what shows.
  const lockedMs = leadPinLockRemainingMs(attempts, now);

  const submit = async () => {
    if (checking || lockedMs > 0) return;
    if (pin.length < LEAD_PIN_MIN_DIGITS) {
      setNote({ kind: 'tooShort' });
      return;
    }
    setChecking(true);
    setNote(null);
    onNotice(null);
    try {
      const verdict = await leadPins.verify(pin, Date.now());
      // 'no-pin' cannot happen here (the record is set); the gate re-renders to the first-PIN form if it did.
      if (verdict.kind === 'no-pin') return;
      // Refused here, but the checkpoint's PIN may have changed elsewhere and this be the new one.
      if (verdict.kind === 'accepted' || (await newServerPinAccepts(pin, device))) {
        if ((await unlockWithServer(pin, device)) === 'pin-changed') onNotice('pinChangedElsewhere');
        return;
      }
      // A lock shows from the stored attempts; only "wrong" needs its own words.
      setNote(verdict.kind === 'wrong' ? verdict : null);
    } catch (error) {
      recordError('lead-pin', error);
      setNote({ kind: 'failed' });
    } finally {
      setPin('');
      setChecking(false);
    }
  };

  const noteText = (shown: PinNote): string => {
    switch (shown.kind) {
      case 'wrong':
        return t('wrong', { count: shown.attemptsBeforeLock });
      case 'tooShort':
        return t('tooShortToTry', { count: LEAD_PIN_MIN_DIGITS });
      case 'failed':
        return t('failed');
    }
  };

  return (
    <div className="page lead-gate" data-testid="lead-gate">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {notice !== null ? (
        <p className="banner banner-warn" role="alert" data-testid="lead-pin-notice">
          {t(notice)}
        </p>
      ) : null}
      {lockedMs > 0 ? (
        <p className="banner banner-danger" role="alert" data-testid="lead-locked">
          {t('locked', { time: formatWait(lockedMs, language) })}
        </p>
      ) : (
        <>
          {note !== null ? (
            <p className="banner banner-danger" role="alert" data-testid="lead-pin-error">
              {noteText(note)}
            </p>
          ) : null}
          {checking ? (
            <p className="banner" role="status">
              {t('checking')}
            </p>
          ) : null}
          <NumberPad
            label={t('padLabel')}
            value={pin}
            masked
            autoFocus
            maxLength={LEAD_PIN_MAX_DIGITS}
            onChange={(next) => {
              if (!checking) setPin(next);
            }}
            onEnter={() => void submit()}
          />
        </>
      )}
      <div className="btn-row" style={{ marginTop: 'var(--gap)' }}>
        <Link href="/" className="btn btn-big">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}

function FirstPinForm({ onNotice }: NoticeProps) {
  const t = useT(leadGateMessages);
  const device = useSetting('device');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<'firstFailed' | 'firstAlreadySet' | null>(null);
  const pinInputId = 'lead-gate-first-pin';
  const problem = checkNewLeadPin(pin, again);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (problem !== null) {
      document.getElementById(pinInputId)?.focus();
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      await leadPins.setFirst(pin, Date.now());
      // Becomes the checkpoint's PIN on the server too, unless it already has one: then that one is asked for.
      if ((await unlockWithServer(pin, device)) === 'pin-changed') onNotice('firstTakenElsewhere');
    } catch (error) {
      // Another tab may have set one meanwhile: the gate turns to the pad by itself when the setting changes.
      setFailure(
        error instanceof LeadPinRefusedError && error.reason === 'already-set' ? 'firstAlreadySet' : 'firstFailed',
      );
      setSaving(false);
    }
  };

  return (
    <div className="page lead-gate" data-testid="lead-first-pin">
      <h1>{t('firstTitle')}</h1>
      <p className="hint">{t('firstIntro')}</p>
      <form onSubmit={(event) => void submit(event)} noValidate>
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
        {attempted && problem !== null ? (
          <p className="banner banner-warn" role="alert">
            {t('firstFixFields')}
          </p>
        ) : null}
        {failure !== null ? (
          <p className="banner banner-danger" role="alert">
            {t(failure)}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-big" disabled={saving}>
          {saving ? t('firstSaving') : t('firstSave')}
        </button>
      </form>
      <div className="btn-row" style={{ marginTop: 'var(--gap)' }}>
        <Link href="/" className="btn btn-big">
          {t('backHome')}
        </Link>
      </div>
    </div>
  );
}
