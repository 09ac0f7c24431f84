// The lead's shift-configuration screen (/lead/config): teams, the shifts of a day, the rotation start; saved on the
// tablet at once (offline too) and synced to the server, with who is on duty now and next. The form's state lives in
// use-shift-config-form.ts; this file composes its parts.
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_TIME_ZONE } from '../../domain/time.ts';
import { useCheckpointConfig, type CheckpointConfigView } from '../../db/use-checkpoint-config.ts';
import { useNow } from '../../platform/use-now.ts';
import { useT } from '../../platform/i18n.ts';
import { RotationAnchorField } from './rotation-anchor-field.tsx';
import { ShiftConfigSaveBar } from './shift-config-save-bar.tsx';
import { ShiftConfigSection } from './shift-config-section.tsx';
import { ConfigOvertakenBanner, ConfigSyncState } from './shift-config-status.tsx';
import { shiftConfigMessages } from './shift-config.messages.ts';
import { ShiftListEditor } from './shift-list-editor.tsx';
import { ShiftPresets } from './shift-presets.tsx';
import { ShiftPreview } from './shift-preview.tsx';
import { TeamListEditor } from './team-list-editor.tsx';
import { useShiftConfigForm } from './use-shift-config-form.ts';

const PREVIEW_REFRESH_MS = 60_000;

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

function ShiftConfigForm({ view, timeZone }: { view: CheckpointConfigView; timeZone: string }) {
  const t = useT(shiftConfigMessages);
  const nowMs = useNow(PREVIEW_REFRESH_MS);
  const form = useShiftConfigForm(view);

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <ConfigSyncState view={view} timeZone={timeZone} onDismissConflict={() => void form.dismissConflict()} />
      {form.overtaken && <ConfigOvertakenBanner onLoadLatest={form.loadLatest} />}

      <ShiftConfigSection title={t('previewTitle')}>
        <ShiftPreview config={form.check.ok ? form.check.body : null} nowMs={nowMs} timeZone={timeZone} />
      </ShiftConfigSection>

      <ShiftConfigSection title={t('presetsTitle')}>
        <ShiftPresets onApply={form.applyPreset} />
      </ShiftConfigSection>

      <ShiftConfigSection title={t('teamsTitle')}>
        <TeamListEditor
          teams={form.draft.teams}
          problems={form.problems}
          onRename={form.renameTeam}
          onMove={form.moveTeam}
          onRemove={form.removeTeam}
          onAdd={form.addTeam}
        />
      </ShiftConfigSection>

      <ShiftConfigSection title={t('shiftsTitle')}>
        <ShiftListEditor
          shifts={form.draft.shifts}
          problems={form.problems}
          onUpdate={form.updateShift}
          onRemove={form.removeShift}
          onAdd={form.addShift}
        />
      </ShiftConfigSection>

      <ShiftConfigSection title={t('anchorTitle')}>
        <RotationAnchorField
          value={form.draft.rotationAnchor}
          invalid={form.problems.some((problem) => problem.kind === 'anchor')}
          onChange={form.setRotationAnchor}
        />
      </ShiftConfigSection>

      <ShiftConfigSaveBar
        dirty={form.dirty}
        attempted={form.attempted}
        refused={form.refused}
        problems={form.problems}
        saving={form.saving}
        saveError={form.saveError}
        undo={form.undo}
        onSave={() => void form.save()}
      />
    </div>
  );
}
