// Settings → camera test (/camera-test): a live scan showing, for each read, its text, which decoder read it, the
// colour suggested from the code's pixels and the milliseconds from camera start. ?decoders= restricts the decoders.
import { useRef, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { ScannerView } from '../../components/scanner-view.tsx';
import type { ScanMethod, ScanResult } from '../../components/scanner-view.tsx';
import { useT } from '../../platform/i18n.ts';
import { DECODERS } from '../../platform/scanner/qr-scanner.ts';
import type { DecoderName, SuggestedCodeColor } from '../../platform/scanner/qr-scanner.ts';
import { cameraTestMessages } from './camera-test.messages.ts';

/** Enough to recognise a payload on a test screen without laying a whole health-code record out on it. */
const SHOWN_TEXT_MAX_CHARS = 80;
/** Earlier reads kept on screen, to compare a few attempts. */
const EARLIER_READS_MAX = 5;

interface Read {
  readonly seq: number;
  readonly method: ScanMethod;
  /** The whole decoded text (for the data-text attribute the measurements read); shortened on screen. */
  readonly text: string;
  readonly decoder: DecoderName | null;
  /** 'pending' while the suggestion follows the read (a code html5-qrcode read, located again by zxing). */
  readonly color: SuggestedCodeColor | null | 'pending';
  /** From camera start to decode; null for photo and manual reads. */
  readonly ms: number | null;
  /** From camera start to the colour being known (the read's own ms when it came with the read); null untimed. */
  readonly colorMs: number | null;
}

const METHOD_KEYS = { camera: 'methodCamera', file: 'methodFile', manual: 'methodManual' } as const;
const DECODER_KEYS = { 'html5-qrcode': 'decoderHtml5Qrcode', 'zxing-wasm': 'decoderZxing' } as const;
const COLOR_KEYS = { green: 'colorGreen', yellow: 'colorYellow', red: 'colorRed', pending: 'colorPending' } as const;

/** At most SHOWN_TEXT_MAX_CHARS characters (code points, so a character is never cut in half). */
function shortenForDisplay(text: string): string {
  const chars = Array.from(text);
  if (chars.length <= SHOWN_TEXT_MAX_CHARS) return text;
  return `${chars.slice(0, SHOWN_TEXT_MAX_CHARS - 1).join('')}…`;
}

type DecoderChoice = { decoders: readonly DecoderName[] | undefined; invalid: string | null };

/** ?decoders=html5-qrcode | zxing-wasm (one alone, for measuring); absent means both, as in the checkpoint flow. */
export function decodersFromSearch(search: string): DecoderChoice {
  const value = new URLSearchParams(search).get('decoders');
  if (value === null || value === '') return { decoders: undefined, invalid: null };
  const asked = value.split(',').map((name) => name.trim());
  const known = asked.filter((name): name is DecoderName => (DECODERS as readonly string[]).includes(name));
  if (known.length !== asked.length || known.length === 0) return { decoders: undefined, invalid: value };
  return { decoders: known, invalid: null };
}

export function CameraTestScreen() {
  const t = useT(cameraTestMessages);
  const search = useSearch();
  const choice = decodersFromSearch(search);
  const readSeq = useRef(0);
  const [reads, setReads] = useState<readonly Read[]>([]);

  const onScanned = (result: ScanResult): void => {
    readSeq.current += 1;
    const seq = readSeq.current;
    const read: Read = {
      seq,
      method: result.method,
      text: result.text,
      decoder: result.decoder,
      color: result.pendingColor ? 'pending' : result.suggestedColor,
      ms: result.msFromCameraStart,
      colorMs: result.pendingColor ? null : result.msFromCameraStart,
    };
    setReads((previous) => [read, ...previous].slice(0, EARLIER_READS_MAX + 1));
    if (!result.pendingColor) return;
    const receivedAt = performance.now();
    void result.pendingColor.then((color) => {
      const colorMs = read.ms === null ? null : read.ms + Math.round(performance.now() - receivedAt);
      setReads((previous) => previous.map((r) => (r.seq === seq ? { ...r, color, colorMs } : r)));
    });
  };

  const decoderWords = (read: Read): string =>
    read.decoder === null ? t('decoderNone') : t(DECODER_KEYS[read.decoder]);
  const colorWords = (read: Read): string => (read.color === null ? t('colorNone') : t(COLOR_KEYS[read.color]));
  /** The contract the measurements read: one element per read with what was read, by which decoder, how fast. */
  const readAttributes = (read: Read) =>
    read.method === 'camera' && read.decoder !== null && read.ms !== null
      ? {
          'data-testid': 'camera-read',
          'data-decoder': read.decoder,
          'data-color': read.color ?? 'none',
          'data-ms': String(read.ms),
          ...(read.colorMs === null ? {} : { 'data-color-ms': String(read.colorMs) }),
          'data-text': read.text,
        }
      : {};

  const [latest, ...earlier] = reads;

  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      {choice.decoders ? (
        <p className="banner banner-warn">
          {t('decodersRestricted', { decoders: choice.decoders.map((name) => t(DECODER_KEYS[name])).join(' + ') })}
        </p>
      ) : null}
      {choice.invalid !== null ? (
        <p role="alert" className="banner banner-danger">
          {t('decodersInvalid', { value: choice.invalid })}
        </p>
      ) : null}
      <ScannerView onScanned={onScanned} {...(choice.decoders ? { decoders: choice.decoders } : {})} />
      <section className="card" aria-live="polite">
        <h2>{t('lastRead')}</h2>
        {latest ? (
          <dl {...readAttributes(latest)}>
            <dt className="field-label">{t('text')}</dt>
            <dd data-testid="camera-test-result" style={{ overflowWrap: 'anywhere' }}>
              {shortenForDisplay(latest.text)}
            </dd>
            <dt className="field-label">{t('method')}</dt>
            <dd data-testid="camera-test-method">{t(METHOD_KEYS[latest.method])}</dd>
            <dt className="field-label">{t('decoder')}</dt>
            <dd data-testid="camera-test-decoder">{decoderWords(latest)}</dd>
            <dt className="field-label">{t('color')}</dt>
            <dd data-testid="camera-test-color">{colorWords(latest)}</dd>
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
                <li key={read.seq} {...readAttributes(read)}>
                  {read.ms === null
                    ? t('readSummaryUntimed', {
                        method: t(METHOD_KEYS[read.method]),
                        text: shortenForDisplay(read.text),
                      })
                    : t('readSummary', {
                        decoder: decoderWords(read),
                        color: colorWords(read),
                        ms: read.ms,
                        text: shortenForDisplay(read.text),
                      })}
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
