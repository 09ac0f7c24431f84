// The review before saving (amendments, and a vehicle whose occupants are all screened): what each person's record
// will say of the itinerary card and the ID, "not seen" and "not checked" in words, never left blank.
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../domain/policy.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import { judgeDraft } from '../draft/check-builder.ts';
import type { DraftWithType } from '../draft/check-draft.ts';
import { ReviewStep } from './review-step.tsx';
import { COMPLETED_AT, makeDraft, screenedPerson } from '../../../../tests/support/features/checkpoint/drafts.ts';

function renderReview(draft: DraftWithType) {
  render(
    <ReviewStep
      draft={draft}
      judgement={judgeDraft(draft, DEFAULT_POLICY, COMPLETED_AT)}
      policy={DEFAULT_POLICY}
      saving={false}
      saveError={null}
      update={() => undefined}
      onSave={() => undefined}
    />,
  );
  return screen.getAllByRole('listitem');
}

const reviewed = makeDraft({
  stage: 'review',
  persons: [
    screenedPerson('driver'),
    screenedPerson('passenger', { scan: 'none', itineraryStar: null, idChecked: null }),
    screenedPerson('passenger', {
      codeColor: 'yellow',
      itineraryStar: true,
      itineraryCities: ['上海'],
      idChecked: false,
    }),
  ],
});

afterEach(() => {
  setLanguage('zh-CN');
});

describe('ReviewStep', () => {
  it('says of each person what the record will hold: no star or a star, not seen, checked or not checked', () => {
    const [answered, unanswered, starred] = renderReview(reviewed);
    if (!answered || !unanswered || !starred) throw new Error('three persons');
    const status = (item: HTMLElement) => [
      within(item).getByTestId('itinerary-status').textContent,
      within(item).getByTestId('id-status').textContent,
    ];
    expect(status(answered)).toEqual(['行程卡：无星', '身份证件：已核验']);
    expect(status(unanswered)).toEqual(['行程卡：未查看', '身份证件：未核验']);
    expect(status(starred)).toEqual(['行程卡：带星 上海', '身份证件：未核验']);
  });

  it('says the same in English', () => {
    setLanguage('en');
    const [, unanswered] = renderReview(reviewed);
    if (!unanswered) throw new Error('two persons');
    expect(within(unanswered).getByTestId('itinerary-status').textContent).toBe('Itinerary card: not seen');
    expect(within(unanswered).getByTestId('id-status').textContent).toBe('ID: not checked');
  });
});
