// A QrScanner without a camera, for component tests in jsdom: the test decides what is decoded and what fails.
import { NoCodeFoundError } from './qr-scanner.ts';
import type { CameraError, CodeRead, FileRead, QrScanner, QrScannerStartOptions } from './qr-scanner.ts';

export interface FakeScannerOptions {
  /** The next start() rejects with this (once). */
  startError?: CameraError;
  /** Whether the fake camera has a torch. */
  torch?: boolean;
  /** What scanFile() decodes; null means "no code in the photo". */
  fileText?: string | null;
  /** The colour scanFile() suggests with fileText. */
  fileColor?: FileRead['suggestedColor'];
}

export interface FakeScanner extends QrScanner {
  /** Delivers a decoded text to the running scan (ignored when not running, as a real camera would). */
  emit(text: string, read?: Partial<Omit<CodeRead, 'text'>>): void;
  /** The options of the last start(). */
  lastStartOptions: QrScannerStartOptions | undefined;
  running: boolean;
  startCount: number;
  stopCount: number;
  torchOn: boolean;
  /** Makes the next start() fail. */
  failNextStart(error: CameraError): void;
}

export function createFakeScanner(options: FakeScannerOptions = {}): FakeScanner {
  let onDecoded: ((read: CodeRead) => void) | null = null;
  let pendingStartError: CameraError | null = options.startError ?? null;

  const fake: FakeScanner = {
    running: false,
    startCount: 0,
    stopCount: 0,
    torchOn: false,
    lastStartOptions: undefined,
    emit(text, read = {}) {
      if (fake.running && onDecoded) {
        onDecoded({
          text,
          decoder: read.decoder ?? 'html5-qrcode',
          suggestedColor: read.suggestedColor ?? null,
          msFromCameraStart: read.msFromCameraStart ?? 0,
          pendingColor: read.pendingColor ?? null,
        });
      }
    },
    failNextStart(error) {
      pendingStartError = error;
    },
    start(_elementId, decoded, startOptions) {
      fake.startCount += 1;
      fake.lastStartOptions = startOptions;
      if (pendingStartError) {
        const error = pendingStartError;
        pendingStartError = null;
        return Promise.reject(error);
      }
      onDecoded = decoded;
      fake.running = true;
      return Promise.resolve();
    },
    stop() {
      fake.stopCount += 1;
      fake.running = false;
      fake.torchOn = false;
      onDecoded = null;
      return Promise.resolve();
    },
    torchSupported() {
      return fake.running && options.torch === true;
    },
    setTorch(on) {
      if (fake.running && options.torch === true) fake.torchOn = on;
      return Promise.resolve();
    },
    scanFile() {
      const text = options.fileText;
      if (text === undefined || text === null) return Promise.reject(new NoCodeFoundError());
      return Promise.resolve({ text, decoder: 'html5-qrcode', suggestedColor: options.fileColor ?? null });
    },
  };
  return fake;
}
