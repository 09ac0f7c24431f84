// The big-key number pad for gloved entry of temperatures, vaccine doses, pass numbers and ID numbers.
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useT } from '../platform/i18n.ts';
import { BackspaceKey } from './backspace-key.tsx';
import { numberPadMessages } from './number-pad.messages.ts';

export interface NumberPadProps {
  value: string;
  onChange: (next: string) => void;
  /** Visible name of the value being entered (e.g. "体温 °C"). */
  label: string;
  allowDecimal?: boolean;
  maxLength?: number;
  /** Keys beyond the digits, e.g. ['X'] for the check character of an ID number. */
  extraKeys?: readonly string[];
  /** Called by the OK key and by Enter; without it there is no OK key. */
  onEnter?: () => void;
  /** Shows a dot per character instead of the value (a PIN over someone's shoulder). */
  masked?: boolean;
  /** Takes the keyboard focus when shown, so a hardware keyboard types into it at once. */
  autoFocus?: boolean;
}

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
] as const;
const DECIMAL_POINT = '.';
const MASK_DOT = '●';

interface PadRules {
  allowDecimal: boolean;
  maxLength: number | undefined;
}

/** The value after pressing `key`, or null when the key cannot apply to this value. */
function pressKey(value: string, key: string, rules: PadRules): string | null {
  let next = value + key;
  if (key === DECIMAL_POINT) {
    if (!rules.allowDecimal || value.includes(DECIMAL_POINT)) return null;
    // "0.5" is what an officer means by ".5", and a bare "." reads as nothing on screen.
    if (value === '') next = `0${DECIMAL_POINT}`;
  }
  if (rules.maxLength !== undefined && next.length > rules.maxLength) return null;
  return next;
}

export function NumberPad({
  value,
  onChange,
  label,
  allowDecimal = false,
  maxLength,
  extraKeys = [],
  onEnter,
  masked = false,
  autoFocus = false,
}: NumberPadProps) {
  const t = useT(numberPadMessages);
  const labelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const rules: PadRules = { allowDecimal, maxLength };
  useEffect(() => {
    if (autoFocus) root.current?.focus({ preventScroll: true });
  }, [autoFocus]);

  const canPress = (key: string) => pressKey(value, key, rules) !== null;
  const press = (key: string) => {
    const next = pressKey(value, key, rules);
    if (next !== null) onChange(next);
  };
  const backspace = () => {
    onChange(value.slice(0, -1));
  };
  const clear = () => {
    onChange('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const { key } = event;
    if (key === 'Backspace') {
      event.preventDefault();
      backspace();
      return;
    }
    if (key === 'Enter') {
      // Enter on a focused key is that key's own click.
      if (event.target !== event.currentTarget || !onEnter) return;
      event.preventDefault();
      onEnter();
      return;
    }
    const extra = extraKeys.find((candidate) => candidate.toUpperCase() === key.toUpperCase());
    const typed = /^[0-9]$/u.test(key) || key === DECIMAL_POINT ? key : extra;
    if (typed === undefined) return;
    event.preventDefault();
    press(typed);
  };

  const keyButton = (key: string, ariaLabel?: string) => (
    <button
      key={key}
      type="button"
      className="btn"
      aria-label={ariaLabel}
      disabled={!canPress(key)}
      onClick={() => {
        press(key);
      }}
    >
      {key}
    </button>
  );

  // The bottom-left slot holds the decimal point, or else the first extra key, so the pad stays 3 × 4.
  const [firstExtra, ...otherExtras] = extraKeys;
  const cornerKey = allowDecimal ? (
    keyButton(DECIMAL_POINT, t('decimalPoint'))
  ) : firstExtra !== undefined ? (
    keyButton(firstExtra)
  ) : (
    <span />
  );
  const rowKeys = allowDecimal ? extraKeys : otherExtras;

  return (
    <div
      ref={root}
      className="number-pad"
      role="group"
      aria-labelledby={labelId}
      tabIndex={0}
      onKeyDown={onKeyDown}
      // Keep focus on the pad, not on the tapped key, so a hardware Enter still means OK.
      onMouseDown={(event) => {
        event.preventDefault();
        root.current?.focus({ preventScroll: true });
      }}
    >
      <div id={labelId} className="field-label">
        {label}
      </div>
      <output className="pad-value" aria-live="polite">
        {value === '' ? (
          <span className="hint">{t('empty')}</span>
        ) : masked ? (
          <span aria-label={t('maskedCount', { count: value.length })}>{MASK_DOT.repeat(value.length)}</span>
        ) : (
          value
        )}
      </output>
      <div className="keypad" style={{ gridTemplateColumns: 'repeat(3, 1fr)' }}>
        {DIGIT_ROWS.flat().map((digit) => keyButton(digit))}
        {cornerKey}
        {keyButton('0')}
        <BackspaceKey label={t('backspace')} disabled={value === ''} onBackspace={backspace} onClear={clear} />
        {rowKeys.map((key) => keyButton(key))}
        {onEnter && (
          <button type="button" className="btn btn-primary" style={{ gridColumn: '1 / -1' }} onClick={onEnter}>
            {t('enter')}
          </button>
        )}
      </div>
    </div>
  );
}
