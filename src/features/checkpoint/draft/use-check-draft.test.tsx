// The draft as the officer edits it: every tap is kept before the screen answers, so a tab killed in the next
// milliseconds, before IndexedDB has committed, gives the tap back on the next start.
import { act, renderHook, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { drafts } from '../../../db/db-instance.ts';
import { browserWriteAheadStore, createDraftWriteAhead } from '../../../db/draft-write-ahead.ts';
import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';
import type { CheckDraft } from './check-draft.ts';
import { useCheckDraft } from './use-check-draft.ts';

/** What a killed tab leaves in localStorage, read as the next start reads it. */
const keptEdits = createDraftWriteAhead(browserWriteAheadStore());

function withPlate(plate: string): (draft: CheckDraft) => CheckDraft {
  return (draft) => ({ ...draft, vehicle: { ...draft.vehicle, plate } });
}

async function openDraft(draft: CheckDraft) {
  await drafts.save(draft.id, draft, Date.now());
  const hook = renderHook(() => useCheckDraft(draft.id));
  await waitFor(() => {
    expect(hook.result.current.load.status).toBe('ready');
  });
  return hook;
}

beforeEach(() => {
  localStorage.clear();
});

describe('useCheckDraft', () => {
  it('keeps each plate key before the screen answers, the second while the first is still being written', async () => {
    const draft = makeDraft({ vehicle: { plate: '湘K1' } });
    const { result } = await openDraft(draft);

    act(() => {
      result.current.update(withPlate('湘K12'));
      result.current.update(withPlate('湘K123'));
    });
    // Nothing awaited: this is what a tab killed now would leave.
    expect(keptEdits.read(draft.id)?.payload).toMatchObject({ vehicle: { plate: '湘K123' } });

    await act(() => result.current.flush());
    expect(keptEdits.read(draft.id)).toBeNull();
    expect((await drafts.get(draft.id))?.payload).toMatchObject({ vehicle: { plate: '湘K123' } });
  });
});
