// The reusable scan panel (一扫): live camera with torch, photo and manual fallbacks, and the camera released on every exit.
import { useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent, SyntheticEvent } from 'react';
import { useT } from '../platform/i18n.ts';
import { loadHtml5QrcodeScanner } from '../platform/scanner/html5-qrcode-scanner.ts';
import { CameraError } from '../platform/scanner/qr-scanner.ts';
import type {
  CameraErrorKind,
  CodeRead,
  DecoderName,
  QrScanner,
  QrScannerFactory,
  SuggestedCodeColor,
} from '../platform/scanner/qr-scanner.ts';
import { scannerViewMessages } from './scanner-view.messages.ts';

export type ScanMethod = 'camera' | 'file' | 'manual';

export interface ScanResult {
  method: ScanMethod;
  text: string;
  /** Which decoder read it; null for manual entry. */
  decoder: DecoderName | null;
  /** The colour the code's pixels suggest; null when unsure or typed in. Only ever a suggestion for the officer. */
  suggestedColor: SuggestedCodeColor | null;
  /** A suggestion that follows the read (see CodeRead); null when `suggestedColor` is final. */
  pendingColor: Promise<SuggestedCodeColor | null> | null;
  /** From camera start to the read; null for photo and manual reads. */
  msFromCameraStart: number | null;
}

export interface ScannerViewProps {
  /** Where the scanner comes from; tests pass a fake. Defaults to html5-qrcode, loaded on first use. */
  scannerFactory?: QrScannerFactory;
  /** One call per read; the camera is already being released when it comes. */
  onScanned: (result: ScanResult) => void;
  /** Open the camera as soon as the panel shows (default true). */
  autoStart?: boolean;
  /** Restricts the decoders (the camera test measures one alone); all of them by default. */
  decoders?: readonly DecoderName[];
}

type CameraState =
  | { phase: 'off' }
  | { phase: 'starting' }
  | { phase: 'running'; torch: boolean }
  | { phase: 'error'; kind: CameraErrorKind };

type PhotoState = 'idle' | 'reading' | 'no-code';

const ERROR_MESSAGE_KEYS = {
  'permission-denied': 'errorPermissionDenied',
  'no-camera': 'errorNoCamera',
  'in-use': 'errorInUse',
  'insecure-context': 'errorInsecureContext',
  unknown: 'errorUnknown',
} as const satisfies Record<CameraErrorKind, keyof (typeof scannerViewMessages)['en']>;

/** Wide enough to read a phone screen at arm's length, small enough to leave the buttons on a landscape tablet. */
const VIDEO_MAX_WIDTH_PX = 720;

function isPageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState !== 'hidden';
}

export function ScannerView({
  scannerFactory = loadHtml5QrcodeScanner,
  onScanned,
  autoStart = true,
  decoders,
}: ScannerViewProps) {
  const t = useT(scannerViewMessages);
  // html5-qrcode finds its element by id; React's ids contain characters that are awkward in selectors.
  const elementId = `kakou-scanner-${useId().replace(/[^\w-]/gu, '')}`;
  const manualInputId = useId();
  const [camera, setCamera] = useState<CameraState>(autoStart ? { phase: 'starting' } : { phase: 'off' });
  const [pageVisible, setPageVisible] = useState(isPageVisible);
  const [torchOn, setTorchOn] = useState(false);
  const [manualOpen, setManualOpen] = useState(false);
  const [manualText, setManualText] = useState('');
  const [manualEmpty, setManualEmpty] = useState(false);
  const [photo, setPhoto] = useState<PhotoState>('idle');
  const [hasScanned, setHasScanned] = useState(false);

  const scannerPromise = useRef<Promise<QrScanner> | null>(null);
  const scanner = useRef<QrScanner | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const mounted = useRef(false);
  // Latest callbacks, so the camera effect does not restart when a parent passes new closures.
  const onScannedRef = useRef(onScanned);
  useEffect(() => {
    onScannedRef.current = onScanned;
  });

  const getScanner = (): Promise<QrScanner> => {
    scannerPromise.current ??= scannerFactory().then((loaded) => {
      scanner.current = loaded;
      return loaded;
    });
    return scannerPromise.current;
  };

  /** Releases the camera now, without waiting for React to re-render. */
  const releaseCamera = (): void => {
    setTorchOn(false);
    if (scanner.current) void scanner.current.stop();
  };

  const deliver = (result: ScanResult): void => {
    // A read that finishes after the officer left (e.g. a slow photo) must not land in the next screen.
    if (!mounted.current) return;
    setHasScanned(true);
    onScannedRef.current(result);
  };

  const wantCamera = (camera.phase === 'starting' || camera.phase === 'running') && pageVisible;
  // A change of decoders (the camera test's address) restarts the camera with the new ones.
  const decodersKey = decoders?.join(',') ?? '';

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const onVisibilityChange = (): void => {
      const visible = isPageVisible();
      setPageVisible(visible);
      if (!visible) {
        // The camera effect releases the camera; it reopens when the page is shown again.
        setTorchOn(false);
        setCamera((current) => (current.phase === 'running' ? { phase: 'starting' } : current));
      }
    };
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, []);

  useEffect(() => {
    if (!wantCamera) return undefined;
    let cancelled = false;
    let decoded = false;
    // Read through a function: the flags change in other closures, which the type checker's narrowing cannot see.
    const isCancelled = (): boolean => cancelled;
    const isDone = (): boolean => cancelled || decoded;
    const loading = getScanner();

    const onDecoded = (read: CodeRead): void => {
      // The decoder reports every frame the code stays in view; one read is one scan.
      if (cancelled || decoded) return;
      decoded = true;
      releaseCamera();
      setCamera({ phase: 'off' });
      deliver({
        method: 'camera',
        text: read.text,
        decoder: read.decoder,
        suggestedColor: read.suggestedColor,
        pendingColor: read.pendingColor,
        msFromCameraStart: read.msFromCameraStart,
      });
    };

    void (async () => {
      let loaded: QrScanner;
      try {
        loaded = await loading;
      } catch {
        if (!isCancelled()) setCamera({ phase: 'error', kind: 'unknown' });
        return;
      }
      if (isCancelled()) return; // left before the scanner code arrived: never open the camera
      try {
        await loaded.start(
          elementId,
          onDecoded,
          decoders ? { facingMode: 'environment', decoders } : { facingMode: 'environment' },
        );
      } catch (error) {
        if (!isCancelled()) setCamera({ phase: 'error', kind: error instanceof CameraError ? error.kind : 'unknown' });
        return;
      }
      if (isDone()) return;
      setCamera({ phase: 'running', torch: loaded.torchSupported() });
    })();

    return () => {
      cancelled = true;
      // Stop synchronously when the scanner is there, so the stop is queued before any remount's start.
      if (scanner.current) void scanner.current.stop();
      else
        void loading.then(
          (loaded) => loaded.stop(),
          () => undefined,
        );
    };
    // getScanner, releaseCamera and deliver only read refs and stable setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wantCamera, elementId, decodersKey]);

  const startCamera = (): void => {
    setManualOpen(false);
    setPhoto('idle');
    setCamera({ phase: 'starting' });
  };

  const openManual = (): void => {
    releaseCamera();
    setCamera({ phase: 'off' });
    setManualOpen(true);
  };

  const pickPhoto = (): void => {
    // The system camera app opened by `capture` needs the camera: release ours first.
    releaseCamera();
    setCamera({ phase: 'off' });
    setManualOpen(false);
    fileInput.current?.click();
  };

  const onPhotoChosen = async (event: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = event.currentTarget;
    const file = input.files?.[0];
    // Cleared so that choosing the same photo again still fires a change.
    input.value = '';
    if (!file) return;
    releaseCamera();
    setCamera({ phase: 'off' });
    setPhoto('reading');
    try {
      const read = await (await getScanner()).scanFile(file);
      if (!mounted.current) return;
      setPhoto('idle');
      deliver({
        method: 'file',
        text: read.text,
        decoder: read.decoder,
        suggestedColor: read.suggestedColor,
        pendingColor: null,
        msFromCameraStart: null,
      });
    } catch {
      if (mounted.current) setPhoto('no-code');
    }
  };

  const submitManual = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const text = manualText.trim();
    if (text === '') {
      setManualEmpty(true);
      return;
    }
    setManualEmpty(false);
    setManualText('');
    deliver({
      method: 'manual',
      text,
      decoder: null,
      suggestedColor: null,
      pendingColor: null,
      msFromCameraStart: null,
    });
  };

  const toggleTorch = (): void => {
    const next = !torchOn;
    const current = scanner.current;
    if (!current) return;
    current.setTorch(next).then(
      () => {
        setTorchOn(next);
      },
      () => {
        // Some drivers list a torch and then refuse it; the button simply stays as it was.
      },
    );
  };

  const cameraActive = camera.phase === 'starting' || camera.phase === 'running';

  return (
    <section className="card" aria-label={t('region')} data-testid="scanner-view" data-camera={camera.phase}>
      {/* The camera's box is reserved before the camera starts, so the buttons below never move under a
          gloved finger reaching for them ("no phone", "ID lookup") while the video appears. */}
      <div
        style={{
          width: '100%',
          maxWidth: VIDEO_MAX_WIDTH_PX,
          aspectRatio: '4 / 3',
          margin: '0 auto var(--gap)',
          background: '#000',
          borderRadius: 'var(--radius)',
          overflow: 'hidden',
        }}
      >
        <div id={elementId} role="img" aria-label={t('video')} hidden={!cameraActive} style={{ width: '100%' }} />
      </div>
      <p role="status" className="hint" aria-live="polite">
        {camera.phase === 'starting' ? t('starting') : null}
        {camera.phase === 'running' ? t('aim') : null}
        {photo === 'reading' ? t('readingPhoto') : null}
      </p>
      {camera.phase === 'error' ? (
        <p role="alert" className="banner banner-danger">
          {t(ERROR_MESSAGE_KEYS[camera.kind])}
        </p>
      ) : null}
      {photo === 'no-code' ? (
        <p role="alert" className="banner banner-warn">
          {t('photoNoCode')}
        </p>
      ) : null}

      <div className="btn-row">
        {camera.phase === 'running' && camera.torch ? (
          <button type="button" className="btn" aria-pressed={torchOn} onClick={toggleTorch}>
            {t('torch')}
          </button>
        ) : null}
        {cameraActive ? null : (
          <button type="button" className="btn btn-primary btn-big" onClick={startCamera}>
            {camera.phase === 'error' ? t('retry') : hasScanned ? t('scanAgain') : t('startCamera')}
          </button>
        )}
      </div>
      <div className="btn-row" style={{ marginTop: 'var(--gap)' }}>
        <button type="button" className="btn" onClick={pickPhoto}>
          {t('fromPhoto')}
        </button>
        <button type="button" className="btn" aria-pressed={manualOpen} onClick={openManual}>
          {t('manual')}
        </button>
      </div>
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        aria-label={t('fromPhoto')}
        onChange={(event) => void onPhotoChosen(event)}
      />

      {manualOpen ? (
        <form onSubmit={submitManual} noValidate style={{ marginTop: 'var(--gap)' }}>
          <div className="field">
            <label htmlFor={manualInputId}>{t('manualLabel')}</label>
            <input
              id={manualInputId}
              className="input"
              value={manualText}
              autoComplete="off"
              aria-invalid={manualEmpty}
              aria-describedby={`${manualInputId}-hint`}
              onChange={(event) => {
                setManualText(event.currentTarget.value);
              }}
            />
            <span id={`${manualInputId}-hint`} className={manualEmpty ? 'error-text' : 'hint'}>
              {manualEmpty ? t('manualEmpty') : t('manualHint')}
            </span>
          </div>
          <button type="submit" className="btn btn-primary btn-big">
            {t('manualSubmit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
