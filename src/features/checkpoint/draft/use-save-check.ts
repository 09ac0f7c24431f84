// Saves a completed draft as a VehicleCheck: one strict IndexedDB transaction (check + outbox, draft
// removed). "Saved" is shown only after that transaction committed.
import { useState } from 'react';
import { checks } from '../../../db/db-instance.ts';
import type { SettingsMap } from '../../../db/settings-repository.ts';
import { StorageFullError } from '../../../db/storage-errors.ts';
import type { Policy } from '../../../domain/policy.ts';
import { formatInZone } from '../../../domain/time.ts';
import { recordError } from '../../../platform/diagnostics.ts';
import { useT } from '../../../platform/i18n.ts';
import { afterCheckSaved } from '../../../platform/storage.ts';
import { toVehicleCheck } from './check-builder.ts';
import type { CheckDraft, DraftWithType } from './check-draft.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';

export interface SaveContext {
  session: NonNullable<SettingsMap['session']>;
  device: SettingsMap['device'];
  policy: Policy;
  /** What the tablet knows of its clock (useSetting('clockSkew')): a check saved while it is off records the skew. */
  clockSkew: SettingsMap['clockSkew'] | undefined;
  /** Resolves when the draft's own queued writes are done, so none lands after the check is saved. */
  flushDraft: () => Promise<void>;
}

/**
 * The fields the wire schema refused (check-builder's last guard), as "persons.0.registration.name": a pasted name
 * with an invisible character, or a value out of range, is named to the officer rather than shown as schema output.
 */
export function refusedFields(error: unknown): string | null {
  if (!(error instanceof Error) || error.name !== 'ZodError') return null;
  const issues = (error as Error & { issues?: readonly { path: readonly PropertyKey[] }[] }).issues ?? [];
  const fields = [...new Set(issues.map((issue) => issue.path.map(String).join('.')))];
  return fields.length === 0 ? null : fields.join(', ');
}

export function useSaveCheck(context: SaveContext | null, onSaved: (draft: CheckDraft) => void) {
  const t = useT(checkpointMessages);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const save = (draft: DraftWithType) => {
    if (!context || saving) return;
    setSaving(true);
    setSaveError(null);
    const now = Date.now();
    void (async () => {
      try {
        const check = toVehicleCheck(draft, {
          checkpointId: context.device.checkpointId,
          deviceId: context.device.deviceId,
          officerId: context.session.officerId,
          team: context.session.team,
          shiftId: context.session.shiftId,
          policy: context.policy,
          completedAt: formatInZone(now, context.device.timeZone),
          clockSkew: context.clockSkew,
        });
        await context.flushDraft();
        await checks.saveCompleted(check, { timeZone: context.device.timeZone, now });
        onSaved(draft);
        // The first saved check asks the browser to keep the tablet's data; every one looks at the space left.
        void afterCheckSaved();
      } catch (error: unknown) {
        recordError('save-check', error);
        const fields = refusedFields(error);
        setSaveError(
          error instanceof StorageFullError
            ? t('storageFull')
            : fields !== null
              ? t('saveInvalid', { fields })
              : t('saveFailed'),
        );
      } finally {
        setSaving(false);
      }
    })();
  };

  return { save, saving, saveError };
}
