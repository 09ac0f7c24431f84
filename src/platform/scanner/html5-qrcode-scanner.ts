// html5-qrcode behind the QrScanner interface: lazily loaded, one camera at a time, every trap of 2.3.8 contained here.
import type * as Html5QrcodeLibrary from 'html5-qrcode';
import type { Html5Qrcode, Html5QrcodeFullConfig, Html5QrcodeCameraScanConfig } from 'html5-qrcode';
import { CameraError, DECODERS, NoCodeFoundError } from './qr-scanner.ts';
import type {
  CodeRead,
  DecoderName,
  FileRead,
  QrScanner,
  QrScannerFactory,
  QrScannerStartOptions,
  SuggestedCodeColor,
} from './qr-scanner.ts';
import type * as ZxingDecoderModule from './zxing-decoder.ts';
import type { FramePump } from './zxing-decoder.ts';

type Html5QrcodeModule = typeof Html5QrcodeLibrary;
type ZxingModule = typeof ZxingDecoderModule;
type TorchCapability = ReturnType<ReturnType<Html5Qrcode['getRunningTrackCameraCapabilities']>['torchFeature']>;

/** Frames handed to the decoder per second: smooth enough to feel instant, light enough for a 2-core tablet. */
const SCAN_FPS = 15;
/** The scan box is this share of the viewfinder's smaller side, so a code held roughly in front is wholly inside. */
const QRBOX_SHARE_OF_SMALLER_SIDE = 0.8;
/** html5-qrcode throws below this box size. */
const QRBOX_MIN_PX = 50;
/**
 * Chromium on Linux (where the browser tests run) has no BarcodeDetector, so the native path could not be measured
 * here; html5-qrcode would alternate frames between it and zxing. Off until a tablet measurement says it helps.
 */
const USE_NATIVE_BARCODE_DETECTOR = false;

/**
 * How long the colour of a code html5-qrcode read may take to follow the read (zxing locating the code in the same
 * frame; on the first scan of the page zxing may still be compiling). The read itself is shown at once; a
 * suggestion later than this would come after the officer has looked, so none is offered.
 */
const COLOUR_LOOKUP_TIMEOUT_MS = 3_000;

export const CAMERA_STARTED_MARK = 'kakou:camera-started';
export const CODE_DECODED_MARK = 'kakou:code-decoded';

/**
 * Every camera start and stop in the page runs through this one queue: a mount–unmount–mount (React StrictMode,
 * quick navigation) otherwise opens a second stream before the first has closed.
 */
let cameraQueue: Promise<unknown> = Promise.resolve();

function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = cameraQueue.then(task, task);
  cameraQueue = run.catch(() => undefined);
  return run;
}

interface RunningCamera {
  readonly owner: object;
  readonly html5: Html5Qrcode;
  readonly torch: TorchCapability | null;
  /** zxing's frame grabber on the same video, when zxing runs. */
  readonly pump: FramePump | null;
}

/** The camera that is open (one per page); only the queue reads or writes it. */
let running: RunningCamera | null = null;

function isActive(lib: Html5QrcodeModule, html5: Html5Qrcode): boolean {
  try {
    const state = html5.getState();
    return state === lib.Html5QrcodeScannerState.SCANNING || state === lib.Html5QrcodeScannerState.PAUSED;
  } catch {
    return false;
  }
}

/** Stops and clears, whatever html5-qrcode throws (synchronously or not) along the way. Queue only. */
async function release(lib: Html5QrcodeModule, html5: Html5Qrcode): Promise<void> {
  // getState(), not isScanning: the flag lags behind the state machine and would skip a stop that is needed.
  if (isActive(lib, html5)) {
    try {
      await html5.stop();
    } catch {
      // stop() throws synchronously when not running and rejects when its DOM cleanup fails; the tracks are
      // stopped before that cleanup, so there is nothing left to release.
    }
  }
  try {
    html5.clear();
  } catch {
    // clear() refuses while it believes a scan is ongoing; the element is React's to remove anyway.
  }
}

/** Stops zxing's frames first (they read the video html5-qrcode is about to remove), then the camera. Queue only. */
async function releaseRunning(lib: Html5QrcodeModule, camera: RunningCamera): Promise<void> {
  camera.pump?.stop();
  await release(lib, camera.html5);
}

/**
 * zxing needs a module worker, createImageBitmap and OffscreenCanvas (in the worker; Safari has it from 16.4, after
 * the other two); without them (jsdom, older engines) html5-qrcode reads alone.
 */
function zxingUsable(zxing: ZxingModule | null): zxing is ZxingModule {
  return (
    zxing !== null &&
    typeof Worker === 'function' &&
    typeof createImageBitmap === 'function' &&
    typeof OffscreenCanvas === 'function'
  );
}

/**
 * The colour of a code html5-qrcode read: zxing locates it in the frame on screen now (grabbed before the camera is
 * released); null when it cannot say in time. Never rejects.
 */
function colourOfFrame(
  zxing: ZxingModule,
  video: HTMLVideoElement | null,
  text: string,
): Promise<SuggestedCodeColor | null> {
  if (!video || video.readyState < 2) return Promise.resolve(null);
  const frame = createImageBitmap(video);
  const lookup = (async () => {
    const answer = await zxing.decodeWithZxing(await frame);
    // The same code found: its own pixels. Otherwise the middle of the frame, where the officer holds the code.
    return answer.read?.text === text ? answer.read.suggestedColor : answer.centralColor;
  })().catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null);
    }, COLOUR_LOOKUP_TIMEOUT_MS);
  });
  return Promise.race([lookup, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/** html5-qrcode shows a "Scanner paused" overlay when paused; zxing-only scanning keeps html5-qrcode paused. */
function hidePausedOverlay(elementId: string): void {
  const host = document.getElementById(elementId);
  host?.querySelectorAll<HTMLElement>(':scope > div').forEach((child) => {
    if (child.style.zIndex === '1' && child.style.position === 'absolute') child.style.display = 'none';
  });
}

function errorText(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error || error instanceof DOMException) return `${error.name}: ${error.message}`;
  return String(error);
}

/** html5-qrcode reports getUserMedia failures as strings with the DOMException's name inside; map them to kinds. */
export function cameraErrorFrom(error: unknown, secureContext: boolean): CameraError {
  if (error instanceof CameraError) return error;
  const text = errorText(error);
  const make = (kind: CameraError['kind']): CameraError => new CameraError(kind, text, { cause: error });
  // Browsers hide mediaDevices entirely outside https/localhost, which shows up as "not supported".
  if (!secureContext) return make('insecure-context');
  if (/NotAllowedError|PermissionDenied|Permission denied|SecurityError/iu.test(text)) return make('permission-denied');
  if (
    /NotFoundError|DevicesNotFound|OverconstrainedError|ConstraintNotSatisfied|Requested device not found/iu.test(text)
  ) {
    return make('no-camera');
  }
  if (/NotReadableError|TrackStartError|AbortError|Could not start video source|in use/iu.test(text))
    return make('in-use');
  if (/not supported/iu.test(text)) return make('no-camera');
  return make('unknown');
}

function isSecureContextNow(): boolean {
  // jsdom and very old engines leave it undefined; only an explicit false means http.
  return (globalThis as { isSecureContext?: boolean }).isSecureContext !== false;
}

function torchOf(html5: Html5Qrcode): TorchCapability | null {
  try {
    const torch = html5.getRunningTrackCameraCapabilities().torchFeature();
    return torch.isSupported() ? torch : null;
  } catch {
    return null;
  }
}

function markPerformance(name: string): void {
  try {
    // One mark of each name, the latest: the browser keeps every mark until it is cleared, two more per person
    // scanned, thousands over a shift.
    performance.clearMarks(name);
    performance.mark(name);
  } catch {
    // Timing marks are for the benchmark only; never let them break scanning.
  }
}

const libraryConfig = (lib: Html5QrcodeModule): Html5QrcodeFullConfig => ({
  verbose: false,
  // Only QR: zxing then tries one reader per frame instead of seventeen.
  formatsToSupport: [lib.Html5QrcodeSupportedFormats.QR_CODE],
  useBarCodeDetectorIfSupported: USE_NATIVE_BARCODE_DETECTOR,
});

const cameraScanConfig: Html5QrcodeCameraScanConfig = {
  fps: SCAN_FPS,
  qrbox: (viewfinderWidth: number, viewfinderHeight: number) => {
    const side = Math.max(
      QRBOX_MIN_PX,
      Math.floor(Math.min(viewfinderWidth, viewfinderHeight) * QRBOX_SHARE_OF_SMALLER_SIDE),
    );
    return { width: side, height: side };
  },
  // A rear camera never sees a mirrored code; the flipped second pass would double the work on every empty frame.
  disableFlip: true,
};

let scanFileHostSeq = 0;
let playAbortFilterInstalled = false;

/**
 * html5-qrcode calls video.play() without handling its promise; stopping before the first frame (leaving quickly)
 * removes the video and the abandoned promise rejects as an unhandled AbortError. It is expected, so keep it quiet.
 */
function ignoreAbandonedVideoPlay(): void {
  if (playAbortFilterInstalled || typeof window === 'undefined') return;
  playAbortFilterInstalled = true;
  window.addEventListener('unhandledrejection', (event) => {
    const reason: unknown = event.reason;
    if (reason instanceof DOMException && reason.name === 'AbortError' && reason.message.includes('play()'))
      event.preventDefault();
  });
}

export function createHtml5QrcodeScanner(lib: Html5QrcodeModule, zxing: ZxingModule | null = null): QrScanner {
  ignoreAbandonedVideoPlay();
  const owner = {};
  // Request order of this scanner's own calls: a start is dropped if a stop was asked for after it.
  let requestSeq = 0;
  let lastStopSeq = 0;

  const startNow = async (
    seq: number,
    elementId: string,
    onDecoded: (read: CodeRead) => void,
    options: QrScannerStartOptions | undefined,
  ): Promise<void> => {
    if (lastStopSeq > seq) return; // stopped before its turn came: opening the camera now would leak it
    if (running) {
      const previous = running;
      running = null;
      await releaseRunning(lib, previous);
    }
    if (!isSecureContextNow()) throw new CameraError('insecure-context');
    if (!document.getElementById(elementId)) throw new CameraError('unknown', 'scanner element is not in the page');

    const decoders: readonly DecoderName[] = options?.decoders ?? DECODERS;
    const zxingRuns = decoders.includes('zxing-wasm') && zxingUsable(zxing);
    const html5Decodes = decoders.includes('html5-qrcode') || !zxingRuns;
    // Download and compile the .wasm while the camera opens: zxing reads, or at least tells the colour of what
    // html5-qrcode reads.
    if (zxingUsable(zxing)) zxing.warmUpZxing();

    const html5 = new lib.Html5Qrcode(elementId, libraryConfig(lib));
    let cameraStartedAt = 0;
    let decodedOnce = false;
    const isCurrent = (): boolean => lastStopSeq <= seq && running?.html5 === html5;
    /** The first decoder to read wins; later reads of the same scan (either decoder) are dropped. */
    const claimRead = (): number | null => {
      // Frames decoded after a stop was asked for belong to a scan the caller has already left.
      if (!isCurrent() || decodedOnce) return null;
      decodedOnce = true;
      markPerformance(CODE_DECODED_MARK);
      return Math.max(0, Math.round(performance.now() - cameraStartedAt));
    };
    const video = (): HTMLVideoElement | null => document.getElementById(elementId)?.querySelector('video') ?? null;

    const onSuccess = (text: string): void => {
      if (!html5Decodes) return;
      const ms = claimRead();
      if (ms === null) return;
      // Read: zxing's own frames would only queue in front of the colour lookup below.
      running?.pump?.stop();
      // The frame is grabbed now, before the caller releases the camera; the read is delivered at once and its colour
      // follows when zxing has located the code in that frame.
      const pendingColor = zxingUsable(zxing) ? colourOfFrame(zxing, video(), text) : null;
      onDecoded({ text, decoder: 'html5-qrcode', suggestedColor: null, msFromCameraStart: ms, pendingColor });
    };
    try {
      await html5.start({ facingMode: options?.facingMode ?? 'environment' }, cameraScanConfig, onSuccess, undefined);
    } catch (error) {
      await release(lib, html5);
      throw cameraErrorFrom(error, isSecureContextNow());
    }
    cameraStartedAt = performance.now();
    if (!html5Decodes) {
      try {
        // Measuring zxing alone: html5-qrcode keeps the camera and the preview but decodes nothing.
        html5.pause(false);
        hidePausedOverlay(elementId);
      } catch {
        // Not yet scanning: its reads are dropped by onSuccess anyway.
      }
    }
    const frameSource = zxingRuns ? video() : null;
    const pump =
      zxingRuns && frameSource
        ? zxing.pumpFrames(frameSource, (answer) => {
            const ms = claimRead();
            if (ms === null) return;
            onDecoded({
              text: answer.read.text,
              decoder: 'zxing-wasm',
              suggestedColor: answer.read.suggestedColor,
              msFromCameraStart: ms,
              pendingColor: null,
            });
          })
        : null;
    running = { owner, html5, torch: torchOf(html5), pump };
    markPerformance(CAMERA_STARTED_MARK);
  };

  const stopNow = async (): Promise<void> => {
    // Another scanner's camera is not ours to stop (its own stop is queued).
    if (running?.owner !== owner) return;
    const current = running;
    running = null;
    await releaseRunning(lib, current);
  };

  return {
    start(elementId, onDecoded, options) {
      requestSeq += 1;
      const seq = requestSeq;
      return enqueue(() => startNow(seq, elementId, onDecoded, options));
    },
    stop() {
      requestSeq += 1;
      lastStopSeq = requestSeq;
      return enqueue(stopNow).catch(() => undefined);
    },
    torchSupported() {
      return running?.owner === owner && running.torch !== null;
    },
    setTorch(on) {
      return enqueue(async () => {
        if (running?.owner !== owner || !running.torch) return;
        await running.torch.apply(on);
      });
    },
    async scanFile(file) {
      // A hidden host of its own: html5-qrcode draws into its element, and the camera's element may be gone or busy.
      scanFileHostSeq += 1;
      const host = document.createElement('div');
      host.id = `kakou-scan-file-${scanFileHostSeq}`;
      host.hidden = true;
      document.body.append(host);
      const html5 = new lib.Html5Qrcode(host.id, libraryConfig(lib));
      try {
        const text = await html5.scanFile(file, false);
        const suggestedColor = zxingUsable(zxing) ? await colourOfFile(zxing, file, text) : null;
        return { text, decoder: 'html5-qrcode', suggestedColor } satisfies FileRead;
      } catch (error) {
        // What html5-qrcode cannot read in a photo (a pale yellow code, a small one), zxing often can.
        const read = zxingUsable(zxing) ? await readFileWithZxing(zxing, file) : null;
        if (read) return read;
        throw new NoCodeFoundError({ cause: error });
      } finally {
        try {
          html5.clear();
        } catch {
          // Nothing to release: file scans hold no camera.
        }
        host.remove();
      }
    },
  };
}

async function readFileWithZxing(zxing: ZxingModule, file: File): Promise<FileRead | null> {
  try {
    const answer = await zxing.decodeWithZxing(await createImageBitmap(file));
    return answer.read
      ? { text: answer.read.text, decoder: 'zxing-wasm', suggestedColor: answer.read.suggestedColor }
      : null;
  } catch {
    return null; // not an image the browser can open, or the worker failed: "no code" is the honest answer
  }
}

async function colourOfFile(zxing: ZxingModule, file: File, text: string): Promise<SuggestedCodeColor | null> {
  try {
    const answer = await zxing.decodeWithZxing(await createImageBitmap(file));
    return answer.read?.text === text ? answer.read.suggestedColor : null;
  } catch {
    return null;
  }
}

/** Loads html5-qrcode (~100 KB gzipped) and the zxing-wasm worker's front (small; the worker and .wasm load on start) only when a scanner is first needed. */
export const loadHtml5QrcodeScanner: QrScannerFactory = async () => {
  const [lib, zxing] = await Promise.all([import('html5-qrcode'), import('./zxing-decoder.ts')]);
  return createHtml5QrcodeScanner(lib, zxing);
};
