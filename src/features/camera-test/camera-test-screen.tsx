// Settings → camera test: a live scan with the decoded text, how it was read, and how long the camera took to read it.
import { useRef, useState } from 'react';
import { Link } from 'wouter';
import { ScannerView } from '../../components/scanner-view.tsx';
import type { ScanMethod, ScanResult } from '../../components/scanner-view.tsx';
import { useT } from '../../lib/i18n.ts';
import { cameraTestMessages } from './camera-test.messages.ts';

/** Enough to recognise a payload on a test screen without laying a whole health-code record out on it. */
const SHOWN_TEXT_MAX_CHARS = 80;
/** Earlier reads kept on screen, to compare a few attempts. */
const EARLIER_READS_MAX = 5;

interface Read {
  readonly seq: number;
  readonly method: ScanMethod;
  readonly text: string;
  /** From camera start to decode; null for photo and manual reads. */
  readonly ms: number | null;
}

const METHOD_KEYS = { camera: 'methodCamera', file: 'methodFile', manual: 'methodManual' } as const;

/** At most SHOWN_TEXT_MAX_CHARS characters (code points, so a character is never cut in half). */
function shortenForDisplay(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SHOWN_TEXT_MAX_CHARS) return text;
  return `${chars.slice(0, SHOWN_TEXT_MAX_CHARS - 1).join('')}…`;
}

export function CameraTestScreen() {
  const t = useT(cameraTestMessages);
  const cameraStartedAt = useRef<number | null>(null);
  const readSeq = useRef(0);
  const [reads, setReads] = useState<readonly Read[]>([]);

  const onScanned = (result: ScanResult): void => {
    const startedAt = cameraStartedAt.current;
    const ms = result.method === 'camera' && startedAt !== null ? Math.round(performance.now() - startedAt) : null;
    cameraStartedAt.current = null;
    readSeq.current += 1;
    const read: Read = { seq: readSeq.current, method: result.method, text: shortenForDisplay(result.text), ms };
    setReads((previous) => [read, ...previous].slice(0, EARLIER_READS_MAX + 1));
  };

  const [latest, ...earlier] = reads;

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <ScannerView
        onCameraStarted={() => {
          cameraStartedAt.current = performance.now();
        }}
        onScanned={onScanned}
      />
      <section className="card" aria-live="polite">
        <h2>{t('lastRead')}</h2>
        {latest ? (
          <dl>
            <dt className="field-label">{t('text')}</dt>
            <dd data-testid="camera-test-result" style={{ overflowWrap: 'anywhere' }}>
              {latest.text}
            </dd>
            <dt className="field-label">{t('method')}</dt>
            <dd data-testid="camera-test-method">{t(METHOD_KEYS[latest.method])}</dd>
            <dt className="field-label">{t('ms')}</dt>
            <dd data-testid="camera-test-ms">{latest.ms === null ? t('notTimed') : latest.ms}</dd>
          </dl>
        ) : (
          <p className="hint">{t('noReads')}</p>
        )}
        {earlier.length > 0 ? (
          <>
            <h3>{t('earlier')}</h3>
            <ul>
              {earlier.map((read) => (
                <li key={read.seq}>
                  {read.ms === null
                    ? t('readSummaryUntimed', { method: t(METHOD_KEYS[read.method]), text: read.text })
                    : t('readSummary', { method: t(METHOD_KEYS[read.method]), ms: read.ms, text: read.text })}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <div className="btn-row">
        <Link href="/settings" className="btn btn-big">
          {t('back')}
        </Link>
      </div>
    </div>
  );
}
