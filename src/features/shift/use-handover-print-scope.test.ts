// The hand-over's print rules apply while its record is on screen and to no page after it.
import { renderHook } from '@testing-library/react';
import { expect, it } from 'vitest';
import { PRINT_SCOPE_ATTRIBUTE, useHandoverPrintScope } from './use-handover-print-scope.ts';

it('marks the document for the hand-over print rules while mounted, and clears the mark on leaving', () => {
  const root = document.documentElement;
  const { unmount } = renderHook(() => {
    useHandoverPrintScope();
  });
  expect(root.getAttribute(PRINT_SCOPE_ATTRIBUTE)).toBe('handover');
  unmount();
  expect(root.hasAttribute(PRINT_SCOPE_ATTRIBUTE)).toBe(false);
});

it('leaves a scope another page set meanwhile', () => {
  const root = document.documentElement;
  const { unmount } = renderHook(() => {
    useHandoverPrintScope();
  });
  root.setAttribute(PRINT_SCOPE_ATTRIBUTE, 'report');
  unmount();
  expect(root.getAttribute(PRINT_SCOPE_ATTRIBUTE)).toBe('report');
  root.removeAttribute(PRINT_SCOPE_ATTRIBUTE);
});
