// The vehicle step at checkpoints in different provinces: the province keys start with the checkpoint's own and its
// neighbours, a plate of any province prefills its origin, and a letter several cities share offers them to tap.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { newDraft, type CheckDraft } from '../draft/check-draft.ts';
import { makeDraftId, STARTED_AT } from '../../../../tests/support/features/checkpoint/drafts.ts';
import { VehicleStep } from './vehicle-step.tsx';

function Harness({ home }: { home: string | undefined }) {
  const [draft, setDraft] = useState<CheckDraft>(() => newDraft(makeDraftId(), STARTED_AT));
  return (
    <VehicleStep
      draft={draft}
      homeProvinceAbbr={home}
      update={(edit) => {
        setDraft(edit);
      }}
    />
  );
}

function renderStep(home: string | undefined) {
  const user = userEvent.setup();
  render(<Harness home={home} />);
  const keyboard = screen.getByRole('group', { name: '车牌键盘' });
  const provinceKeys = () =>
    within(within(keyboard).getByRole('group', { name: '省份简称' }))
      .getAllByRole('button')
      .map((button) => button.textContent);
  /** Taps the province key, then types the rest on the hardware keyboard the plate keyboard listens to. */
  const typePlate = async (plate: string) => {
    await user.click(within(keyboard).getByRole('button', { name: plate.charAt(0) }));
    await user.keyboard(plate.slice(1));
  };
  const province = () => screen.getByLabelText<HTMLSelectElement>('省份').value;
  const city = () => screen.getByLabelText<HTMLInputElement>('城市').value;
  const typeKeys = () => within(screen.getByRole('group', { name: '车辆类型' })).getAllByRole('button');
  return { user, provinceKeys, typePlate, province, city, typeKeys };
}

describe('VehicleStep', () => {
  it('presses no vehicle type, and asks for one before the occupants are screened', async () => {
    const { user, typePlate, typeKeys } = renderStep('湘');
    expect(typeKeys().filter((key) => key.getAttribute('aria-pressed') === 'true')).toEqual([]);
    await typePlate('湘K12345');
    await user.click(screen.getByRole('button', { name: '开始检查人员' }));
    expect(screen.getByRole('alert').textContent).toBe('请先选择车辆类型。');
    expect(screen.getByRole('group', { name: '车辆类型' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '小客车' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(
      typeKeys()
        .filter((key) => key.getAttribute('aria-pressed') === 'true')
        .map((key) => key.textContent),
    ).toEqual(['小客车']);
  });

  it('at a Guangdong checkpoint: 粤 and its neighbours first, and 粤B prefills 广东 深圳', async () => {
    const { provinceKeys, typePlate, province, city } = renderStep('粤');
    expect(provinceKeys().slice(0, 6).join(' ')).toBe('粤 赣 闽 琼 桂 湘');
    await typePlate('粤B12345');
    expect(province()).toBe('广东');
    expect(city()).toBe('深圳');
    expect(screen.getByText('已按车牌预填，可修改')).toBeTruthy();
  });

  it('at a Hunan checkpoint: 湘 and its neighbours first, and a plate from Jiangsu prefills its city', async () => {
    const { provinceKeys, typePlate, province, city } = renderStep('湘');
    expect(provinceKeys().slice(0, 7).join(' ')).toBe('湘 鄂 赣 粤 桂 贵 渝');
    await typePlate('苏E12345');
    expect(province()).toBe('江苏');
    expect(city()).toBe('苏州');
  });

  it('prefills the province alone for a province-level office (粤Z), with nothing to choose', async () => {
    const { typePlate, province, city } = renderStep('粤');
    await typePlate('粤Z1234港');
    expect(province()).toBe('广东');
    expect(city()).toBe('');
    expect(screen.queryByRole('group', { name: /号牌分属几个城市/u })).toBeNull();
  });

  it('offers the cities a shared letter stands for, and the one tapped becomes the origin', async () => {
    const { user, typePlate, province, city } = renderStep('皖');
    await typePlate('皖Q12345');
    expect(province()).toBe('安徽');
    expect(city()).toBe('');
    const choices = screen.getByRole('group', { name: '皖Q 号牌分属几个城市，请选择：' });
    expect(
      within(choices)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['合肥', '芜湖', '马鞍山']);
    await user.click(within(choices).getByRole('button', { name: '芜湖' }));
    expect(city()).toBe('芜湖');
    expect(within(choices).getByRole('button', { name: '芜湖' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByText('已按车牌预填，可修改')).toBeNull();
  });

  it('offers no cities once the officer says the car comes from another province', async () => {
    const { user, typePlate } = renderStep('琼');
    await typePlate('琼C12345');
    expect(screen.getByRole('group', { name: '琼C 号牌分属几个城市，请选择：' })).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('省份'), '广东');
    expect(screen.queryByRole('group', { name: /号牌分属几个城市/u })).toBeNull();
  });
});
