// A QrScanner without a camera, for component tests in jsdom: the test decides what is decoded and what fails.
import { NoCodeFoundError } from './qr-scanner.ts';
import type { CameraError, QrScanner } from './qr-scanner.ts';

export interface FakeScannerOptions {
  /** The next start() rejects with this (once). */
  startError?: CameraError;
  /** Whether the fake camera has a torch. */
  torch?: boolean;
  /** What scanFile() decodes; null means "no code in the photo". */
  fileText?: string | null;
}

export interface FakeScanner extends QrScanner {
  /** Delivers a decoded text to the running scan (ignored when not running, as a real camera would). */
  emit(text: string): void;
  running: boolean;
  startCount: number;
  stopCount: number;
  torchOn: boolean;
  /** Makes the next start() fail. */
  failNextStart(error: CameraError): void;
}

export function createFakeScanner(options: FakeScannerOptions = {}): FakeScanner {
  let onDecoded: ((text: string) => void) | null = null;
  let pendingStartError: CameraError | null = options.startError ?? null;

  const fake: FakeScanner = {
    running: false,
    startCount: 0,
    stopCount: 0,
    torchOn: false,
    emit(text) {
      if (fake.running && onDecoded) onDecoded(text);
    },
    failNextStart(error) {
      pendingStartError = error;
    },
    start(_elementId, decoded) {
      fake.startCount += 1;
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
      return text === undefined || text === null ? Promise.reject(new NoCodeFoundError()) : Promise.resolve(text);
    },
  };
  return fake;
}
