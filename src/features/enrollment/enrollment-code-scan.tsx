// Scanning the server's enrollment QR: the button that opens and closes the camera, what the last scan read, the scanner.
import { ScannerView } from '../../components/scanner-view.tsx';
import { useT } from '../../platform/i18n.ts';
import type { QrScannerFactory } from '../../platform/scanner/qr-scanner.ts';
import { enrollmentMessages } from './enrollment.messages.ts';
import type { ScanNote } from './use-enrollment-form.ts';

export interface EnrollmentCodeScanProps {
  open: boolean;
  note: ScanNote | null;
  onToggle: () => void;
  onScanned: (text: string) => void;
  scannerFactory: QrScannerFactory | undefined;
}

export function EnrollmentCodeScan({ open, note, onToggle, onScanned, scannerFactory }: EnrollmentCodeScanProps) {
  const t = useT(enrollmentMessages);
  return (
    <>
      <div className="btn-row" style={{ marginBottom: 'var(--gap)' }}>
        <button type="button" className="btn" aria-pressed={open} onClick={onToggle}>
          {open ? t('hideScanner') : t('scanCode')}
        </button>
      </div>
      {note !== null ? (
        <p className={note === 'scannedNotCode' ? 'banner banner-warn' : 'banner banner-ok'} role="status">
          {t(note)}
        </p>
      ) : null}
      {open ? (
        <ScannerView
          onScanned={({ text }) => {
            onScanned(text);
          }}
          {...(scannerFactory ? { scannerFactory } : {})}
        />
      ) : null}
    </>
  );
}
