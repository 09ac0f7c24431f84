// A checkpoint's new enrollment code, shown once, and its A4 poster: the checkpoint's name, the https:// address the
// tablets open, the code in large type and a QR code the enrollment screen scans ({"server","code"}, as the server's
// start-up QR). Printing shows the poster alone.
import { useEffect, useState } from 'react';
import { qrCodeImageUrl } from '../../../platform/qr-image.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointsMessages } from './checkpoints.messages.ts';
import type { OpenedCheckpoint } from './new-checkpoint-form.tsx';
import './enrollment-poster.css';

/** What the tablet's enrollment screen reads from the QR (src/features/enrollment/enrollment-input.ts). */
export function enrollmentQrText(serverUrl: string, enrollmentCode: string): string {
  return JSON.stringify({ server: serverUrl, code: enrollmentCode });
}

export function EnrollmentCodeCard({ opened, onDone }: { opened: OpenedCheckpoint; onDone: () => void }) {
  const t = useT(checkpointsMessages);
  const serverUrl = window.location.origin;
  const [qr, setQr] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    qrCodeImageUrl(enrollmentQrText(serverUrl, opened.enrollmentCode)).then(
      (url) => {
        if (current) setQr(url);
      },
      () => {
        // The code itself is on the poster in large type: a QR that could not be drawn leaves typing it.
        if (current) setQr(null);
      },
    );
    return () => {
      current = false;
    };
  }, [serverUrl, opened.enrollmentCode]);

  return (
    <>
      <section className="card banner-ok no-print" role="status" data-testid="enrollment-code">
        <h2>{t('codeTitle', { name: opened.name })}</h2>
        <p className="enrollment-code-text" data-testid="enrollment-code-text">
          {opened.enrollmentCode}
        </p>
        <p>{t('codeOnce')}</p>
        <div className="btn-row">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              window.print();
            }}
          >
            {t('printPoster')}
          </button>
          <button type="button" className="btn" onClick={onDone}>
            {t('done')}
          </button>
        </div>
      </section>
      <article className="enrollment-poster print-only" data-testid="enrollment-poster">
        <h1>{opened.name}</h1>
        <h2>{t('posterTitle')}</h2>
        <p>{t('posterStep1')}</p>
        <p className="enrollment-poster-address">{serverUrl}</p>
        <p>{t('posterStep2')}</p>
        {qr !== null ? <img className="enrollment-poster-qr" src={qr} alt="" /> : null}
        <p className="enrollment-code-text">{opened.enrollmentCode}</p>
        <p className="enrollment-poster-foot">{t('posterFoot')}</p>
      </article>
    </>
  );
}
