// 三查 as the officer taps it: nothing pressed when it opens, a normal reading and the ID check in one tap whose label
// says both, a high reading measured again, bad input explained, an unanswered ID recorded as not checked.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../../platform/i18n.ts';
import { emptyPerson } from '../draft/check-draft.ts';
import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';
import { renderFlowStep } from '../../../../tests/support/features/checkpoint/step-harness.tsx';

const CHECK_TITLE = '三查：体温与身份';
const VERIFY_TITLE = '四验：核酸、疫苗、通行证';

function renderCheck() {
  const harness = renderFlowStep(
    makeDraft({ persons: [{ ...emptyPerson('driver'), scan: 'camera', codeColor: 'green', step: 'check' }] }),
  );
  /** Types on the on-screen pad ('.' is the decimal point key) and taps the pad's OK key (确定). */
  const enter = async (reading: string) => {
    const pad = screen.getByRole('group', { name: '体温 °C' });
    for (const key of reading) {
      await harness.user.click(within(pad).getByRole('button', { name: key === '.' ? '小数点' : key }));
    }
    await harness.user.click(screen.getByRole('button', { name: '确定' }));
  };
  return { ...harness, enter };
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;
/** The step's toggles that are pressed: none before the officer taps. */
const pressed = () =>
  screen
    .getAllByRole('button')
    .filter((button) => button.getAttribute('aria-pressed') === 'true')
    .map((button) => button.textContent);

describe('CheckStep', () => {
  it('opens with nothing pressed, its quick keys saying they record the ID check too', () => {
    renderCheck();
    expect(heading()).toBe(CHECK_TITLE);
    expect(pressed()).toEqual([]);
    expect(screen.getByTestId('id-unanswered').textContent).toBe('未点选：记录为“身份证件未核验”。');
    expect(screen.getByText('常见体温，同时记录已核验身份证件（点一下即记录两项）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '36.5' })).toBeNull();
  });

  it('records a normal reading and the ID check with one tap on 36.5 · 已核验证件, and moves on to 四验', async () => {
    const { user, person } = renderCheck();
    await user.click(screen.getByRole('button', { name: '36.5 · 已核验证件' }));
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person()).toMatchObject({ temperatures: [36.5], idChecked: true, step: 'verify' });
  });

  it('records only the reading once the ID is answered: the keys then say only the reading', async () => {
    const { user, person } = renderCheck();
    await user.click(screen.getByRole('button', { name: '未核验身份证件' }));
    expect(pressed()).toEqual(['未核验身份证件']);
    expect(screen.queryByTestId('id-unanswered')).toBeNull();
    expect(screen.queryByRole('button', { name: '36.5 · 已核验证件' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '36.5' }));
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person()).toMatchObject({ temperatures: [36.5], idChecked: false, step: 'verify' });
  });

  it('keeps the ID unanswered for a reading typed on the pad (saved as not checked)', async () => {
    const { person, enter } = renderCheck();
    await enter('36.7');
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person()).toMatchObject({ temperatures: [36.7], idChecked: null, step: 'verify' });
  });

  it('takes an ID answer back on a second tap', async () => {
    const { user, person } = renderCheck();
    await user.click(screen.getByRole('button', { name: '已核验身份证件' }));
    expect(person().idChecked).toBe(true);
    await user.click(screen.getByRole('button', { name: '已核验身份证件' }));
    expect(person().idChecked).toBeNull();
    expect(pressed()).toEqual([]);
  });

  it('says the combined key in English', () => {
    setLanguage('en');
    try {
      renderCheck();
      expect(screen.getByRole('button', { name: '36.5 · ID checked' })).toBeTruthy();
      expect(screen.getByTestId('id-unanswered').textContent).toBe('Nothing tapped: recorded as “ID not checked”.');
    } finally {
      setLanguage('zh-CN');
    }
  });

  it('asks to measure again after a reading at or above 37.3 °C, and keeps both readings', async () => {
    const { person, enter } = renderCheck();
    await enter('37.5');
    expect(heading()).toBe(CHECK_TITLE);
    expect(screen.getByRole('alert').textContent).toContain('请复测');
    expect(person().temperatures).toEqual([37.5]);
    // No one-tap normal reading while a re-measurement is due: the officer types what the thermometer says.
    expect(screen.queryByRole('button', { name: /^36\.5/u })).toBeNull();

    await enter('36.8');
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person()).toMatchObject({ temperatures: [37.5, 36.8], step: 'verify' });
  });

  it('moves on after a confirmed fever too (the decision step flags it)', async () => {
    const { person, enter } = renderCheck();
    await enter('37.5');
    await enter('37.4');
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person().temperatures).toEqual([37.5, 37.4]);
  });

  it('refuses a reading outside 34–43 °C and records nothing', async () => {
    const { person, enter } = renderCheck();
    await enter('33');
    expect(screen.getByRole('alert').textContent).toContain('体温须在 34.0–43.0 °C 之间');
    expect(heading()).toBe(CHECK_TITLE);
    expect(person().temperatures).toEqual([]);
  });

  it('asks for a temperature when nothing was typed', async () => {
    const { person, enter } = renderCheck();
    await enter('');
    expect(screen.getByRole('alert').textContent).toBe('请输入体温。');
    expect(person()).toMatchObject({ temperatures: [], step: 'check' });
  });

  it('records that the ID document was not checked', async () => {
    const { user, person } = renderCheck();
    await user.click(screen.getByRole('button', { name: '未核验身份证件' }));
    expect(person().idChecked).toBe(false);
    expect(screen.getByRole('button', { name: '未核验身份证件' }).getAttribute('aria-pressed')).toBe('true');
  });
});
