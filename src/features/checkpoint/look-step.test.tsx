// 二看 as the officer taps it: one tap on the colour in the common case, the starred cities when starred.
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { emptyPerson } from './check-draft.ts';
import { splitCities } from './look-step.tsx';
import { makeDraft } from './test-drafts.ts';
import { renderFlowStep } from './test-step-harness.tsx';

const LOOK_TITLE = '二看：健康码颜色与行程卡';
const CHECK_TITLE = '三查：体温与身份';

function renderLook() {
  return renderFlowStep(makeDraft({ persons: [{ ...emptyPerson('driver'), scan: 'camera', step: 'look' }] }));
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;

describe('LookStep', () => {
  it('moves on to 三查 with one tap on 绿码 when the itinerary has no star', async () => {
    const { user, person } = renderLook();
    expect(heading()).toBe(LOOK_TITLE);
    await user.click(screen.getByRole('button', { name: '绿码' }));
    expect(heading()).toBe(CHECK_TITLE);
    expect(person()).toMatchObject({ codeColor: 'green', codeColorSource: 'officer', itineraryStar: false, itineraryCities: [], step: 'check' });
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

describe('splitCities', () => {
  it('splits on Chinese and Latin commas, the enumeration comma and spaces', () => {
    expect(splitCities('长沙，株洲,湘潭、 岳阳  衡阳\t郴州')).toEqual(['长沙', '株洲', '湘潭', '岳阳', '衡阳', '郴州']);
    expect(splitCities(' ，, ')).toEqual([]);
  });
});
