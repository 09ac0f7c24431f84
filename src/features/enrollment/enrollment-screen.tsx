// The enrollment screen (/enroll): server address, enrollment code (typed or scanned), tablet name and, once, the lead PIN;
// then the server's checkpoint. Re-enrolling asks first, keeps the lead PIN, and never touches the checks stored on the tablet.
// The form's state lives in use-enrollment-form.ts; this file composes its parts.
import { useId } from 'react';
import type { SubmitEvent } from 'react';
import { NewPinFields } from '../../components/new-pin-fields.tsx';
import { checks, settings } from '../../db/db-instance.ts';
import { useSetting } from '../../db/live-queries.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { useT } from '../../platform/i18n.ts';
import type { QrScannerFactory } from '../../platform/scanner/qr-scanner.ts';
import { enrollTablet, type EnrollTabletRequest, type EnrollTabletResult } from '../../sync/enroll-tablet.ts';
import { CurrentEnrollment } from './current-enrollment.tsx';
import { EnrollmentCodeScan } from './enrollment-code-scan.tsx';
import { EnrollmentDone } from './enrollment-done.tsx';
import { EnrollmentField } from './enrollment-field.tsx';
import { DEVICE_NAME_MAX_CHARS } from './enrollment-input.ts';
import { EnrollmentSubmit } from './enrollment-submit.tsx';
import { ADDRESS_KEYS, CODE_KEYS, NAME_KEYS } from './enrollment-text.ts';
import { enrollmentMessages } from './enrollment.messages.ts';
import { useEnrollmentForm } from './use-enrollment-form.ts';

export interface EnrollmentScreenProps {
  /** Performs the enrollment; the app's database and the browser's fetch by default, a fake fetch in tests. */
  enroll?: (request: EnrollTabletRequest) => Promise<EnrollTabletResult>;
  /** Where the scanner comes from (a fake in tests). */
  scannerFactory?: QrScannerFactory;
  /** The address the app was loaded from: the server serves the PWA, so it is the likely server too. */
  pageUrl?: string;
}

/** Enrolls this tablet against the app's database; the app starts syncing once the token is stored (src/app/use-app-sync.ts). */
function enrollThisTablet(request: EnrollTabletRequest): Promise<EnrollTabletResult> {
  return enrollTablet(request, { checks, settings, now: () => Date.now() });
}

export function EnrollmentScreen(props: EnrollmentScreenProps) {
  const t = useT(enrollmentMessages);
  const device = useSetting('device');
  const leadPin = useSetting('leadPin');
  if (device === undefined || leadPin === undefined) return <p className="page">{t('loading')}</p>;
  return <EnrollmentForm {...props} device={device} leadPinSet={leadPin !== null} />;
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
  const form = useEnrollmentForm({ device, leadPinSet, enroll, pageUrl });
  const ids = {
    server: `${idPrefix}-server`,
    code: `${idPrefix}-code`,
    name: `${idPrefix}-name`,
    pin: `${idPrefix}-pin`,
  };
  const shown = form.shownProblems;
  const problemText = {
    server: shown.server === null ? null : t(ADDRESS_KEYS[shown.server]),
    code: shown.code === null ? null : t(CODE_KEYS[shown.code]),
    name:
      shown.name === null
        ? null
        : shown.name === 'tooLong'
          ? t('nameTooLong', { count: DEVICE_NAME_MAX_CHARS })
          : t(NAME_KEYS[shown.name]),
  };

  if (form.phase.kind === 'done') return <EnrollmentDone result={form.phase.result} />;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fix = form.submit();
    // The first field to fix takes the focus, so a gloved officer need not hunt for it.
    if (fix !== null) document.getElementById(ids[fix])?.focus();
  };

  return (
    <div className="page" data-testid="enrollment">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <CurrentEnrollment device={device} serverUrl={form.current?.serverUrl ?? null} />

      <form onSubmit={submit} noValidate>
        <EnrollmentField
          id={ids.server}
          label={t('serverLabel')}
          hint={t('serverHint')}
          problem={problemText.server}
          type="url"
          inputMode="url"
          autoCapitalize="none"
          spellCheck={false}
          value={form.server}
          onValue={form.setServer}
        />
        <EnrollmentField
          id={ids.code}
          label={t('codeLabel')}
          hint={t('codeHint')}
          problem={problemText.code}
          type="text"
          autoCapitalize="characters"
          spellCheck={false}
          value={form.code}
          onValue={form.setCode}
        />

        <EnrollmentCodeScan
          open={form.scanOpen}
          note={form.scanNote}
          onToggle={form.toggleScanner}
          onScanned={form.scanned}
          scannerFactory={scannerFactory}
        />

        <EnrollmentField
          id={ids.name}
          label={t('nameLabel')}
          hint={t('nameHint')}
          problem={problemText.name}
          type="text"
          value={form.name}
          onValue={form.setName}
        />

        {form.asksLeadPin ? (
          <NewPinFields
            pin={form.pin}
            again={form.pinAgain}
            showProblems={form.attempted}
            pinInputId={ids.pin}
            onChange={form.setPins}
          />
        ) : (
          <p className="hint" data-testid="lead-pin-kept">
            {t('leadPinKept')}
          </p>
        )}

        <EnrollmentSubmit
          showFix={form.attempted && !form.valid}
          failure={form.failure}
          phase={form.phase}
          currentCheckpoint={device?.checkpointName ?? null}
          onCancelConfirm={form.cancelConfirm}
        />
      </form>
    </div>
  );
}
