// 二看 as the officer taps it: nothing pressed when it opens, one tap on 绿码 · 无星 in the common case, the starred
// cities when starred, a card not answered left as not seen.
import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../platform/i18n.ts';
import { parseDraft } from '../draft/check-draft-schema.ts';
import { emptyPerson, hasVehicleType } from '../draft/check-draft.ts';
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

/** Every toggle of the step: none may be pressed before the officer taps. */
const pressed = () =>
  screen
    .getAllByRole('button')
    .filter((button) => button.getAttribute('aria-pressed') === 'true')
    .map((button) => button.textContent);

describe('LookStep', () => {
  it('opens with nothing pressed and says that an untapped star answer is recorded as not seen', () => {
    renderLook();
    expect(heading()).toBe(LOOK_TITLE);
    expect(pressed()).toEqual([]);
    expect(screen.getByTestId('itinerary-unanswered').textContent).toBe('未点选：记录为“行程卡未查看”。');
  });

  it('records green and no star with one tap on 绿码 · 无星, which says both, and moves on to 三查', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '绿码 · 无星' }));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({
      codeColor: 'green',
      codeColorSource: 'officer',
      itineraryStar: false,
      itineraryCities: [],
      step: 'check',
    });
  });

  it('records only the colour for a tap on 绿码 alone: the card stays not seen', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '绿码' }));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({ codeColor: 'green', itineraryStar: null, itineraryCities: [], step: 'check' });
  });

  it('records no star from its own answer, and takes the answer back on a second tap', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '无星' }));
    expect(person().itineraryStar).toBe(false);
    expect(pressed()).toEqual(['无星']);
    expect(screen.queryByTestId('itinerary-unanswered')).toBeNull();
    await user.click(screen.getByRole('button', { name: '无星' }));
    expect(person().itineraryStar).toBeNull();
    expect(pressed()).toEqual([]);
    await user.click(screen.getByRole('button', { name: '黄码' }));
    expect(person()).toMatchObject({ codeColor: 'yellow', itineraryStar: null, step: 'check' });
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

  it('records no star over a star answered before, as 绿码 · 无星 says', async () => {
    const { user, person } = renderLook();
    await user.click(screen.getByRole('button', { name: '带星 *' }));
    await user.click(screen.getByRole('button', { name: '绿码 · 无星' }));
    expect(person()).toMatchObject({ codeColor: 'green', itineraryStar: false, itineraryCities: [], step: 'check' });
  });

  it('says the common key and the untapped star in English', () => {
    setLanguage('en');
    try {
      renderLook();
      expect(screen.getByRole('button', { name: 'Green · no star' })).toBeTruthy();
      expect(screen.getByTestId('itinerary-unanswered').textContent).toBe(
        'Nothing tapped: recorded as “itinerary card not seen”.',
      );
    } finally {
      setLanguage('zh-CN');
    }
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

  it('marks 绿码 · 无星 with a green suggestion too, and records its tap as the suggestion confirmed', async () => {
    const { user, person } = renderLook('green');
    const common = colourButton('绿码 · 无星');
    expect(common.dataset['suggested']).toBe('true');
    expect(common.className).toContain('btn-suggested');
    expect(pressed()).toEqual([]);
    await user.click(common);
    expect(person()).toMatchObject({
      codeColor: 'green',
      codeColorSource: 'suggested-confirmed',
      itineraryStar: false,
      step: 'check',
    });
  });

  it("records 绿码 · 无星 over a yellow suggestion as the officer's own colour", async () => {
    const { user, person } = renderLook('yellow');
    expect(colourButton('绿码 · 无星').dataset['suggested']).toBeUndefined();
    await user.click(colourButton('绿码 · 无星'));
    expect(person()).toMatchObject({ codeColor: 'green', codeColorSource: 'officer', itineraryStar: false });
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
    // The line above the keys tells what to do instead, holding the place a suggestion would take.
    expect(screen.getByText('点按健康码上看到的颜色；行程卡点按有无星号。')).toBeTruthy();
    expect(document.querySelector('[data-suggested]')).toBeNull();
    expect(document.querySelector('.btn-suggested')).toBeNull();
  });

  it('keeps the suggestion, and then the confirmed choice, across a reload', async () => {
    const first = renderLook('red');
    // Starred itinerary with no cities: the colour is tapped, the step stays, and the tablet reloads here.
    await first.user.click(screen.getByRole('button', { name: '带星 *' }));
    cleanup();
    const reloaded = parseDraft(JSON.parse(JSON.stringify(first.draft())));
    if (!reloaded || !hasVehicleType(reloaded)) throw new Error('the draft did not survive the reload');
    const second = renderFlowStep(reloaded);
    expect(suggestion()).toContain('红码');
    expect(colourButton('红码').dataset['suggested']).toBe('true');

    await second.user.click(colourButton('红码'));
    expect(screen.getByRole('alert').textContent).toBe('请填写带星的城市。');
    expect(second.person()).toMatchObject({ codeColor: 'red', codeColorSource: 'suggested-confirmed', step: 'look' });
    cleanup();
    const again = parseDraft(JSON.parse(JSON.stringify(second.draft())));
    if (!again || !hasVehicleType(again)) throw new Error('the draft did not survive the reload');
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
