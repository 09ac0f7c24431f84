// The plate keyboard as an officer uses it: province first, keys the domain rules out are disabled, state in words.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../platform/i18n.ts';
import { LONG_PRESS_CLEAR_MS } from './backspace-key.tsx';
import { PlateKeyboard } from './plate-keyboard.tsx';

const BACKSPACE = '退格（长按清空）';

function Harness({ initial, onDone, home }: { initial: string; onDone: () => void; home?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <PlateKeyboard
      value={value}
      onChange={setValue}
      onDone={onDone}
      {...(home === undefined ? {} : { homeProvinceAbbr: home })}
    />
  );
}

function renderKeyboard({ initial = '', home }: { initial?: string; home?: string } = {}) {
  const user = userEvent.setup();
  const onDone = vi.fn();
  render(<Harness initial={initial} onDone={onDone} {...(home === undefined ? {} : { home })} />);
  const keyboard = screen.getByRole('group', { name: '车牌键盘' });
  const key = (name: string) => within(keyboard).getByRole('button', { name });
  const tap = async (...names: string[]) => {
    for (const name of names) await user.click(key(name));
  };
  const plate = () => within(keyboard).getByText(/^车牌：/u).textContent;
  const boxes = () => Array.from(keyboard.querySelectorAll('.plate-box'), (box) => box.textContent);
  const isDisabled = (name: string) => key(name).hasAttribute('disabled');
  return { user, onDone, keyboard, key, tap, plate, boxes, isDisabled };
}

/** The province picker's keys, in the order the officer sees them. */
function provinceKeys(keyboard: HTMLElement): (string | null)[] {
  const picker = within(keyboard).getByRole('group', { name: '省份简称' });
  return within(picker)
    .getAllByRole('button')
    .map((button) => button.textContent);
}

afterEach(() => {
  setLanguage('zh-CN');
  vi.useRealTimers();
});

describe('PlateKeyboard', () => {
  it('starts with the province picker, the checkpoint province first', () => {
    const { keyboard } = renderKeyboard({ home: '湘' });
    const keys = provinceKeys(keyboard);
    expect(keys[0]).toBe('湘');
    expect(keys).toContain('琼');
    expect(keys.filter((text) => text !== '使')).toHaveLength(31);
    expect(within(keyboard).getByText('请选择省份简称')).toBeTruthy();
    expect(within(keyboard).queryByRole('button', { name: 'K' })).toBeNull();
  });

  it.each([
    ['湘', '湘 鄂 赣 粤 桂 贵 渝', '京 津 沪 冀 豫 云 辽 黑 皖 鲁 新 苏 浙 甘 晋 蒙 陕 吉 闽 青 藏 川 宁 琼'],
    ['粤', '粤 赣 闽 琼 桂 湘', '京 津 沪 渝 冀 豫 云 辽 黑 皖 鲁 新 苏 浙 鄂 甘 晋 蒙 陕 吉 贵 青 藏 川 宁'],
  ])(
    'at a checkpoint in %s: its own key, its neighbours (%s), then the rest in the standard order',
    (home, near, rest) => {
      const { keyboard } = renderKeyboard({ home });
      expect(provinceKeys(keyboard).join(' ')).toBe(`${near} ${rest} 使`);
    },
  );

  it('keeps the province keys where they were through a shift: the plates typed never reorder them', async () => {
    const { keyboard, tap, user } = renderKeyboard({ home: '粤' });
    const before = provinceKeys(keyboard);
    for (const plate of ['川A12345', '新A12345']) {
      await tap(plate.charAt(0));
      await user.keyboard(plate.slice(1));
      await user.keyboard('{Backspace>8/}');
      expect(provinceKeys(keyboard)).toEqual(before);
    }
  });

  it('shows the standard order when the checkpoint’s province is not known (a tablet not enrolled)', () => {
    const { keyboard } = renderKeyboard();
    expect(provinceKeys(keyboard).slice(0, 10).join(' ')).toBe('京 津 沪 渝 冀 豫 云 辽 黑 湘');
  });

  it('types 湘K12345 by tapping, shows it box by box and calls it valid', async () => {
    const { tap, plate, boxes, keyboard, isDisabled } = renderKeyboard();
    await tap('湘', 'K', '1', '2', '3', '4');
    expect(within(keyboard).getByText('还需输入 1 位')).toBeTruthy();
    expect(isDisabled('完成')).toBe(true);
    await tap('5');
    expect(plate()).toBe('车牌：湘K12345');
    expect(boxes().slice(0, 7)).toEqual(['湘', 'K', '1', '2', '3', '4', '5']);
    expect(within(keyboard).getByText('车牌有效：普通')).toBeTruthy();
    expect(isDisabled('完成')).toBe(false);
  });

  it('disables digits as the office letter, and I and O in the serial', async () => {
    const { tap, isDisabled } = renderKeyboard();
    await tap('湘');
    expect(isDisabled('1')).toBe(true);
    expect(isDisabled('I')).toBe(true);
    expect(isDisabled('K')).toBe(false);
    await tap('K', '1');
    expect(isDisabled('I')).toBe(true);
    expect(isDisabled('O')).toBe(true);
    expect(isDisabled('P')).toBe(false);
    expect(isDisabled('2')).toBe(false);
  });

  it('takes a small new-energy plate of 8 characters (湘AD12345)', async () => {
    const { tap, plate, boxes, keyboard } = renderKeyboard();
    await tap('湘', 'A', 'D', '1', '2', '3', '4');
    expect(boxes()).toHaveLength(8);
    await tap('5');
    expect(plate()).toBe('车牌：湘AD12345');
    expect(boxes()).toEqual(['湘', 'A', 'D', '1', '2', '3', '4', '5']);
    expect(within(keyboard).getByText('车牌有效：新能源')).toBeTruthy();
  });

  it('takes a large new-energy plate (湘A12345D), and no other letter after five digits', async () => {
    const { tap, plate, keyboard, isDisabled } = renderKeyboard();
    await tap('湘', 'A', '1', '2', '3', '4', '5');
    expect(within(keyboard).getByText('车牌有效：普通')).toBeTruthy();
    expect(isDisabled('D')).toBe(false);
    expect(isDisabled('Z')).toBe(true);
    await tap('D');
    expect(plate()).toBe('车牌：湘A12345D');
    expect(within(keyboard).getByText('车牌有效：新能源')).toBeTruthy();
  });

  it('offers suffixes only where they apply: 挂 after four serial characters, 港 only on 粤Z', async () => {
    const { tap, plate, keyboard, key, isDisabled } = renderKeyboard();
    // Where the digit 1 sits in the grid: it must not move while the plate is typed.
    const slotOfOne = () => Array.from(key('1').parentElement?.children ?? []).indexOf(key('1'));
    await tap('湘', 'A');
    const slotBefore = slotOfOne();
    await tap('1', '2', '3');
    // The suffix keys stay in place (the digits never move under a finger), greyed out until they apply.
    expect(isDisabled('挂（挂车）')).toBe(true);
    await tap('4');
    expect(slotOfOne()).toBe(slotBefore);
    expect(isDisabled('挂（挂车）')).toBe(false);
    expect(isDisabled('港（香港）')).toBe(true);
    expect(key('挂（挂车）').textContent).toBe('挂');
    await tap('挂（挂车）');
    expect(plate()).toBe('车牌：湘A1234挂');
    expect(within(keyboard).getByText('车牌有效：挂车')).toBeTruthy();
  });

  it('types an emergency plate with the two-character 应急 key', async () => {
    const { tap, plate, keyboard } = renderKeyboard();
    await tap('湘', 'A', '1', '2', '3', '4', '5', '应急（应急救援）');
    expect(plate()).toBe('车牌：湘A12345应急');
    expect(within(keyboard).getByText('车牌有效：应急救援')).toBeTruthy();
  });

  it('deletes the last character with backspace, back to the province picker', async () => {
    const { tap, plate, keyboard } = renderKeyboard({ initial: '湘K1' });
    await tap(BACKSPACE);
    expect(plate()).toBe('车牌：湘K');
    await tap(BACKSPACE, BACKSPACE);
    expect(plate()).toBe('车牌：（未输入）');
    expect(within(keyboard).getByRole('group', { name: '省份简称' })).toBeTruthy();
  });

  it('clears the whole plate on a long press of backspace', () => {
    vi.useFakeTimers();
    const { key, plate } = renderKeyboard({ initial: '湘K12345' });
    const backspace = key(BACKSPACE);
    fireEvent.pointerDown(backspace);
    act(() => {
      vi.advanceTimersByTime(LONG_PRESS_CLEAR_MS + 50);
    });
    fireEvent.pointerUp(backspace);
    fireEvent.click(backspace);
    expect(plate()).toBe('车牌：（未输入）');
  });

  it('enables done only for a valid plate, and reports it', async () => {
    const { tap, onDone, user, key } = renderKeyboard({ initial: '湘K1234' });
    await user.click(key('完成'));
    expect(onDone).not.toHaveBeenCalled();
    await tap('5', '完成');
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('names the error of a plate that came in impossible (e.g. from a draft)', () => {
    const { keyboard } = renderKeyboard({ initial: '湘KI' });
    expect(within(keyboard).getByText('序号中不使用字母 I 和 O')).toBeTruthy();
  });

  it('works from a hardware keyboard: letters, digits, Backspace and Enter', async () => {
    const { user, keyboard, tap, plate, onDone } = renderKeyboard();
    await tap('湘');
    await user.keyboard('k12i3456');
    expect(plate()).toBe('车牌：湘K12345');
    await user.keyboard('{Backspace}');
    expect(plate()).toBe('车牌：湘K1234');
    await user.keyboard('{Enter}');
    expect(onDone).not.toHaveBeenCalled();
    await user.keyboard('5{Enter}');
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(keyboard);
  });

  it('speaks English after the language changes', async () => {
    const { keyboard, user } = renderKeyboard();
    act(() => {
      setLanguage('en');
    });
    const english = screen.getByRole('group', { name: 'Plate keyboard' });
    expect(english).toBe(keyboard);
    expect(within(keyboard).getByText('Choose the province character')).toBeTruthy();
    await user.click(within(keyboard).getByRole('button', { name: '湘' }));
    expect(within(keyboard).getByText('6 more characters to enter')).toBeTruthy();
    await user.keyboard('A12345');
    expect(within(keyboard).getByText('Valid plate: standard')).toBeTruthy();
    expect(within(keyboard).getByRole('button', { name: 'Done' })).toBeTruthy();
    expect(within(keyboard).getByRole('button', { name: 'Backspace (hold to clear)' })).toBeTruthy();
  });

  it('names an impossible plate in English too', () => {
    setLanguage('en');
    const { keyboard } = renderKeyboardEnglish('湘KI');
    expect(within(keyboard).getByText('Letters I and O are not used in the serial')).toBeTruthy();
  });
});

function renderKeyboardEnglish(initial: string) {
  render(<Harness initial={initial} onDone={vi.fn()} />);
  return { keyboard: screen.getByRole('group', { name: 'Plate keyboard' }) };
}
