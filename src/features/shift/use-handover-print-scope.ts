// Marks the document while a hand-over record is on screen, so its print rules (handover.css) apply to this page
// only. The rules used to find the record with `:has(.handover)`, which Safari reads only from 15.4: older iPads
// dropped the whole rule, the header and buttons included (docs/decisions/039).
import { useEffect } from 'react';

/** The attribute on <html> the print rules select on, and its value for the hand-over record. */
export const PRINT_SCOPE_ATTRIBUTE = 'data-printing';
const HANDOVER_SCOPE = 'handover';

export function useHandoverPrintScope(): void {
  useEffect(() => {
    const root = document.documentElement;
    root.setAttribute(PRINT_SCOPE_ATTRIBUTE, HANDOVER_SCOPE);
    return () => {
      // Another page may have set its own scope since (a lazy route mounting before this one unmounts).
      if (root.getAttribute(PRINT_SCOPE_ATTRIBUTE) === HANDOVER_SCOPE) root.removeAttribute(PRINT_SCOPE_ATTRIBUTE);
    };
  }, []);
}
