// The header's 交班 button: opens the hand-over dialog for the signed-in officer's shift. The dialog, its summary
// view and strings (~6 kB gzip) load on the tap, once a shift: they are precached with the app, so the dialog opens
// offline too, and the first screen does not carry them (docs/decisions/037).
import { lazy, Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../platform/i18n.ts';
import { shiftMessages } from './shift.messages.ts';

const HandoverDialog = lazy(() => import('./handover-dialog.tsx').then((m) => ({ default: m.HandoverDialog })));

export interface EndShiftButtonProps {
  /** Runs the app's sync at once; null while no engine runs (the tablet is not enrolled). */
  onSyncNow?: (() => Promise<void>) | null;
}

/** Renders nothing while no officer is signed in. */
export function EndShiftButton({ onSyncNow = null }: EndShiftButtonProps) {
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
        {t('handoverButton')}
      </button>
      {confirming &&
        createPortal(
          <Suspense
            fallback={
              <div className="dialog-overlay">
                <p className="card dialog-card" role="status">
                  {t('loading')}
                </p>
              </div>
            }
          >
            <HandoverDialog
              session={session}
              onSyncNow={onSyncNow}
              onCancel={() => {
                setConfirming(false);
              }}
            />
          </Suspense>,
          document.body,
        )}
    </>
  );
}
