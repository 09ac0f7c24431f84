// The number pad as an officer uses it: taps, hardware keys, decimal and length limits, backspace.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../platform/i18n.ts';
import { LONG_PRESS_CLEAR_MS } from './backspace-key.tsx';
import { NumberPad } from './number-pad.tsx';
import type { NumberPadProps } from './number-pad.tsx';

type PadOptions = Omit<NumberPadProps, 'value' | 'onChange' | 'label'>;

function Harness({ initial = '', options }: { initial?: string; options: PadOptions }) {
  const [value, setValue] = useState(initial);
  return <NumberPad label="体温" value={value} onChange={setValue} {...options} />;
}

function renderPad(options: PadOptions = {}, initial = '') {
  const user = userEvent.setup();
  render(<Harness initial={initial} options={options} />);
  const pad = screen.getByRole('group', { name: '体温' });
  const key = (name: string) => within(pad).getByRole('button', { name });
  const shown = () => within(pad).getByRole('status').textContent;
  return { user, pad, key, shown };
}

afterEach(() => {
  setLanguage('zh-CN');
  vi.useRealTimers();
});

describe('NumberPad', () => {
  it('shows what the officer taps, large, and says when nothing is entered', async () => {
    const { user, key, shown } = renderPad({ allowDecimal: true });
    expect(shown()).toBe('未输入');
    await user.click(key('3'));
    await user.click(key('6'));
    await user.click(key('小数点'));
    await user.click(key('6'));
    expect(shown()).toBe('36.6');
  });

  it('allows only one decimal point', async () => {
    const { user, key, shown } = renderPad({ allowDecimal: true });
    await user.click(key('3'));
    await user.click(key('小数点'));
    expect(key('小数点').hasAttribute('disabled')).toBe(true);
    await user.click(key('5'));
    await user.keyboard('.');
    expect(shown()).toBe('3.5');
  });

  it('turns a leading decimal point into 0.', async () => {
    const { user, key, shown } = renderPad({ allowDecimal: true });
    await user.click(key('小数点'));
    await user.click(key('5'));
    expect(shown()).toBe('0.5');
  });

  it('has no decimal point where decimals are not allowed', async () => {
    const { user, pad, shown } = renderPad();
    expect(within(pad).queryByRole('button', { name: '小数点' })).toBeNull();
    await user.click(within(pad).getByRole('button', { name: '2' }));
    await user.keyboard('.');
    expect(shown()).toBe('2');
  });

  it('stops at maxLength', async () => {
    const { user, key, shown } = renderPad({ maxLength: 2 });
    await user.click(key('1'));
    await user.click(key('2'));
    expect(key('3').hasAttribute('disabled')).toBe(true);
    await user.click(key('3'));
    await user.keyboard('4');
    expect(shown()).toBe('12');
  });

  it('deletes one character per backspace tap, and is disabled when empty', async () => {
    const { user, key, shown } = renderPad({}, '123');
    await user.click(key('退格（长按清空）'));
    expect(shown()).toBe('12');
    await user.click(key('退格（长按清空）'));
    await user.click(key('退格（长按清空）'));
    expect(shown()).toBe('未输入');
    expect(key('退格（长按清空）').hasAttribute('disabled')).toBe(true);
  });

  it('clears everything on a long press of backspace', () => {
    vi.useFakeTimers();
    const { key, shown } = renderPad({}, '110105');
    const backspace = key('退格（长按清空）');
    fireEvent.pointerDown(backspace);
    act(() => {
      vi.advanceTimersByTime(LONG_PRESS_CLEAR_MS + 50);
    });
    fireEvent.pointerUp(backspace);
    fireEvent.click(backspace);
    expect(shown()).toBe('未输入');
  });

  it('does not clear on a short press of backspace', () => {
    vi.useFakeTimers();
    const { key, shown } = renderPad({}, '110105');
    const backspace = key('退格（长按清空）');
    fireEvent.pointerDown(backspace);
    act(() => {
      vi.advanceTimersByTime(LONG_PRESS_CLEAR_MS / 3);
    });
    fireEvent.pointerUp(backspace);
    fireEvent.click(backspace);
    act(() => {
      vi.advanceTimersByTime(LONG_PRESS_CLEAR_MS * 2);
    });
    expect(shown()).toBe('11010');
  });

  it('offers extra keys such as X for ID numbers, from taps and the hardware keyboard', async () => {
    const { user, pad, key, shown } = renderPad({ extraKeys: ['X'], maxLength: 18 }, '11010519491231002');
    await user.click(key('X'));
    expect(shown()).toBe('11010519491231002X');
    await user.keyboard('{Backspace}');
    pad.focus();
    await user.keyboard('x');
    expect(shown()).toBe('11010519491231002X');
  });

  it('takes digits, Backspace and Enter from a hardware keyboard', async () => {
    const onEnter = vi.fn();
    const { user, pad, shown } = renderPad({ allowDecimal: true, onEnter });
    pad.focus();
    await user.keyboard('37.25{Backspace}');
    expect(shown()).toBe('37.2');
    expect(onEnter).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onEnter).toHaveBeenCalledTimes(1);
  });

  it('keeps the pad focused after a tap, so a hardware Enter confirms instead of repeating the key', async () => {
    const onEnter = vi.fn();
    const { user, key, shown } = renderPad({ onEnter });
    await user.click(key('7'));
    await user.keyboard('{Enter}');
    expect(shown()).toBe('7');
    expect(onEnter).toHaveBeenCalledTimes(1);
  });

  it('confirms with the OK key and speaks English after the language changes', async () => {
    const onEnter = vi.fn();
    const { user, pad } = renderPad({ allowDecimal: true, onEnter });
    act(() => {
      setLanguage('en');
    });
    expect(within(pad).getByRole('status').textContent).toBe('Nothing entered');
    expect(within(pad).getByRole('button', { name: 'Decimal point' })).toBeTruthy();
    expect(within(pad).getByRole('button', { name: 'Backspace (hold to clear)' })).toBeTruthy();
    await user.click(within(pad).getByRole('button', { name: 'OK' }));
    expect(onEnter).toHaveBeenCalledTimes(1);
  });
});

describe('NumberPad, masked', () => {
  it('shows a dot per digit, never the digits, and takes the hardware keyboard at once', async () => {
    const { user, key, shown } = renderPad({ masked: true, autoFocus: true, maxLength: 8 });
    await user.keyboard('48');
    await user.click(key('2'));
    expect(shown()).toBe('●●●');
    expect(screen.getByLabelText('已输入 3 位')).toBeTruthy();
    expect(document.body.textContent).not.toContain('482');
  });
});
