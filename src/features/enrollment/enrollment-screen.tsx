// The enrollment screen (/enroll): server address, enrollment code (typed or scanned), tablet name and, once, the lead PIN;
// then the server's checkpoint. Re-enrolling asks first, keeps the lead PIN, and never touches the checks stored on the tablet.
import { useId, useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { Link } from 'wouter';
import { NewPinFields } from '../../components/new-pin-fields.tsx';
import { ScannerView } from '../../components/scanner-view.tsx';
import type { ScanResult } from '../../components/scanner-view.tsx';
import { useSetting } from '../../db/live-queries.ts';
import { LeadPinRefusedError } from '../../db/lead-pin-repository.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { checkNewLeadPin } from '../../domain/lead-pin-rules.ts';
import { useT } from '../../lib/i18n.ts';
import type { Translate } from '../../lib/i18n.ts';
import type { QrScannerFactory } from '../../platform/scanner/qr-scanner.ts';
import { enrolledServer, enrollThisTablet } from '../../sync/create-app-sync.ts';
import type { EnrollTabletRequest, EnrollTabletResult } from '../../sync/enroll-tablet.ts';
import { EnrollmentError } from '../../sync/transport.ts';
import {
  checkDeviceName,
  checkEnrollmentCode,
  checkServerAddress,
  DEVICE_NAME_MAX_CHARS,
  parseScannedEnrollment,
} from './enrollment-input.ts';
import type { AddressProblem, CodeProblem, NameProblem } from './enrollment-input.ts';
import { enrollmentMessages } from './enrollment.messages.ts';

type EnrollmentKey = keyof (typeof enrollmentMessages)['en'];

const MS_PER_MINUTE = 60_000;

export interface EnrollmentScreenProps {
  /** Performs the enrollment; the app's database and the browser's fetch by default, a fake fetch in tests. */
  enroll?: (request: EnrollTabletRequest) => Promise<EnrollTabletResult>;
  /** Where the scanner comes from (a fake in tests). */
  scannerFactory?: QrScannerFactory;
  /** The address the app was loaded from: the server serves the PWA, so it is the likely server too. */
  pageUrl?: string;
}

export function EnrollmentScreen(props: EnrollmentScreenProps) {
  const t = useT(enrollmentMessages);
  const device = useSetting('device');
  const leadPin = useSetting('leadPin');
  if (device === undefined || leadPin === undefined) return <p className="page">{t('loading')}</p>;
  return <EnrollmentForm {...props} device={device} leadPinSet={leadPin !== null} />;
}

interface FailureMessage {
  text: string;
  detail: string | null;
}

const ADDRESS_KEYS = { empty: 'addressEmpty', notUrl: 'addressInvalid', mixedContent: 'addressMixedContent' } as const satisfies Record<
  AddressProblem,
  EnrollmentKey
>;
const CODE_KEYS = { empty: 'codeEmpty', tooShort: 'codeTooShort' } as const satisfies Record<CodeProblem, EnrollmentKey>;
const NAME_KEYS = { empty: 'nameEmpty', tooLong: 'nameTooLong' } as const satisfies Record<NameProblem, EnrollmentKey>;

function describeFailure(error: unknown, serverUrl: string, t: Translate<EnrollmentKey>): FailureMessage {
  if (error instanceof EnrollmentError) {
    switch (error.kind) {
      case 'network':
        // The browser's own word is the more specific one when it knows it has no network.
        return { text: navigator.onLine ? t('errorNetwork', { server: serverUrl }) : t('errorOffline'), detail: null };
      case 'invalid-code':
        return { text: t('errorInvalidCode'), detail: error.detail };
      case 'rate-limited':
        return {
          text:
            error.retryAfterMs === null
              ? t('errorRateLimitedNoTime')
              : t('errorRateLimited', { minutes: Math.max(1, Math.ceil(error.retryAfterMs / MS_PER_MINUTE)) }),
          detail: null,
        };
      case 'bad-request':
        return { text: t('errorBadRequest'), detail: error.detail };
      case 'server':
        return { text: t('errorServer'), detail: error.detail };
    }
  }
  if (error instanceof StorageFullError) return { text: t('errorStorageFull'), detail: null };
  // Only when a PIN was set meanwhile (another tab): the tablet is enrolled, and the PIN it has stays.
  if (error instanceof LeadPinRefusedError) return { text: t('errorLeadPinRefused'), detail: null };
  return { text: t('errorUnexpected', { reason: error instanceof Error ? error.message : String(error) }), detail: null };
}

type Phase = { kind: 'editing' } | { kind: 'confirming' } | { kind: 'submitting' } | { kind: 'done'; result: EnrollTabletResult };

interface FieldProps {
  id: string;
  label: string;
  hint: string;
  problem: string | null;
  children: (describedBy: string) => ReactNode;
}

function Field({ id, label, hint, problem, children }: FieldProps) {
  const describedBy = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(describedBy)}
      <span id={describedBy} className={problem === null ? 'hint' : 'error-text'}>
        {problem ?? hint}
      </span>
    </div>
  );
}

function EnrollmentForm({
  device,
  enroll = enrollThisTablet,
  scannerFactory,
  pageUrl = window.location.href,
  leadPinSet,
}: EnrollmentScreenProps & { device: SettingsMap['device'] | null; leadPinSet: boolean }) {
  const t = useT(enrollmentMessages);
  const idPrefix = useId();
  const current = enrolledServer(device);
  const [server, setServer] = useState(() => current?.serverUrl ?? new URL(pageUrl).origin);
  const [code, setCode] = useState('');
  const [name, setName] = useState(() => device?.deviceName ?? '');
  const [pin, setPin] = useState('');
  const [pinAgain, setPinAgain] = useState('');
  // Asked once, when the tablet has none: re-enrolling keeps the PIN (changing it needs the current one, in settings).
  const [asksLeadPin] = useState(!leadPinSet);
  // Problems show after a first attempt, then follow the typing.
  const [attempted, setAttempted] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [failure, setFailure] = useState<FailureMessage | null>(null);
  const [scanOpen, setScanOpen] = useState(false);
  const [scanNote, setScanNote] = useState<EnrollmentKey | null>(null);

  const serverId = `${idPrefix}-server`;
  const codeId = `${idPrefix}-code`;
  const nameId = `${idPrefix}-name`;
  const pinId = `${idPrefix}-pin`;
  const pageProtocol = new URL(pageUrl).protocol;
  const address = checkServerAddress(server, pageProtocol);
  const problems = {
    server: address.ok ? null : t(ADDRESS_KEYS[address.problem]),
    code: ((p) => (p === null ? null : t(CODE_KEYS[p])))(checkEnrollmentCode(code)),
    name: ((p) => (p === null ? null : t(NAME_KEYS[p], { max: DEVICE_NAME_MAX_CHARS })))(checkDeviceName(name)),
  };
  const pinProblem = asksLeadPin ? checkNewLeadPin(pin, pinAgain) : null;
  const valid = problems.server === null && problems.code === null && problems.name === null && pinProblem === null;
  const shown = (problem: string | null) => (attempted ? problem : null);

  if (phase.kind === 'done') return <EnrollmentDone result={phase.result} />;

  const run = async (serverUrl: string) => {
    setPhase({ kind: 'submitting' });
    setFailure(null);
    if (!navigator.onLine) {
      setFailure({ text: t('errorOffline'), detail: null });
      setPhase({ kind: 'editing' });
      return;
    }
    try {
      const result = await enroll({ serverUrl, enrollmentCode: code, deviceName: name.trim(), ...(asksLeadPin ? { leadPin: pin } : {}) });
      setPhase({ kind: 'done', result });
    } catch (error) {
      setFailure(describeFailure(error, serverUrl, t));
      setPhase({ kind: 'editing' });
    }
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    if (!address.ok || !valid) {
      setFailure(null);
      // The first field to fix takes the focus, so a gloved officer need not hunt for it.
      const firstInvalid = problems.server !== null ? serverId : problems.code !== null ? codeId : problems.name !== null ? nameId : pinId;
      document.getElementById(firstInvalid)?.focus();
      return;
    }
    // A new enrollment replaces the token the tablet syncs with: ask, so a stray tap cannot do it.
    if (current !== null && phase.kind !== 'confirming') {
      setPhase({ kind: 'confirming' });
      return;
    }
    void run(address.baseUrl);
  };

  const onScanned = ({ text }: ScanResult) => {
    const scanned = parseScannedEnrollment(text);
    if (scanned === null) {
      setScanNote('scannedNotCode');
      return;
    }
    setCode(scanned.code);
    if (scanned.server !== undefined) setServer(scanned.server);
    setScanNote(scanned.server === undefined ? 'scanned' : 'scannedWithServer');
    setScanOpen(false);
  };

  const submitting = phase.kind === 'submitting';

  return (
    <div className="page" data-testid="enrollment">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <section className="card" aria-label={t('currentTitle')}>
        {current !== null && device ? (
          <p data-testid="current-enrollment">
            {t('currentLine', { checkpoint: device.checkpointName, province: device.province, city: device.city, server: current.serverUrl })}
          </p>
        ) : (
          <p data-testid="current-enrollment">{t('notEnrolled')}</p>
        )}
      </section>

      <form onSubmit={submit} noValidate>
        <Field id={serverId} label={t('serverLabel')} hint={t('serverHint')} problem={shown(problems.server)}>
          {(describedBy) => (
            <input
              id={serverId}
              className="input"
              type="url"
              inputMode="url"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={server}
              aria-invalid={shown(problems.server) !== null}
              aria-describedby={describedBy}
              onChange={(e) => {
                setServer(e.target.value);
              }}
            />
          )}
        </Field>

        <Field id={codeId} label={t('codeLabel')} hint={t('codeHint')} problem={shown(problems.code)}>
          {(describedBy) => (
            <input
              id={codeId}
              className="input"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              aria-invalid={shown(problems.code) !== null}
              aria-describedby={describedBy}
              onChange={(e) => {
                setCode(e.target.value);
                setScanNote(null);
              }}
            />
          )}
        </Field>

        <div className="btn-row" style={{ marginBottom: 'var(--gap)' }}>
          <button
            type="button"
            className="btn"
            aria-pressed={scanOpen}
            onClick={() => {
              setScanOpen(!scanOpen);
              setScanNote(null);
            }}
          >
            {scanOpen ? t('hideScanner') : t('scanCode')}
          </button>
        </div>
        {scanNote !== null ? (
          <p className={scanNote === 'scannedNotCode' ? 'banner banner-warn' : 'banner banner-ok'} role="status">
            {t(scanNote)}
          </p>
        ) : null}
        {scanOpen ? <ScannerView onScanned={onScanned} {...(scannerFactory ? { scannerFactory } : {})} /> : null}

        <Field id={nameId} label={t('nameLabel')} hint={t('nameHint')} problem={shown(problems.name)}>
          {(describedBy) => (
            <input
              id={nameId}
              className="input"
              type="text"
              autoComplete="off"
              value={name}
              aria-invalid={shown(problems.name) !== null}
              aria-describedby={describedBy}
              onChange={(e) => {
                setName(e.target.value);
              }}
            />
          )}
        </Field>

        {asksLeadPin ? (
          <NewPinFields
            pin={pin}
            again={pinAgain}
            showProblems={attempted}
            pinInputId={pinId}
            onChange={(nextPin, nextAgain) => {
              setPin(nextPin);
              setPinAgain(nextAgain);
            }}
          />
        ) : (
          <p className="hint" data-testid="lead-pin-kept">
            {t('leadPinKept')}
          </p>
        )}

        {attempted && !valid ? (
          <p className="banner banner-warn" role="alert">
            {t('fixFields')}
          </p>
        ) : null}
        {failure !== null ? (
          <div className="banner banner-danger" role="alert" data-testid="enrollment-error">
            <p style={{ margin: 0 }}>{failure.text}</p>
            {failure.detail !== null ? (
              <p className="hint" style={{ margin: '6px 0 0' }}>
                {t('serverSaid', { detail: failure.detail })}
              </p>
            ) : null}
          </div>
        ) : null}

        {phase.kind === 'confirming' && device ? (
          <div className="card banner-warn" role="alertdialog" aria-labelledby={`${idPrefix}-confirm`}>
            <h2 id={`${idPrefix}-confirm`}>{t('confirmTitle')}</h2>
            <p>{t('confirmBody', { checkpoint: device.checkpointName })}</p>
            <div className="btn-row">
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setPhase({ kind: 'editing' });
                }}
              >
                {t('confirmNo')}
              </button>
              <button type="submit" className="btn btn-danger">
                {t('confirmYes')}
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className="btn btn-primary btn-big" disabled={submitting}>
            {submitting ? t('submitting') : t('submit')}
          </button>
        )}
      </form>
    </div>
  );
}

function EnrollmentDone({ result }: { result: EnrollTabletResult }) {
  const t = useT(enrollmentMessages);
  const policy = useSetting('policy');
  const { checkpoint } = result.device;
  return (
    <div className="page" data-testid="enrollment-done">
      <h1>{t('title')}</h1>
      <section className="card banner-ok" role="status">
        <h2>{t('successTitle')}</h2>
        <p data-testid="enrolled-checkpoint">{t('successCheckpoint', { name: checkpoint.name })}</p>
        <p>{t('successPlace', { province: checkpoint.province, city: checkpoint.city })}</p>
        <p>{t('successTimeZone', { timeZone: checkpoint.timezone })}</p>
        {result.adopted > 0 ? <p>{t('successAdopted', { count: result.adopted })}</p> : null}
        <p className="hint">
          {result.policyFetched && policy ? t('successPolicy', { version: policy.version }) : t('successPolicyLater')}
        </p>
      </section>
      <div className="btn-row">
        <Link href="/settings" className="btn btn-big">
          {t('goSettings')}
        </Link>
        <Link href="/" className="btn btn-primary btn-big">
          {t('goHome')}
        </Link>
      </div>
    </div>
  );
}
