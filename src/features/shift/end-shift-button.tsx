// Ends the signed-in officer's shift after a confirmation that says how many checks are not yet synced.
import { useId, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { settings, shifts } from '../../db/db-instance.ts';
import { usePendingCount, useSetting } from '../../db/live-queries.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { useLanguage, useT } from '../../lib/i18n.ts';
import { shiftMessages } from './shift.messages.ts';

type Session = NonNullable<SettingsMap['session']>;
type EndError = 'endFailed' | 'storageFull';

// No class in styles.css covers a modal; the overlay must cover the sticky header too.
const OVERLAY_STYLE = {
  position: 'fixed',
  inset: 0,
  zIndex: 100,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: 16,
  background: 'rgba(2, 6, 23, 0.6)',
} as const;
const DIALOG_STYLE = { width: '100%', maxWidth: 640 } as const;

/** Renders nothing while no officer is signed in. */
export function EndShiftButton() {
  const t = useT(shiftMessages);
  const session = useSetting('session');
  const [confirming, setConfirming] = useState(false);

  if (!session) return null;
  return (
    <>
      <button
        type="button"
        className="btn"
        aria-haspopup="dialog"
        onClick={() => {
          setConfirming(true);
        }}
      >
        {t('endShift')}
      </button>
      {confirming &&
        createPortal(
          <EndShiftDialog
            session={session}
            onCancel={() => {
              setConfirming(false);
            }}
          />,
          document.body,
        )}
    </>
  );
}

async function endShift(session: Session): Promise<void> {
  // Shift row first: a session cleared over a shift left open would orphan it, while ending is idempotent,
  // so after a failed session write the officer can simply retry.
  await shifts.end(session.shiftId, Date.now());
  await settings.set('session', null);
}

function EndShiftDialog({ session, onCancel }: { session: Session; onCancel: () => void }) {
  const t = useT(shiftMessages);
  const language = useLanguage();
  const pending = usePendingCount();
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<EndError | null>(null);
  const titleId = useId();
  const bodyId = useId();

  const since = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(session.startedAt);
  const pendingText =
    pending === undefined ? t('pendingCounting') : pending === 0 ? t('pendingNone') : pending === 1 ? t('pendingOne') : t('pendingSome', { count: pending });

  const confirm = async () => {
    setEnding(true);
    setEndError(null);
    try {
      await endShift(session);
      // The button and this dialog disappear with the session.
    } catch (e) {
      setEndError(e instanceof StorageFullError ? 'storageFull' : 'endFailed');
      setEnding(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape' && !ending) onCancel();
  };

  return (
    <div style={OVERLAY_STYLE} onKeyDown={onKeyDown}>
      <div className="card" style={DIALOG_STYLE} role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={bodyId}>
        <h2 id={titleId}>{t('endTitle')}</h2>
        <div id={bodyId}>
          <p>{t('endWho', { name: session.officerName, id: session.officerId, team: session.team, time: since })}</p>
          <p className={pending !== undefined && pending > 0 ? 'banner banner-warn' : 'hint'}>{pendingText}</p>
        </div>
        {endError !== null && (
          <p className="banner banner-danger" role="alert">
            {t(endError)}
          </p>
        )}
        <div className="btn-row">
          {/* Cancel takes the focus: a stray gloved tap on Enter must not end the shift. */}
          <button type="button" className="btn btn-big" autoFocus disabled={ending} onClick={onCancel}>
            {t('endCancel')}
          </button>
          <button type="button" className="btn btn-danger btn-big" disabled={ending || pending === undefined} onClick={() => void confirm()}>
            {ending ? t('ending') : t('endConfirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
