// 二看 as the officer taps it: one tap on the colour in the common case, the starred cities when starred.
import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../platform/i18n.ts';
import { parseDraft } from '../draft/check-draft-schema.ts';
import { emptyPerson } from '../draft/check-draft.ts';
import type { PersonDraft } from '../draft/check-draft.ts';
import { splitCities } from './look-step.tsx';
import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';
import { renderFlowStep } from '../../../../tests/support/features/checkpoint/step-harness.tsx';

const LOOK_TITLE = '二看：健康码颜色与行程卡';
const CHECK_TITLE = '三查：体温与身份';

function renderLook(suggestedCodeColor: PersonDraft['suggestedCodeColor'] = null) {
  return renderFlowStep(
    makeDraft({ persons: [{ ...emptyPerson('driver'), scan: 'camera', step: 'look', suggestedCodeColor }] }),
  );
}

const colourButton = (name: string) => screen.getByRole('button', { name });
const suggestion = () => screen.queryByTestId('code-color-suggestion')?.textContent ?? null;

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

describe('LookStep', () => {
  it('moves on to 三查 with one tap on 绿码 when the itinerary has no star', async () => {
    const { user, person } = renderLook();
    expect(heading()).toBe(LOOK_TITLE);
    await user.click(screen.getByRole('button', { name: '绿码' }));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({
      codeColor: 'green',
      codeColorSource: 'officer',
      itineraryStar: false,
      itineraryCities: [],
      step: 'check',
    });
  });

  it('asks for the starred cities before moving on, and keeps the colour tapped', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '带星 *' }));
    await user.click(screen.getByRole('button', { name: '黄码' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写带星的城市。');
    expect(heading()).toBe(LOOK_TITLE);
    expect(screen.getByRole('button', { name: '黄码' }).getAttribute('aria-pressed')).toBe('true');
    expect(person()).toMatchObject({ codeColor: 'yellow', itineraryStar: true, step: 'look' });

    await user.type(screen.getByLabelText('途经城市（带星城市，用逗号或空格分隔）'), '长沙，株洲,Wuhan 上海');
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '黄码' }));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({ itineraryCities: ['长沙', '株洲', 'Wuhan', '上海'], step: 'check' });
  });

  it('drops cities typed before the star was taken back', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '带星 *' }));
    await user.type(screen.getByLabelText('途经城市（带星城市，用逗号或空格分隔）'), '长沙');
    await user.click(screen.getByRole('button', { name: '无星' }));
    expect(screen.queryByLabelText('途经城市（带星城市，用逗号或空格分隔）')).toBeNull();
    await user.click(screen.getByRole('button', { name: '绿码' }));
    expect(person()).toMatchObject({ itineraryStar: false, itineraryCities: [], step: 'check' });
  });
});

describe("LookStep with the scanner's colour suggestion", () => {
  it('preselects the suggested colour without recording it, and records a tap on it as suggested-confirmed', async () => {
    const { user, person } = renderLook('yellow');
    expect(suggestion()).toBe('建议：黄码（由扫码图像判断）。请确认：点按黄码确认，或选择其他颜色。');
    // Marked, not chosen: nothing is pressed and nothing is recorded until the officer taps.
    expect(colourButton('黄码').dataset['suggested']).toBe('true');
    expect(colourButton('黄码').className).toContain('btn-suggested');
    expect(colourButton('黄码').getAttribute('aria-describedby')).toBe('code-color-suggestion');
    for (const name of ['绿码', '黄码', '红码', '灰码', '未知'])
      expect(colourButton(name).getAttribute('aria-pressed')).toBe('false');
    expect(person()).toMatchObject({ codeColor: null, step: 'look' });

    await user.click(colourButton('黄码'));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({ codeColor: 'yellow', codeColorSource: 'suggested-confirmed', step: 'check' });
  });

  it("records another colour than the suggestion as the officer's own", async () => {
    const { user, person } = renderLook('green');
    expect(colourButton('绿码').dataset['suggested']).toBe('true');
    // Starred with no cities: the step stays, so the screen after the tap can be seen.
    await user.click(screen.getByRole('button', { name: '带星 *' }));
    await user.click(colourButton('红码'));
    expect(person()).toMatchObject({ codeColor: 'red', codeColorSource: 'officer', step: 'look' });
    expect(colourButton('红码').getAttribute('aria-pressed')).toBe('true');
    // The suggestion is still shown for what it was, no longer asking to be confirmed.
    expect(colourButton('绿码').textContent).toBe('绿码建议');
    expect(suggestion()).toBeNull();
  });

  it('preselects nothing when the scanner could not tell the colour', () => {
    renderLook(null);
    expect(suggestion()).toBeNull();
    expect(document.querySelector('[data-suggested]')).toBeNull();
    expect(document.querySelector('.btn-suggested')).toBeNull();
  });

  it('keeps the suggestion, and then the confirmed choice, across a reload', async () => {
    const first = renderLook('red');
    // Starred itinerary with no cities: the colour is tapped, the step stays, and the tablet reloads here.
    await first.user.click(screen.getByRole('button', { name: '带星 *' }));
    cleanup();
    const reloaded = parseDraft(JSON.parse(JSON.stringify(first.draft())));
    if (!reloaded) throw new Error('the draft did not survive the reload');
    const second = renderFlowStep(reloaded);
    expect(suggestion()).toContain('红码');
    expect(colourButton('红码').dataset['suggested']).toBe('true');

    await second.user.click(colourButton('红码'));
    expect(screen.getByRole('alert').textContent).toBe('请填写带星的城市。');
    expect(second.person()).toMatchObject({ codeColor: 'red', codeColorSource: 'suggested-confirmed', step: 'look' });
    cleanup();
    const again = parseDraft(JSON.parse(JSON.stringify(second.draft())));
    if (!again) throw new Error('the draft did not survive the reload');
    renderFlowStep(again);
    // Chosen now: pressed, the question is gone, the badge says it was confirmed.
    expect(colourButton('红码').getAttribute('aria-pressed')).toBe('true');
    expect(suggestion()).toBeNull();
    expect(colourButton('红码').textContent).toBe('红码建议·已确认');
  });

  it('says the same in English', () => {
    setLanguage('en');
    try {
      renderLook('yellow');
      expect(suggestion()).toBe(
        'Suggested: Yellow (from the scanned image). Please confirm: tap Yellow, or choose another colour.',
      );
    } finally {
      setLanguage('zh-CN');
    }
  });
});

describe('splitCities', () => {
  it('splits on Chinese and Latin commas, the enumeration comma and spaces', () => {
    expect(splitCities('长沙，株洲,湘潭、 岳阳  衡阳\t郴州')).toEqual(['长沙', '株洲', '湘潭', '岳阳', '衡阳', '郴州']);
    expect(splitCities(' ，, ')).toEqual([]);
  });
});
