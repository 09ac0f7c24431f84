// The backspace key of the on-screen keyboards: a tap deletes one character, a long press clears all.
import { useEffect, useRef } from 'react';

/** A gloved tap is slow, so the hold that clears must be clearly longer than a tap. */
export const LONG_PRESS_CLEAR_MS = 700;

export interface BackspaceKeyProps {
  /** Accessible name; it should mention that holding clears. */
  label: string;
  disabled: boolean;
  onBackspace: () => void;
  onClear: () => void;
  className?: string;
}

export function BackspaceKey({ label, disabled, onBackspace, onClear, className }: BackspaceKeyProps) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // The click that ends a long press must not also delete a character.
  const clearedByHold = useRef(false);

  const cancelHold = () => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  };
  useEffect(() => cancelHold, []);

  return (
    <button
      type="button"
      className={className ?? 'btn'}
      aria-label={label}
      title={label}
      disabled={disabled}
      onPointerDown={() => {
        clearedByHold.current = false;
        cancelHold();
        timer.current = setTimeout(() => {
          timer.current = null;
          clearedByHold.current = true;
          onClear();
        }, LONG_PRESS_CLEAR_MS);
      }}
      onPointerUp={cancelHold}
      onPointerLeave={cancelHold}
      onPointerCancel={cancelHold}
      // A long touch would otherwise open the browser's context menu over the keyboard.
      onContextMenu={(event) => {
        event.preventDefault();
      }}
      onClick={() => {
        if (clearedByHold.current) {
          clearedByHold.current = false;
          return;
        }
        onBackspace();
      }}
    >
      <span aria-hidden="true">⌫</span>
    </button>
  );
}
