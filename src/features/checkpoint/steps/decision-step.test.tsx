// The decision as the officer sees it: "no flags" and save, or the flag, the registration and its checks,
// and a reason for any change of disposition; in Chinese and in English.
import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../../platform/i18n.ts';
import type { DraftWithType, PersonDraft } from '../draft/check-draft.ts';
import {
  BAD_CHECKSUM_ID_NUMBER,
  makeDraft,
  screenedPerson,
  VALID_ID_NUMBER,
  VALID_PHONE,
} from '../../../../tests/support/features/checkpoint/drafts.ts';
import { renderFlowStep } from '../../../../tests/support/features/checkpoint/step-harness.tsx';

/** A person at the decision step, not yet marked screened. */
function deciding(role: PersonDraft['role'], overrides?: Partial<PersonDraft>): PersonDraft {
  return screenedPerson(role, { completed: false, ...overrides });
}

function renderDecision(draft: DraftWithType) {
  const onSave = vi.fn<(draft: DraftWithType) => void>();
  return { ...renderFlowStep(draft, { onSave }), onSave };
}

/** The message shown under a registration field, if any. */
function fieldError(label: string): string | null {
  const input = screen.getByLabelText(label);
  const describedBy = input.getAttribute('aria-describedby');
  return describedBy ? (document.getElementById(describedBy)?.textContent ?? null) : null;
}

/** The message under the destination (the picker's button names what it describes), if any. */
function destinationError(): string | null {
  const button = screen.getByRole('button', { name: /目的地$|destination$/u });
  const describedBy = button.getAttribute('aria-describedby');
  return describedBy ? (document.getElementById(describedBy)?.textContent ?? null) : null;
}

function savedDraft(onSave: ReturnType<typeof renderDecision>['onSave']): DraftWithType {
  const [call] = onSave.mock.calls;
  if (!call) throw new Error('not saved');
  return call[0];
}

afterEach(() => {
  setLanguage('zh-CN');
});

describe('DecisionStep, unflagged', () => {
  it('shows "无异常" with release, and one tap saves the vehicle once', async () => {
    const { user, onSave } = renderDecision(makeDraft({ persons: [deciding('driver')] }));
    expect(screen.getByTestId('no-flags').textContent).toBe('无异常');
    expect(screen.getByTestId('person-0-recommended').textContent).toBe('放行');
    expect(screen.getByTestId('vehicle-summary').textContent).toContain('车辆处置：放行');
    expect(screen.queryByText('人员登记（异常人员）')).toBeNull();

    await user.click(screen.getByRole('button', { name: '完成并保存' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(savedDraft(onSave).persons.every((p) => p.completed)).toBe(true);
  });

  it('names beside "无异常" what was not observed, and still saves at once (saved as not observed)', async () => {
    const { user, onSave } = renderDecision(
      makeDraft({ persons: [deciding('driver', { scan: 'none', itineraryStar: null, idChecked: null })] }),
    );
    expect(screen.getByTestId('no-flags').textContent).toBe('无异常');
    const unobserved = screen.getByTestId('unobserved');
    expect(unobserved.textContent).toContain('未查验，记录中如实写明：');
    expect([...unobserved.querySelectorAll('[data-unobserved]')].map((chip) => chip.textContent)).toEqual([
      '行程卡：未查看',
      '身份证件：未核验',
    ]);
    await user.click(screen.getByRole('button', { name: '完成并保存' }));
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('names nothing as unobserved when the officer answered the card and the ID', () => {
    renderDecision(makeDraft({ persons: [deciding('driver')] }));
    expect(screen.queryByTestId('unobserved')).toBeNull();
  });

  it('names an ID the officer marked as not checked', () => {
    renderDecision(makeDraft({ persons: [deciding('driver', { idChecked: false })] }));
    expect(screen.getByTestId('unobserved').textContent).toContain('身份证件：未核验');
    expect(screen.getByTestId('unobserved').textContent).not.toContain('行程卡');
  });

  it('goes on to the next occupant instead of saving while someone is left (不漏一人)', async () => {
    const { user, onSave, draft } = renderDecision(
      makeDraft({ persons: [deciding('driver'), { ...deciding('passenger'), step: 'scan' }] }),
    );
    await user.click(screen.getByRole('button', { name: '下一位（2/2）' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(draft().currentPerson).toBe(1);
    expect(draft().persons[0]?.completed).toBe(true);
    expect(screen.getByTestId('scan-step')).toBeTruthy();
  });

  it('asks for a reason before saving another disposition than recommended', async () => {
    const { user, onSave, person } = renderDecision(makeDraft({ persons: [deciding('driver')] }));
    await user.click(screen.getByRole('button', { name: '更改处置' }));
    await user.click(screen.getByRole('button', { name: '劝返' }));
    await user.click(screen.getByRole('button', { name: '完成并保存' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toContain('请填写更改处置的原因。');

    await user.type(screen.getByLabelText('更改原因（必填）'), '拒绝出示健康码');
    await user.click(screen.getByRole('button', { name: '完成并保存' }));
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(person()).toMatchObject({ chosenDisposition: 'turn-back', overrideReason: '拒绝出示健康码' });
    expect(screen.getByTestId('vehicle-summary').textContent).toContain('车辆处置：劝返');
  });

  it('goes back to the recommendation, reason cleared, with "按建议处置"', async () => {
    const { user, person } = renderDecision(makeDraft({ persons: [deciding('driver')] }));
    await user.click(screen.getByRole('button', { name: '更改处置' }));
    await user.click(screen.getByRole('button', { name: '劝返' }));
    await user.type(screen.getByLabelText('更改原因（必填）'), '误操作');
    await user.click(screen.getByRole('button', { name: '按建议处置' }));
    expect(person()).toMatchObject({ chosenDisposition: null, overrideReason: '' });
  });
});

describe('DecisionStep, flagged', () => {
  it('shows the flag and the registration form, and refuses to save until every field is valid', async () => {
    const { user, onSave, draft } = renderDecision(
      makeDraft({ persons: [deciding('driver', { codeColor: 'yellow' })] }),
    );
    expect(screen.getByTestId('flag-banner').textContent).toContain('注意：此人有异常');
    expect(screen.getByTestId('flag-banner').textContent).toContain('黄码');
    expect(screen.getByTestId('person-0-recommended').textContent).toBe('劝返');
    expect(screen.getByText('人员登记（异常人员）')).toBeTruthy();
    // Nothing is shouted at the officer before they try to go on.
    expect(fieldError('姓名')).toBeNull();

    const save = () => user.click(screen.getByRole('button', { name: '完成并保存' }));
    await save();
    expect(onSave).not.toHaveBeenCalled();
    expect(fieldError('姓名')).toBe('请填写姓名。');
    expect(fieldError('身份证号（18 位）')).toBe('请输入身份证号。');
    expect(fieldError('手机号')).toBe('请输入手机号。');
    expect(destinationError()).toBe('请选择目的地县（区）。');

    await user.type(screen.getByLabelText('姓名'), '张三');
    await user.type(screen.getByLabelText('身份证号（18 位）'), BAD_CHECKSUM_ID_NUMBER);
    await user.type(screen.getByLabelText('手机号'), '1381234567');
    await user.click(screen.getByRole('button', { name: '选择目的地' }));
    await user.type(await screen.findByLabelText('搜索县区（全国）'), '双峰');
    await user.click(screen.getByRole('button', { name: /^双峰县/u }));
    await user.click(await screen.findByRole('button', { name: '三塘铺镇' }));
    await user.click(await screen.findByRole('button', { name: '黄河村' }));
    expect(fieldError('姓名')).toBeNull();
    expect(fieldError('身份证号（18 位）')).toBe('校验位不符，请逐位核对。');
    expect(fieldError('手机号')).toBe('号码格式不对。');
    expect(destinationError()).toBeNull();
    await save();
    expect(onSave).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('身份证号（18 位）'));
    await user.type(screen.getByLabelText('身份证号（18 位）'), VALID_ID_NUMBER.toLowerCase());
    await user.type(screen.getByLabelText('手机号'), '8');
    expect(fieldError('身份证号（18 位）')).toBeNull();
    expect(fieldError('手机号')).toBeNull();
    await save();
    expect(onSave).toHaveBeenCalledTimes(1);
    expect(savedDraft(onSave).persons[0]?.registration).toEqual({
      name: '张三',
      idNumber: VALID_ID_NUMBER,
      phone: VALID_PHONE,
    });
    expect(draft().vehicle.destination).toEqual({
      province: '湖南省',
      city: '娄底市',
      county: '双峰县',
      township: '三塘铺镇',
      village: '黄河村',
      countyCode: '431321',
      townshipCode: '431321109',
      villageCode: '431321109203',
    });
  });

  it('reports the short ID number with how many characters were typed', async () => {
    const { user } = renderDecision(makeDraft({ persons: [deciding('driver', { codeColor: 'red' })] }));
    await user.type(screen.getByLabelText('身份证号（18 位）'), '4301');
    expect(fieldError('身份证号（18 位）')).toBe('身份证号应为 18 位（已输入 4 位）。');
  });
});

describe('DecisionStep in English', () => {
  it('shows English labels for an unflagged person', () => {
    setLanguage('en');
    renderDecision(makeDraft({ persons: [deciding('driver')] }));
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Result and disposition');
    expect(screen.getByTestId('no-flags').textContent).toBe('No flags');
    expect(screen.getByTestId('person-0-recommended').textContent).toBe('Release');
    expect(screen.getByRole('button', { name: 'Complete and save' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change disposition' })).toBeTruthy();
  });

  it('names what was not observed in English', () => {
    setLanguage('en');
    renderDecision(makeDraft({ persons: [deciding('driver', { itineraryStar: null, idChecked: null })] }));
    expect(screen.getByTestId('unobserved').textContent).toBe(
      'Not observed, and the record says so:Itinerary card: not seenID: not checked',
    );
  });

  it('shows English flags, registration and messages for a flagged person', async () => {
    setLanguage('en');
    const { user } = renderDecision(makeDraft({ persons: [deciding('driver', { codeColor: 'yellow' })] }));
    expect(screen.getByTestId('flag-banner').textContent).toContain('Attention: this person is flagged');
    expect(screen.getByTestId('flag-banner').textContent).toContain('Yellow code');
    expect(screen.getByTestId('person-0-recommended').textContent).toBe('Turn back');
    expect(screen.getByText('Registration (flagged person)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Complete and save' }));
    expect(fieldError('Name')).toBe('Enter the name.');
    expect(destinationError()).toBe('Choose the destination county.');
  });
});
