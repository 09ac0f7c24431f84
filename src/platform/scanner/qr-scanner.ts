// The QR scanner seen by the app: one camera at a time, a photo fallback, and camera failures as typed errors.
// Deliberately free of html5-qrcode, so that importing the interface never pulls the decoder into a bundle.

/** The decoders a camera scan can run; the first to read a frame wins. */
export const DECODERS = ['html5-qrcode', 'zxing-wasm'] as const;
export type DecoderName = (typeof DECODERS)[number];

/** The health-code colours the scanner can suggest from the code's pixels (never grey: grey means "unsure"). */
export const SUGGESTED_CODE_COLORS = ['green', 'yellow', 'red'] as const;
export type SuggestedCodeColor = (typeof SUGGESTED_CODE_COLORS)[number];

/** One read of a photo: the text, which decoder read it, and the colour its pixels suggest (null when unsure). */
export interface FileRead {
  readonly text: string;
  readonly decoder: DecoderName;
  readonly suggestedColor: SuggestedCodeColor | null;
}

/** One read from the camera; also how long after the camera started it came. */
export interface CodeRead extends FileRead {
  readonly msFromCameraStart: number;
  /**
   * The suggestion still being worked out when the read is delivered (a code html5-qrcode read is located again by
   * zxing in the same frame), or null when `suggestedColor` is final. The read is never held back for its colour:
   * the officer sees it at once and the suggestion follows. Resolves to null when no colour can be told; never rejects.
   */
  readonly pendingColor: Promise<SuggestedCodeColor | null> | null;
}

export interface QrScannerStartOptions {
  facingMode?: 'environment' | 'user';
  /** Which decoders run (default: all); the camera test restricts them to measure one alone. */
  decoders?: readonly DecoderName[];
}

export interface QrScanner {
  /** Opens the camera into the element with this id; resolves once the camera runs. Rejects with CameraError. */
  start(elementId: string, onDecoded: (read: CodeRead) => void, options?: QrScannerStartOptions): Promise<void>;
  /** Releases the camera. Safe to call at any time, any number of times; never rejects. */
  stop(): Promise<void>;
  /** Whether the running camera has a controllable torch (false when not running). */
  torchSupported(): boolean;
  setTorch(on: boolean): Promise<void>;
  /** Decodes a photo; rejects when no code is found in it. */
  scanFile(file: File): Promise<FileRead>;
}

export type QrScannerFactory = () => Promise<QrScanner>;

export const CAMERA_ERROR_KINDS = ['permission-denied', 'no-camera', 'in-use', 'insecure-context', 'unknown'] as const;
export type CameraErrorKind = (typeof CAMERA_ERROR_KINDS)[number];

export class CameraError extends Error {
  readonly kind: CameraErrorKind;

  constructor(kind: CameraErrorKind, message?: string, options?: { cause?: unknown }) {
    super(message ?? `camera: ${kind}`, options);
    this.name = 'CameraError';
    this.kind = kind;
  }
}

/** Thrown by scanFile when the photo holds no readable code (not a camera problem). */
export class NoCodeFoundError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('no QR code found in the image', options);
    this.name = 'NoCodeFoundError';
  }
}
