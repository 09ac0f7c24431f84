// The common shift patterns as large buttons: one tap replaces the teams and shifts (the rotation start stays).
import type { ShiftPresetId } from '../../domain/shift-config-rules.ts';
import { useT } from '../../platform/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';

const PRESET_IDS: readonly ShiftPresetId[] = ['rotation24h', 'fourTeams', 'threeShifts'];
const PRESET_LABEL = {
  rotation24h: 'presetRotation24h',
  fourTeams: 'presetFourTeams',
  threeShifts: 'presetThreeShifts',
} as const;

export function ShiftPresets({ onApply }: { onApply: (id: ShiftPresetId) => void }) {
  const t = useT(shiftConfigMessages);
  return (
    <div className="choice-grid">
      {PRESET_IDS.map((id) => (
        <button
          key={id}
          type="button"
          className="btn btn-big"
          onClick={() => {
            onApply(id);
          }}
        >
          {t(PRESET_LABEL[id])}
        </button>
      ))}
    </div>
  );
}
