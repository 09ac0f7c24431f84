// The foot of a decision or review: what still blocks saving (once the officer tried), the save error, and
// the one primary button.
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';

export interface SaveBarProps {
  /** Shown only once the officer tried to go on. */
  problems: readonly string[];
  saveError: string | null;
  saving: boolean;
  label: string;
  onPress: () => void;
}

export function SaveBar({ problems, saveError, saving, label, onPress }: SaveBarProps) {
  const t = useT(checkpointMessages);
  return (
    <>
      {problems.length > 0 ? (
        <ul className="error-text" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      {saveError ? (
        <p className="banner banner-danger" role="alert">
          {saveError}
        </p>
      ) : null}
      <button type="button" className="btn btn-primary btn-big" disabled={saving} onClick={onPress}>
        {saving ? t('saving') : label}
      </button>
    </>
  );
}
