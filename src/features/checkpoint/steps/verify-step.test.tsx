// 四验 as the officer taps it: nothing pressed when it opens, "negative, sampled today" in one tap, exact times
// checked, doses only from a tap, the truck pass.
import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyPerson, type DraftWithType } from '../draft/check-draft.ts';
import { makeDraft } from '../../../../tests/support/features/checkpoint/drafts.ts';
import { renderFlowStep } from '../../../../tests/support/features/checkpoint/step-harness.tsx';

const VERIFY_TITLE = '四验：核酸、疫苗、通行证';
const DECISION_TITLE = '结果与处置';
const PASS_PAD = '货车通行证号（12 位数字）';
/** Half past midnight in Shanghai: the UTC date (27th) is still yesterday's. */
const NOW_MS = Date.parse('2026-11-28T00:30:00+08:00');

function atVerify(vehicle: Partial<DraftWithType['vehicle']> = {}, occupants = 1): DraftWithType {
  const person = {
    ...emptyPerson('driver'),
    scan: 'camera' as const,
    codeColor: 'green' as const,
    temperatures: [36.5],
    step: 'verify' as const,
  };
  const persons = Array.from({ length: occupants }, (_, i) => ({
    ...person,
    role: i === 0 ? ('driver' as const) : ('passenger' as const),
  }));
  return makeDraft({ persons, vehicle });
}

const heading = () => screen.getByRole('heading', { level: 2 }).textContent;
/** The step's toggles that are pressed: none before the officer taps. */
const pressed = () =>
  screen
    .getAllByRole('button')
    .filter((button) => button.getAttribute('aria-pressed') === 'true')
    .map((button) => button.textContent);

beforeEach(() => {
  // VerifyStep reads the clock itself; the officer's "now" is pinned so "today" and "the future" are known.
  vi.spyOn(Date, 'now').mockReturnValue(NOW_MS);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('VerifyStep', () => {
  it('opens with nothing pressed, for a truck driver too, and says untapped doses are recorded as not asked', () => {
    renderFlowStep(atVerify({ type: 'truck' }));
    expect(heading()).toBe(VERIFY_TITLE);
    expect(pressed()).toEqual([]);
    expect(screen.getByTestId('vaccine-unanswered').textContent).toBe('未点选：记录为“未询问”。');
  });

  it('records vaccine doses only from a tap, and takes them back to not asked on a second tap', async () => {
    const { user, person } = renderFlowStep(atVerify());
    await user.click(screen.getByRole('button', { name: '3 剂' }));
    expect(person().vaccineDoses).toBe(3);
    expect(pressed()).toEqual(['3 剂']);
    expect(screen.queryByTestId('vaccine-unanswered')).toBeNull();
    await user.click(screen.getByRole('button', { name: '3 剂' }));
    expect(person().vaccineDoses).toBeNull();
    expect(pressed()).toEqual([]);
    expect(heading()).toBe(VERIFY_TITLE);
  });

  it('records "negative, sampled today" as local midnight in the checkpoint zone and moves on', async () => {
    const { user, person } = renderFlowStep(atVerify());
    expect(heading()).toBe(VERIFY_TITLE);
    await user.click(screen.getByRole('button', { name: '阴性 · 今天采样' }));
    expect(heading()).toBe(DECISION_TITLE);
    expect(person()).toMatchObject({
      testStatus: 'negative',
      sampledChoice: 'today',
      sampledAt: '2026-11-28T00:00:00+08:00',
      step: 'decision',
    });
  });

  it('records "sampled yesterday" as the midnight before', async () => {
    const { user, person } = renderFlowStep(atVerify());
    await user.click(screen.getByRole('button', { name: '阴性 · 昨天采样' }));
    expect(person()).toMatchObject({ sampledChoice: 'yesterday', sampledAt: '2026-11-27T00:00:00+08:00' });
  });

  it('refuses an exact sampling time in the future and accepts one in the past', async () => {
    const { user, person } = renderFlowStep(atVerify());
    await user.click(screen.getByRole('button', { name: '阴性 · 指定采样时间' }));
    const input = screen.getByLabelText<HTMLInputElement>('采样时间');
    // Opened at the current wall time, for the officer to adjust.
    expect(input.value).toBe('2026-11-28T00:30');

    fireEvent.change(input, { target: { value: '2026-11-28T09:00' } });
    await user.click(screen.getByRole('button', { name: '确定' }));
    expect(screen.getByRole('alert').textContent).toBe('采样时间不能晚于现在。');
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person().testStatus).toBeNull();

    fireEvent.change(input, { target: { value: '2026-11-26T15:45' } });
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '确定' }));
    expect(heading()).toBe(DECISION_TITLE);
    expect(person()).toMatchObject({
      testStatus: 'negative',
      sampledChoice: 'exact',
      sampledAt: '2026-11-26T15:45:00+08:00',
    });
  });

  it('asks for a time when the exact field was emptied', async () => {
    const { user } = renderFlowStep(atVerify());
    await user.click(screen.getByRole('button', { name: '阴性 · 指定采样时间' }));
    fireEvent.change(screen.getByLabelText('采样时间'), { target: { value: '' } });
    await user.click(screen.getByRole('button', { name: '确定' }));
    expect(screen.getByRole('alert').textContent).toBe('请选择采样时间。');
    expect(heading()).toBe(VERIFY_TITLE);
  });

  it('records no test and no sampling time for "无核酸"', async () => {
    const { user, person } = renderFlowStep(atVerify());
    await user.click(screen.getByRole('button', { name: '无核酸' }));
    expect(heading()).toBe(DECISION_TITLE);
    expect(person()).toMatchObject({ testStatus: 'none', sampledAt: null, sampledChoice: null });
  });

  it('stops a truck driver with an 11-digit pass until the 12th digit is typed', async () => {
    const { user, person, draft } = renderFlowStep(atVerify({ type: 'truck' }));
    const pad = screen.getByRole('group', { name: PASS_PAD });
    for (const digit of '43010000000') await user.click(within(pad).getByRole('button', { name: digit }));
    await user.click(screen.getByRole('button', { name: '阴性 · 今天采样' }));
    expect(screen.getByRole('alert').textContent).toBe('通行证号应为 12 位数字。');
    expect(heading()).toBe(VERIFY_TITLE);
    expect(person().step).toBe('verify');

    await user.click(within(pad).getByRole('button', { name: '1' }));
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: '阴性 · 今天采样' }));
    expect(heading()).toBe(DECISION_TITLE);
    expect(draft().vehicle.truckPass).toBe('430100000001');
  });

  it('lets a truck driver without a pass go on (the pass is optional)', async () => {
    const { user, draft } = renderFlowStep(atVerify({ type: 'truck' }));
    await user.click(screen.getByRole('button', { name: '阴性 · 今天采样' }));
    expect(heading()).toBe(DECISION_TITLE);
    expect(draft().vehicle.truckPass).toBe('');
  });

  it('asks a truck passenger for no pass', () => {
    renderFlowStep({ ...atVerify({ type: 'truck' }, 2), currentPerson: 1 });
    expect(heading()).toBe(VERIFY_TITLE);
    expect(screen.queryByRole('group', { name: PASS_PAD })).toBeNull();
  });

  it('asks for no pass on a car', () => {
    renderFlowStep(atVerify({ type: 'car' }));
    expect(screen.queryByRole('group', { name: PASS_PAD })).toBeNull();
  });
});
