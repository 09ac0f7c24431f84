import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Mock } from 'vitest';
import { cameraErrorFrom, createHtml5QrcodeScanner, loadHtml5QrcodeScanner } from './html5-qrcode-scanner.ts';
import { CameraError } from './qr-scanner.ts';
import type { CodeRead } from './qr-scanner.ts';
import type * as ZxingDecoderModule from './zxing-decoder.ts';
import type { ZxingAnswer } from './zxing-decoder.ts';

// The real html5-qrcode against a fake getUserMedia: jsdom plays no video, but tracks, states and the library's
// own stop/clear paths are real, which is where the camera leaks come from.

interface FakeTrack {
  readyState: 'live' | 'ended';
  stop(): void;
  getCapabilities(): Record<string, unknown>;
  getSettings(): Record<string, unknown>;
  applyConstraints(constraints: MediaTrackConstraints): Promise<void>;
}

let tracks: FakeTrack[] = [];
let appliedConstraints: MediaTrackConstraints[] = [];
let cameraOpenDelayMs = 0;
let nextFailure: DOMException | null = null;
let capabilities: Record<string, unknown> = {};
let getUserMedia: Mock<() => Promise<unknown>>;

function liveTracks(): number {
  return tracks.filter((track) => track.readyState === 'live').length;
}

function fakeGetUserMedia(): Promise<unknown> {
  const failure = nextFailure;
  nextFailure = null;
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      if (failure) {
        reject(failure);
        return;
      }
      const track: FakeTrack = {
        readyState: 'live',
        stop() {
          this.readyState = 'ended';
        },
        getCapabilities: () => capabilities,
        getSettings: () => ({}),
        applyConstraints: (constraints) => {
          appliedConstraints.push(constraints);
          return Promise.resolve();
        },
      };
      tracks.push(track);
      const streamTracks = [track];
      resolve({
        getVideoTracks: () => streamTracks.slice(),
        removeTrack: (removed: FakeTrack) => streamTracks.splice(streamTracks.indexOf(removed), 1),
      });
    }, cameraOpenDelayMs);
  });
}

function addElement(id: string): void {
  const element = document.createElement('div');
  element.id = id;
  document.body.append(element);
}

beforeEach(() => {
  tracks = [];
  appliedConstraints = [];
  cameraOpenDelayMs = 5;
  nextFailure = null;
  capabilities = {};
  getUserMedia = vi.fn(fakeGetUserMedia);
  Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
  // jsdom has no media playback; html5-qrcode only needs play() not to throw.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
  addElement('reader');
});

afterEach(async () => {
  // Leave no camera open for the next test (the queue is shared by the page, as in the app).
  const scanner = await loadHtml5QrcodeScanner();
  await scanner.stop();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('html5-qrcode scanner', () => {
  it('opens exactly one camera track and closes it on stop', async () => {
    const scanner = await loadHtml5QrcodeScanner();
    await scanner.start('reader', () => undefined);
    expect(liveTracks()).toBe(1);
    expect(document.querySelector('#reader video')).not.toBeNull();
    await scanner.stop();
    expect(liveTracks()).toBe(0);
  });

  it('survives a StrictMode-style start, stop, start without awaiting: one live track, then none', async () => {
    const scanner = await loadHtml5QrcodeScanner();
    const first = scanner.start('reader', () => undefined);
    const stopped = scanner.stop();
    const second = scanner.start('reader', () => undefined);
    await Promise.all([first, stopped, second]);
    expect(liveTracks()).toBe(1);
    await scanner.stop();
    expect(liveTracks()).toBe(0);
  });

  it('leaves no camera when stop is asked for while the camera is still opening', async () => {
    cameraOpenDelayMs = 30;
    const scanner = await loadHtml5QrcodeScanner();
    const started = scanner.start('reader', () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 10)); // getUserMedia is pending now
    await scanner.stop();
    await started;
    expect(tracks.length).toBe(1);
    expect(liveTracks()).toBe(0);
  });

  it('keeps one camera across two scanner instances mounting over each other (unmount then remount)', async () => {
    const leaving = await loadHtml5QrcodeScanner();
    const arriving = await loadHtml5QrcodeScanner();
    const a = leaving.start('reader', () => undefined);
    const b = arriving.start('reader', () => undefined);
    const aStop = leaving.stop(); // the old view's cleanup arrives after the new view's start
    await Promise.all([a, b, aStop]);
    expect(liveTracks()).toBe(1);
    await arriving.stop();
    expect(liveTracks()).toBe(0);
  });

  it('tolerates stop on a scanner that never started, and repeated stops', async () => {
    const scanner = await loadHtml5QrcodeScanner();
    await expect(scanner.stop()).resolves.toBeUndefined();
    await scanner.start('reader', () => undefined);
    await Promise.all([scanner.stop(), scanner.stop()]);
    expect(liveTracks()).toBe(0);
  });

  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['NotFoundError', 'no-camera'],
    ['NotReadableError', 'in-use'],
  ] as const)('reports a %s from getUserMedia as %s, with no camera left open', async (name, kind) => {
    nextFailure = new DOMException('camera failed', name);
    const scanner = await loadHtml5QrcodeScanner();
    const error: unknown = await scanner.start('reader', () => undefined).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CameraError);
    expect((error as CameraError).kind).toBe(kind);
    expect(liveTracks()).toBe(0);
    // The scanner is usable again after a failure.
    await scanner.start('reader', () => undefined);
    expect(liveTracks()).toBe(1);
  });

  it('refuses to start on plain http (insecure context) without asking for the camera', async () => {
    vi.stubGlobal('isSecureContext', false);
    try {
      const scanner = await loadHtml5QrcodeScanner();
      await expect(scanner.start('reader', () => undefined)).rejects.toMatchObject({ kind: 'insecure-context' });
      expect(getUserMedia).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('offers the torch only when the running track has one, and switches it through the track', async () => {
    const scanner = await loadHtml5QrcodeScanner();
    await scanner.start('reader', () => undefined);
    expect(scanner.torchSupported()).toBe(false);
    await scanner.stop();

    capabilities = { torch: true };
    await scanner.start('reader', () => undefined);
    expect(scanner.torchSupported()).toBe(true);
    await scanner.setTorch(true);
    expect(appliedConstraints).toContainEqual({ advanced: [{ torch: true }] });
    await scanner.stop();
    expect(scanner.torchSupported()).toBe(false);
  });
});

/** zxing's page side, faked: the test decides when its worker reads a frame; the real html5-qrcode runs the camera. */
function fakeZxing() {
  const pumps: {
    video: HTMLVideoElement;
    onRead: (answer: ZxingAnswer & { read: NonNullable<ZxingAnswer['read']> }) => void;
    stopped: boolean;
  }[] = [];
  const module: typeof ZxingDecoderModule = {
    FRAME_INTERVAL_MS: 120,
    warmUpZxing: vi.fn(),
    decodeWithZxing: vi.fn(() => Promise.reject(new Error('no frames in jsdom'))),
    pumpFrames: (video, onRead) => {
      const pump = { video, onRead, stopped: false };
      pumps.push(pump);
      return {
        stop() {
          pump.stopped = true;
        },
      };
    },
  };
  const readByZxing = (text: string): void => {
    const pump = pumps.at(-1);
    if (!pump) throw new Error('zxing was never fed');
    pump.onRead({
      id: 1,
      ok: true,
      read: { text, pass: 'darkest-channel', suggestedColor: 'yellow' },
      centralColor: 'yellow',
      ms: 9,
    });
  };
  return { module, pumps, readByZxing };
}

describe('html5-qrcode scanner with zxing-wasm beside it', () => {
  beforeEach(() => {
    // jsdom has none of them; the fake zxing never uses them, but the scanner runs zxing only where they exist.
    vi.stubGlobal('Worker', function Worker() {
      throw new Error('the fake zxing starts no worker');
    });
    vi.stubGlobal('createImageBitmap', () => Promise.reject(new Error('no frames in jsdom')));
    vi.stubGlobal('OffscreenCanvas', function OffscreenCanvas() {
      throw new Error('the fake zxing draws on no canvas');
    });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('feeds zxing the video html5-qrcode renders, reports its read as zxing-wasm with the colour, once', async () => {
    const zxing = fakeZxing();
    const scanner = createHtml5QrcodeScanner(await import('html5-qrcode'), zxing.module);
    const reads: CodeRead[] = [];
    await scanner.start('reader', (read) => reads.push(read));
    expect(zxing.module.warmUpZxing).toHaveBeenCalled();
    expect(zxing.pumps).toHaveLength(1);
    expect(zxing.pumps[0]?.video).toBe(document.querySelector('#reader video'));

    zxing.readByZxing('HC-YELLOW');
    zxing.readByZxing('HC-YELLOW'); // a later frame of the same scan
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      text: 'HC-YELLOW',
      decoder: 'zxing-wasm',
      suggestedColor: 'yellow',
      pendingColor: null,
    });
    expect(reads[0]?.msFromCameraStart).toBeGreaterThanOrEqual(0);

    await scanner.stop();
    expect(zxing.pumps[0]?.stopped).toBe(true);
    expect(liveTracks()).toBe(0);
  });

  it('leaves zxing out where the engine has no OffscreenCanvas for its worker (Safari before 16.4)', async () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const zxing = fakeZxing();
    const scanner = createHtml5QrcodeScanner(await import('html5-qrcode'), zxing.module);
    await scanner.start('reader', () => undefined);
    expect(zxing.pumps).toHaveLength(0);
    await scanner.stop();
    expect(liveTracks()).toBe(0);
  });

  it('stops feeding zxing on every stop, also when a stop overtakes a start', async () => {
    const zxing = fakeZxing();
    const scanner = createHtml5QrcodeScanner(await import('html5-qrcode'), zxing.module);
    const first = scanner.start('reader', () => undefined);
    const stopped = scanner.stop();
    const second = scanner.start('reader', () => undefined);
    await Promise.all([first, stopped, second]);
    expect(zxing.pumps.filter((pump) => !pump.stopped)).toHaveLength(1);
    await scanner.stop();
    expect(zxing.pumps.every((pump) => pump.stopped)).toBe(true);
    expect(liveTracks()).toBe(0);
  });

  it('drops a zxing read that arrives after the stop', async () => {
    const zxing = fakeZxing();
    const scanner = createHtml5QrcodeScanner(await import('html5-qrcode'), zxing.module);
    const reads: CodeRead[] = [];
    await scanner.start('reader', (read) => reads.push(read));
    await scanner.stop();
    zxing.readByZxing('LATE');
    expect(reads).toEqual([]);
  });

  it('feeds zxing no frames when the decoders are restricted to html5-qrcode (it only stands by for the colour)', async () => {
    const zxing = fakeZxing();
    const scanner = createHtml5QrcodeScanner(await import('html5-qrcode'), zxing.module);
    await scanner.start('reader', () => undefined, { decoders: ['html5-qrcode'] });
    expect(zxing.pumps).toEqual([]);
    expect(liveTracks()).toBe(1);
    await scanner.stop();
  });
});

describe('cameraErrorFrom', () => {
  it('reads the DOMException name out of html5-qrcode error strings', () => {
    expect(cameraErrorFrom('Error getting userMedia, error = NotAllowedError: Permission denied', true).kind).toBe(
      'permission-denied',
    );
    expect(cameraErrorFrom('Error getting userMedia, error = OverconstrainedError: ', true).kind).toBe('no-camera');
    expect(
      cameraErrorFrom('Error getting userMedia, error = NotReadableError: Could not start video source', true).kind,
    ).toBe('in-use');
    expect(cameraErrorFrom('Camera streaming not supported by the browser.', false).kind).toBe('insecure-context');
    expect(cameraErrorFrom(new Error('something odd'), true).kind).toBe('unknown');
  });
});
