// The header's 交班 button: opens the hand-over dialog for the signed-in officer's shift. The dialog loads with the
// header: its summary needs only the domain (no zod since docs/decisions/023), so it opens at once, offline too.
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../platform/i18n.ts';
import { HandoverDialog } from './handover-dialog.tsx';
import { shiftMessages } from './shift.messages.ts';

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
          <HandoverDialog
            session={session}
            onSyncNow={onSyncNow}
            onCancel={() => {
              setConfirming(false);
            }}
          />,
          document.body,
        )}
    </>
  );
}
