// The camera test as an officer uses it before a shift: what was read, how, and how fast.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FakeScanner } from '../../platform/scanner/fake-scanner.ts';
import { CameraTestScreen, decodersFromSearch } from './camera-test-screen.tsx';

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
  window.history.replaceState(null, '', '/');
});

describe('CameraTestScreen', () => {
  it('shows the decoded text, the decoder, the suggested colour and the milliseconds from camera start', async () => {
    render(<CameraTestScreen />);
    expect(screen.getByText('还没有读取。')).toBeTruthy();
    const scanner = await runningScanner();
    // Both decoders run unless the address restricts them.
    expect(scanner.lastStartOptions?.decoders).toBeUndefined();

    act(() => {
      scanner.emit('KAKOU-TEST-0001', { decoder: 'zxing-wasm', suggestedColor: 'yellow', msFromCameraStart: 234 });
    });

    expect(screen.getByTestId('camera-test-result').textContent).toBe('KAKOU-TEST-0001');
    expect(screen.getByTestId('camera-test-method').textContent).toBe('摄像头');
    expect(screen.getByTestId('camera-test-decoder').textContent).toBe('zxing-wasm');
    expect(screen.getByTestId('camera-test-color').textContent).toBe('黄码');
    expect(screen.getByTestId('camera-test-ms').textContent).toBe('234');
    // What the measurements read.
    const read = screen.getByTestId('camera-read');
    expect(read.dataset).toMatchObject({ decoder: 'zxing-wasm', color: 'yellow', ms: '234', text: 'KAKOU-TEST-0001' });
  });

  it('marks a read without a colour suggestion as none, and keeps every camera read for the measurements', async () => {
    render(<CameraTestScreen />);
    const first = await runningScanner();
    act(() => {
      first.emit('BLACK-CODE', { decoder: 'html5-qrcode', suggestedColor: null, msFromCameraStart: 90 });
    });
    expect(screen.getByTestId('camera-test-color').textContent).toBe('无法判断');
    await userEvent.setup().click(screen.getByRole('button', { name: '再扫一次' }));
    const second = await runningScanner();
    act(() => {
      second.emit('GREEN-CODE', { decoder: 'zxing-wasm', suggestedColor: 'green', msFromCameraStart: 140 });
    });
    const reads = screen
      .getAllByTestId('camera-read')
      .map((element) => Object.fromEntries(Object.entries(element.dataset)));
    expect(reads).toEqual([
      { testid: 'camera-read', decoder: 'zxing-wasm', color: 'green', ms: '140', colorMs: '140', text: 'GREEN-CODE' },
      { testid: 'camera-read', decoder: 'html5-qrcode', color: 'none', ms: '90', colorMs: '90', text: 'BLACK-CODE' },
    ]);
    expect(screen.getByRole('listitem').textContent).toBe('html5-qrcode · 无法判断 · 90 毫秒 · BLACK-CODE');
  });

  it('shows a read at once and its colour when the suggestion follows, with the milliseconds it took', async () => {
    render(<CameraTestScreen />);
    const scanner = await runningScanner();
    let tellColour: (color: 'red' | null) => void = () => undefined;
    const pendingColor = new Promise<'red' | null>((resolve) => {
      tellColour = resolve;
    });
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    act(() => {
      scanner.emit('RED-CODE', { decoder: 'html5-qrcode', suggestedColor: null, msFromCameraStart: 120, pendingColor });
    });
    expect(screen.getByTestId('camera-test-result').textContent).toBe('RED-CODE');
    expect(screen.getByTestId('camera-test-color').textContent).toBe('判断中…');
    expect(screen.getByTestId('camera-read').dataset).toMatchObject({ color: 'pending', ms: '120' });
    expect(screen.getByTestId('camera-read').dataset['colorMs']).toBeUndefined();

    now.mockReturnValue(1_085);
    await act(async () => {
      tellColour('red');
      await pendingColor;
    });
    expect(screen.getByTestId('camera-test-color').textContent).toBe('红码');
    expect(screen.getByTestId('camera-read').dataset).toMatchObject({ color: 'red', ms: '120', colorMs: '205' });
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

  it('runs only the decoder named in the address, and says so', async () => {
    window.history.replaceState(null, '', '/camera-test?decoders=zxing-wasm');
    render(<CameraTestScreen />);
    const scanner = await runningScanner();
    expect(scanner.lastStartOptions?.decoders).toEqual(['zxing-wasm']);
    expect(screen.getByText('仅使用解码器：zxing-wasm（测量用）')).toBeTruthy();
  });

  it('explains an unknown decoder in the address and runs both', async () => {
    window.history.replaceState(null, '', '/camera-test?decoders=quagga');
    render(<CameraTestScreen />);
    const scanner = await runningScanner();
    expect(scanner.lastStartOptions?.decoders).toBeUndefined();
    expect(screen.getByRole('alert').textContent).toContain('decoders=quagga');
  });
});

describe('decodersFromSearch', () => {
  it('reads one decoder, both, none, and refuses unknown names', () => {
    expect(decodersFromSearch('?decoders=html5-qrcode')).toEqual({ decoders: ['html5-qrcode'], invalid: null });
    expect(decodersFromSearch('decoders=zxing-wasm,html5-qrcode')).toEqual({
      decoders: ['zxing-wasm', 'html5-qrcode'],
      invalid: null,
    });
    expect(decodersFromSearch('')).toEqual({ decoders: undefined, invalid: null });
    expect(decodersFromSearch('?decoders=zxing,html5-qrcode')).toEqual({
      decoders: undefined,
      invalid: 'zxing,html5-qrcode',
    });
  });
});
