// The start screen's line for an unfinished check, from whatever was stored, without crashing on junk.
import { describe, expect, it } from 'vitest';
import { newDraft } from './check-draft.ts';
import { summarizeDraft } from './draft-summary.ts';
import {
  makeDraft,
  makeDraftId,
  screenedPerson,
  STARTED_AT,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

describe('summarizeDraft', () => {
  it('summarises a new draft: no plate yet, nobody screened', () => {
    expect(summarizeDraft(newDraft(makeDraftId(), STARTED_AT))).toEqual({
      plate: '',
      startedAt: STARTED_AT,
      screened: 0,
      occupants: 1,
    });
  });

  it('counts the screened occupants of a draft in progress', () => {
    const draft = makeDraft({
      persons: [
        screenedPerson('driver'),
        screenedPerson('passenger'),
        screenedPerson('passenger', { completed: false }),
      ],
    });
    expect(summarizeDraft(draft)).toEqual({ plate: '湘K12345', startedAt: STARTED_AT, screened: 2, occupants: 3 });
  });

  it('returns null for payloads it cannot read', () => {
    const junk: unknown[] = [
      null,
      undefined,
      'draft',
      42,
      {},
      { vehicle: { occupants: 1 }, persons: [] },
      { startedAt: STARTED_AT, persons: [] },
      { startedAt: STARTED_AT, vehicle: { occupants: 1 } },
      { startedAt: STARTED_AT, vehicle: { occupants: '1' }, persons: [] },
      { startedAt: 20261128, vehicle: { occupants: 1 }, persons: [] },
      { startedAt: STARTED_AT, vehicle: null, persons: [] },
      { startedAt: STARTED_AT, vehicle: { occupants: 1 }, persons: {} },
    ];
    for (const payload of junk) expect(summarizeDraft(payload), JSON.stringify(payload)).toBeNull();
  });

  it('reads what it can of an odd but usable payload', () => {
    const payload = {
      startedAt: STARTED_AT,
      vehicle: { occupants: 3, plate: 12 },
      persons: [null, { completed: true }, { completed: 'yes' }],
    };
    expect(summarizeDraft(payload)).toEqual({ plate: '', startedAt: STARTED_AT, screened: 1, occupants: 3 });
  });
});
