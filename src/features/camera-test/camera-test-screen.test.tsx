// The camera test as an officer uses it before a shift: what was read, how, and how fast.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeScanner } from '../../platform/scanner/fake-scanner.ts';
import { CameraTestScreen } from './camera-test-screen.tsx';

const fake = vi.hoisted(() => ({ current: null as FakeScanner | null }));

vi.mock('../../platform/scanner/html5-qrcode-scanner.ts', async () => {
  const { createFakeScanner: create } = await import('../../platform/scanner/fake-scanner.ts');
  return {
    loadHtml5QrcodeScanner: () => {
      fake.current = create();
      return Promise.resolve(fake.current);
    },
  };
});

async function runningScanner() {
  await screen.findByText('将二维码完整放入框内');
  const scanner = fake.current;
  if (!scanner?.running) throw new Error('the camera did not start');
  return scanner;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('CameraTestScreen', () => {
  it('shows the decoded text, the method and the milliseconds from camera start to decode', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    render(<CameraTestScreen />);
    expect(screen.getByText('还没有读取。')).toBeTruthy();
    const scanner = await runningScanner();

    now.mockReturnValue(1_234.4);
    act(() => {
      scanner.emit('KAKOU-TEST-0001');
    });

    expect(screen.getByTestId('camera-test-result').textContent).toBe('KAKOU-TEST-0001');
    expect(screen.getByTestId('camera-test-method').textContent).toBe('摄像头');
    expect(screen.getByTestId('camera-test-ms').textContent).toBe('234');
  });

  it('shows at most 80 characters of a long payload', async () => {
    render(<CameraTestScreen />);
    const scanner = await runningScanner();
    act(() => {
      scanner.emit('码'.repeat(200));
    });
    const shown = screen.getByTestId('camera-test-result').textContent;
    expect(Array.from(shown).length).toBe(80);
    expect(shown.startsWith('码'.repeat(79))).toBe(true);
  });

  it('times only camera reads, and keeps earlier reads for comparison', async () => {
    const user = userEvent.setup();
    render(<CameraTestScreen />);
    const scanner = await runningScanner();
    act(() => {
      scanner.emit('FIRST');
    });

    await user.click(screen.getByRole('button', { name: '手动输入' }));
    await user.type(screen.getByLabelText('二维码内容'), 'TYPED');
    await user.click(screen.getByRole('button', { name: '确定' }));

    expect(screen.getByTestId('camera-test-result').textContent).toBe('TYPED');
    expect(screen.getByTestId('camera-test-method').textContent).toBe('手动输入');
    expect(screen.getByTestId('camera-test-ms').textContent).toBe('—');
    expect(screen.getByRole('listitem').textContent).toContain('FIRST');
  });
});
