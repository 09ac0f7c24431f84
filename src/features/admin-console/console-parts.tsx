// Small parts every console screen uses the same way: a failed load said in words with a way to try again, and a
// large checkbox row (a gloved finger hits the whole label).
import type { ReactNode } from 'react';
import { useT } from '../../platform/i18n.ts';
import { consoleErrorWords } from './console-errors.ts';
import { consoleMessages } from './console.messages.ts';

export function ConsoleFailure({
  error,
  onRetry,
  testId,
  children,
}: {
  error: unknown;
  onRetry: () => void;
  testId?: string;
  /** Beside 重试, e.g. a way back. */
  children?: ReactNode;
}) {
  const t = useT(consoleMessages);
  return (
    <>
      <p className="banner banner-danger" role="alert" data-testid={testId}>
        {consoleErrorWords(error, t)}
      </p>
      <div className="btn-row no-print">
        <button type="button" className="btn" onClick={onRetry}>
          {t('retry')}
        </button>
        {children}
      </div>
    </>
  );
}

export function CheckboxRow({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="btn-row">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          onChange(event.target.checked);
        }}
      />
      {children}
    </label>
  );
}
