// What the lead is told about the configuration itself: synced, waiting to sync or the default; an edit the server
// did not take (a version conflict or a refusal); and a configuration that arrived under unsaved edits.
import { formatInZone } from '../../domain/time.ts';
import type { CheckpointConfigView } from '../../db/use-checkpoint-config.ts';
import { useT } from '../../platform/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

/** "2026-01-02 09:30" on the checkpoint's clock, "—" when unknown. */
function wallClockMinute(epochMsOrIso: number | string | null, timeZone: string): string {
  if (epochMsOrIso === null) return '—';
  const epochMs = typeof epochMsOrIso === 'number' ? epochMsOrIso : Date.parse(epochMsOrIso);
  return formatInZone(epochMs, timeZone).slice(0, 16).replace('T', ' ');
}

export interface ConfigSyncStateProps {
  view: CheckpointConfigView;
  timeZone: string;
  onDismissConflict: () => void;
}

export function ConfigSyncState({ view, timeZone, onDismissConflict }: ConfigSyncStateProps) {
  const t = useT(shiftConfigMessages);
  const when = (epochMsOrIso: number | string | null) => wallClockMinute(epochMsOrIso, timeZone);
  const { conflict } = view;
  return (
    <>
      {conflict !== null && (
        <div className="banner banner-warn" role="alert">
          <p>
            {conflict.kind === 'conflict'
              ? t('conflict', {
                  at: when(conflict.serverUpdatedAt),
                  version: conflict.serverVersion,
                  editedAt: when(conflict.editedAt),
                })
              : t('refused', { editedAt: when(conflict.editedAt), detail: conflict.detail ?? '—' })}
          </p>
          <button type="button" className="btn" onClick={onDismissConflict}>
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

/** Shown while unsaved edits sit on top of a configuration that changed under them. */
export function ConfigOvertakenBanner({ onLoadLatest }: { onLoadLatest: () => void }) {
  const t = useT(shiftConfigMessages);
  return (
    <div className="banner banner-warn" role="alert" data-testid="config-overtaken">
      <p>{t('overtaken')}</p>
      <button type="button" className="btn" onClick={onLoadLatest}>
        {t('overtakenLoad')}
      </button>
    </div>
  );
}
