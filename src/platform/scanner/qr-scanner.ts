// The QR scanner seen by the app: one camera at a time, a photo fallback, and camera failures as typed errors.
// Deliberately free of html5-qrcode, so that importing the interface never pulls the decoder into a bundle.

export interface QrScannerStartOptions {
  facingMode?: 'environment' | 'user';
}

export interface QrScanner {
  /** Opens the camera into the element with this id; resolves once the camera runs. Rejects with CameraError. */
  start(elementId: string, onDecoded: (text: string) => void, options?: QrScannerStartOptions): Promise<void>;
  /** Releases the camera. Safe to call at any time, any number of times; never rejects. */
  stop(): Promise<void>;
  /** Whether the running camera has a controllable torch (false when not running). */
  torchSupported(): boolean;
  setTorch(on: boolean): Promise<void>;
  /** Decodes a photo; rejects when no code is found in it. */
  scanFile(file: File): Promise<string>;
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
