// The on-screen plate keyboard: province picker, then letters/digits/suffixes, checked as typed by the domain.
import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { parsePlate, plateInputState } from '../domain/plate.ts';
import { provinceKeyOrder } from '../domain/province-neighbours.ts';
import { useT } from '../platform/i18n.ts';
import { BackspaceKey } from './backspace-key.tsx';
import { plateKeyboardMessages } from './plate-keyboard.messages.ts';

export interface PlateKeyboardProps {
  value: string;
  onChange: (next: string) => void;
  /** Called by the done key and by Enter, only when the plate is valid; without it there is no done key. */
  onDone?: () => void;
  /**
   * The checkpoint's own province: it and its neighbours come first in the picker (most plates at a checkpoint are
   * from around it), then the rest in the standard order. Fixed by the checkpoint, never by the plates typed.
   */
  homeProvinceAbbr?: string;
}

const DIGIT_KEYS = Array.from('1234567890');
// The QWERTY rows officers know from every other keyboard; the domain disables what cannot apply.
const LETTER_ROWS = [Array.from('QWERTYUIOP'), Array.from('ASDFGHJKL'), Array.from('ZXCVBNM')] as const;
const SUFFIX_KEYS = ['挂', '学', '警', '港', '澳', '领', '使', '应急'] as const;
const KEYBOARD_COLUMNS = 10;
const PROVINCE_COLUMNS = 8;
/** Plates are never shorter than this, so the display always shows at least these boxes. */
const PLATE_MIN_BOXES = 7;
/** An eighth box is shown, dashed, while the plate may still become a new-energy one. */
const NEW_ENERGY_BOXES = 8;
const EMBASSY_MARK = '使';

/** Whether `next` can still be (or already is) a plate, per the domain's as-typed rules. */
function accepts(next: string): boolean {
  const state = plateInputState(next);
  return state.valid || state.canContinue;
}

// The domain's maxLength is the longest plate still possible (9 for 湘A…应急), not the shortest, so the
// characters still needed are found by completing the prefix: digits fill most slots, D the new-energy
// slot, 急 the end of 应急.
const COMPLETION_PROBES = ['1', 'D', '急'] as const;
const PLATE_MAX_CHARS = 9;

/** How many characters the officer must still type for a valid plate, or null when none can make it one. */
function charsStillNeeded(value: string): number | null {
  let probe = value;
  for (let added = 0; added <= PLATE_MAX_CHARS; added++) {
    if (plateInputState(probe).valid) return added;
    const next = COMPLETION_PROBES.find((key) => accepts(probe + key));
    if (next === undefined) return null;
    probe += next;
  }
  return null;
}

function boxClass(index: number, typed: number, required: number): string {
  if (index === typed) return 'plate-box plate-box-current';
  return index >= required ? 'plate-box plate-box-optional' : 'plate-box';
}

export function PlateKeyboard({ value, onChange, onDone, homeProvinceAbbr }: PlateKeyboardProps) {
  const t = useT(plateKeyboardMessages);
  const root = useRef<HTMLDivElement>(null);
  const state = plateInputState(value);
  const chars = Array.from(value);
  const choosingProvince = value === '';

  const press = (key: string) => {
    if (accepts(value + key)) onChange(value + key);
  };
  const backspace = () => {
    onChange(chars.slice(0, -1).join(''));
  };
  const clear = () => {
    onChange('');
  };
  const done = () => {
    if (state.valid) onDone?.();
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
      // Enter on a key focused by Tab is that key's own click.
      if (event.target !== event.currentTarget) return;
      event.preventDefault();
      done();
      return;
    }
    // One letter or digit: A–Z, 0–9, and province or suffix characters from a Chinese layout.
    if (!/^[\p{L}\p{N}]$/u.test(key)) return;
    event.preventDefault();
    press(key.toUpperCase());
  };

  const charKey = (key: string, ariaLabel?: string, gridColumn?: string) => (
    <button
      key={key}
      type="button"
      className="btn"
      aria-label={ariaLabel}
      style={gridColumn === undefined ? undefined : { gridColumn }}
      disabled={!accepts(value + key)}
      onClick={() => {
        press(key);
      }}
    >
      {key}
    </button>
  );

  const stillNeeded = charsStillNeeded(value);
  const requiredBoxes = Math.max(PLATE_MIN_BOXES, chars.length + (stillNeeded ?? 0));
  const boxCount = Math.max(requiredBoxes, Math.min(NEW_ENERGY_BOXES, state.maxLength));
  const parsed = state.valid ? parsePlate(value) : null;
  let stateText: string;
  let stateIsError = false;
  if (choosingProvince) stateText = t('chooseProvince');
  else if (parsed?.ok) stateText = t('valid', { kind: t(`kind.${parsed.kind}`) });
  else if (state.error !== null) {
    stateText = t(`error.${state.error}`);
    stateIsError = true;
  } else stateText = t('remaining', { count: stillNeeded ?? 1 });

  return (
    <div
      ref={root}
      className="plate-keyboard"
      role="group"
      aria-label={t('keyboard')}
      tabIndex={0}
      onKeyDown={onKeyDown}
      // Keep focus on the keyboard, not on the tapped key, so hardware typing and Enter keep working.
      onMouseDown={(event) => {
        event.preventDefault();
        root.current?.focus({ preventScroll: true });
      }}
    >
      <div className="plate-display">
        <span className="sr-only">{t('plateSoFar', { plate: value === '' ? t('plateEmpty') : value })}</span>
        {Array.from({ length: boxCount }, (_, index) => (
          <span key={index} aria-hidden="true" className={boxClass(index, chars.length, requiredBoxes)}>
            {chars[index] ?? ''}
          </span>
        ))}
      </div>
      <p className={stateIsError ? 'error-text plate-state' : 'hint plate-state'} aria-live="polite">
        {stateText}
      </p>

      {choosingProvince ? (
        <div
          className="keypad"
          role="group"
          aria-label={t('provinces')}
          style={{ gridTemplateColumns: `repeat(${PROVINCE_COLUMNS}, minmax(0, 1fr))` }}
        >
          {provinceKeyOrder(homeProvinceAbbr).map((province) => (
            <button
              key={province.abbr}
              type="button"
              className="btn"
              title={province.name}
              disabled={!accepts(province.abbr)}
              onClick={() => {
                press(province.abbr);
              }}
            >
              {province.abbr}
            </button>
          ))}
          {charKey(EMBASSY_MARK, t('suffix.使'))}
        </div>
      ) : (
        <div className="keypad" style={{ gridTemplateColumns: `repeat(${KEYBOARD_COLUMNS}, minmax(0, 1fr))` }}>
          {/* Always there, greyed out until they apply: keys that appeared mid-plate would push the digits down a row
              under the officer's finger. */}
          {SUFFIX_KEYS.map((suffix) =>
            charKey(suffix, t(`suffix.${suffix}`), suffix.length > 1 ? 'span 2' : undefined),
          )}
          <span aria-hidden="true" />
          {DIGIT_KEYS.map((digit) => charKey(digit))}
          {LETTER_ROWS[0].map((letter) => charKey(letter))}
          {LETTER_ROWS[1].map((letter) => charKey(letter))}
          <BackspaceKey label={t('backspace')} disabled={false} onBackspace={backspace} onClear={clear} />
          {LETTER_ROWS[2].map((letter) => charKey(letter))}
          {onDone && (
            <button
              type="button"
              className="btn btn-primary"
              style={{ gridColumn: 'span 3' }}
              disabled={!state.valid}
              onClick={done}
            >
              {t('done')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
