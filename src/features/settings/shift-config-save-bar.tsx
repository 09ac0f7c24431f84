// The foot of the shift-configuration screen: unsaved edits, why a save was refused or failed, undo and save.
import { useT } from '../../platform/i18n.ts';
import { shiftConfigMessages } from './shift-config.messages.ts';
import type { ShiftConfigForm } from './use-shift-config-form.ts';

export type ShiftConfigSaveBarProps = Pick<
  ShiftConfigForm,
  'dirty' | 'attempted' | 'refused' | 'problems' | 'saving' | 'saveError' | 'undo'
> & {
  onSave: () => void;
};

export function ShiftConfigSaveBar({
  dirty,
  attempted,
  refused,
  problems,
  saving,
  saveError,
  undo,
  onSave,
}: ShiftConfigSaveBarProps) {
  const t = useT(shiftConfigMessages);
  return (
    <>
      {dirty && !attempted && <p className="hint">{t('unsaved')}</p>}
      {refused && (
        <p className="banner banner-warn" role="alert">
          {problems.some((problem) => problem.kind === 'noTeams') ? t('noTeams') : t('fix')}
        </p>
      )}
      {saveError !== null && (
        <p className="banner banner-danger" role="alert">
          {t(saveError)}
        </p>
      )}
      <div className="btn-row">
        <button type="button" className="btn btn-big" disabled={!dirty || saving} onClick={undo}>
          {t('undo')}
        </button>
        <button type="button" className="btn btn-primary btn-big" disabled={!dirty || saving} onClick={onSave}>
          {t('save')}
        </button>
      </div>
    </>
  );
}
