// The header's 交班 button: opens the hand-over dialog (loaded on demand) for the signed-in officer's shift.
import { lazy, Suspense, useState } from 'react';
import { createPortal } from 'react-dom';
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../lib/i18n.ts';
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
          // Precached like every chunk, so this opens offline too; the fallback shows for a blink at most.
          <Suspense fallback={null}>
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
