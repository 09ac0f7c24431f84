// The scan panel as an officer meets it, with a fake camera: reads, fallbacks, failures, and the camera let go of.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../platform/i18n.ts';
import { createFakeScanner } from '../platform/scanner/fake-scanner.ts';
import type { FakeScanner, FakeScannerOptions } from '../platform/scanner/fake-scanner.ts';
import { CameraError } from '../platform/scanner/qr-scanner.ts';
import type { CameraErrorKind } from '../platform/scanner/qr-scanner.ts';
import { ScannerView } from './scanner-view.tsx';
import type { ScannerViewProps } from './scanner-view.tsx';

function renderView(options: FakeScannerOptions = {}, props: Partial<ScannerViewProps> = {}, strict = false) {
  const fake = createFakeScanner(options);
  const onScanned = vi.fn<ScannerViewProps['onScanned']>();
  const view = <ScannerView scannerFactory={() => Promise.resolve(fake)} onScanned={onScanned} {...props} />;
  const result = render(strict ? <StrictMode>{view}</StrictMode> : view);
  return { fake, onScanned, user: userEvent.setup(), ...result };
}

async function cameraRunning(fake: FakeScanner): Promise<void> {
  await screen.findByText('将二维码完整放入框内');
  expect(fake.running).toBe(true);
}

function setVisibility(state: DocumentVisibilityState): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  act(() => {
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

afterEach(() => {
  setLanguage('zh-CN');
  setVisibility('visible');
});

describe('ScannerView', () => {
  it('opens the camera, reports one camera read per scan, and releases the camera at once', async () => {
    const { fake, onScanned } = renderView();
    await cameraRunning(fake);

    act(() => {
      fake.emit('HC-0001', { decoder: 'zxing-wasm', suggestedColor: 'yellow', msFromCameraStart: 212 });
      fake.emit('HC-0001'); // the next frame decodes the same code again
    });

    expect(onScanned).toHaveBeenCalledTimes(1);
    expect(onScanned).toHaveBeenCalledWith({
      method: 'camera',
      text: 'HC-0001',
      decoder: 'zxing-wasm',
      suggestedColor: 'yellow',
      pendingColor: null,
      msFromCameraStart: 212,
    });
    expect(fake.running).toBe(false);
    expect(await screen.findByRole('button', { name: '再扫一次' })).toBeTruthy();
  });

  it('scans again after a read', async () => {
    const { fake, onScanned, user } = renderView();
    await cameraRunning(fake);
    act(() => {
      fake.emit('first');
    });
    await user.click(await screen.findByRole('button', { name: '再扫一次' }));
    await cameraRunning(fake);
    act(() => {
      fake.emit('second');
    });
    expect(onScanned.mock.calls.map(([result]) => result.text)).toEqual(['first', 'second']);
  });

  it('keeps exactly one camera open under StrictMode double mounting, and none after unmount', async () => {
    const { fake, unmount } = renderView({}, {}, true);
    await cameraRunning(fake);
    expect(fake.startCount).toBe(1); // the mount StrictMode discards never opens the camera
    unmount();
    await waitFor(() => {
      expect(fake.running).toBe(false);
    });
  });

  it('releases the camera when the view is left while the camera runs', async () => {
    const { fake, unmount } = renderView();
    await cameraRunning(fake);
    unmount();
    await waitFor(() => {
      expect(fake.running).toBe(false);
    });
  });

  it('passes a restriction of the decoders on to the scanner, and runs all of them by default', async () => {
    const restricted = renderView({}, { decoders: ['zxing-wasm'] });
    await cameraRunning(restricted.fake);
    expect(restricted.fake.lastStartOptions).toEqual({ facingMode: 'environment', decoders: ['zxing-wasm'] });
    restricted.unmount();

    const all = renderView();
    await cameraRunning(all.fake);
    expect(all.fake.lastStartOptions).toEqual({ facingMode: 'environment' });
  });

  it('waits for the officer when autoStart is off', async () => {
    const { fake, user } = renderView({}, { autoStart: false });
    await act(() => Promise.resolve());
    expect(fake.startCount).toBe(0);
    await user.click(screen.getByRole('button', { name: '打开摄像头扫码' }));
    await cameraRunning(fake);
  });

  it('releases the camera while the page is hidden and reopens it when shown again', async () => {
    const { fake } = renderView();
    await cameraRunning(fake);
    setVisibility('hidden');
    await waitFor(() => {
      expect(fake.running).toBe(false);
    });
    setVisibility('visible');
    await cameraRunning(fake);
    expect(fake.startCount).toBe(2);
  });

  it('takes a manual entry instead, with the camera released, and refuses an empty one', async () => {
    const { fake, onScanned, user } = renderView();
    await cameraRunning(fake);
    await user.click(screen.getByRole('button', { name: '手动输入' }));
    expect(fake.running).toBe(false);

    await user.click(screen.getByRole('button', { name: '确定' }));
    expect(screen.getByText('请先输入内容')).toBeTruthy();
    expect(onScanned).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('二维码内容'), '  HC-0042 ');
    await user.click(screen.getByRole('button', { name: '确定' }));
    // Typed in: nothing decoded it and there are no pixels to suggest a colour from.
    expect(onScanned).toHaveBeenCalledWith({
      method: 'manual',
      text: 'HC-0042',
      decoder: null,
      suggestedColor: null,
      pendingColor: null,
      msFromCameraStart: null,
    });
  });

  it('reads a photo instead, releasing the camera before the picker opens', async () => {
    const { fake, onScanned, user, container } = renderView({ fileText: 'HC-PHOTO', fileColor: 'red' });
    await cameraRunning(fake);
    await user.click(screen.getByRole('button', { name: '拍照识别' }));
    expect(fake.running).toBe(false);

    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.accept).toBe('image/*');
    expect(input.getAttribute('capture')).toBe('environment');
    await user.upload(input, new File(['jpeg'], 'code.jpg', { type: 'image/jpeg' }));
    await waitFor(() => {
      expect(onScanned).toHaveBeenCalledWith({
        method: 'file',
        text: 'HC-PHOTO',
        decoder: 'html5-qrcode',
        suggestedColor: 'red',
        pendingColor: null,
        msFromCameraStart: null,
      });
    });
  });

  it('says so when a photo holds no code', async () => {
    const { onScanned, user, container } = renderView({ fileText: null }, { autoStart: false });
    const input = container.querySelector<HTMLInputElement>('input[type="file"]')!;
    await user.upload(input, new File(['jpeg'], 'blurry.jpg', { type: 'image/jpeg' }));
    expect((await screen.findByRole('alert')).textContent).toContain('照片中没有找到二维码');
    expect(onScanned).not.toHaveBeenCalled();
  });

  it.each<[CameraErrorKind, string, string]>([
    ['permission-denied', '没有摄像头权限', 'No camera permission'],
    ['no-camera', '没有找到可用的摄像头', 'No usable camera'],
    ['in-use', '摄像头正被其他应用占用', 'in use by another app'],
    ['insecure-context', '不是 HTTPS', 'not HTTPS'],
    ['unknown', '摄像头无法启动', 'could not start'],
  ])('explains a %s camera failure in Chinese and English, and offers a retry', async (kind, chinese, english) => {
    const { fake, user } = renderView({ startError: new CameraError(kind) });
    expect((await screen.findByRole('alert')).textContent).toContain(chinese);
    expect(fake.running).toBe(false);

    act(() => {
      setLanguage('en');
    });
    expect(screen.getByRole('alert').textContent).toContain(english);

    await user.click(screen.getByRole('button', { name: 'Retry camera' }));
    expect(await screen.findByText('Hold the whole QR code inside the frame')).toBeTruthy();
    expect(fake.running).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a torch switch only when the camera has a torch', async () => {
    const withTorch = renderView({ torch: true });
    await cameraRunning(withTorch.fake);
    const torch = screen.getByRole('button', { name: '补光灯' });
    expect(torch.getAttribute('aria-pressed')).toBe('false');
    await withTorch.user.click(torch);
    expect(withTorch.fake.torchOn).toBe(true);
    expect(torch.getAttribute('aria-pressed')).toBe('true');
    withTorch.unmount();

    const withoutTorch = renderView({ torch: false });
    await cameraRunning(withoutTorch.fake);
    expect(screen.queryByRole('button', { name: '补光灯' })).toBeNull();
  });
});
