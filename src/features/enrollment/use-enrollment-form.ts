// The state of the enrollment form: what the officer typed or scanned, its problems (shown once they tried to enroll),
// the question before replacing an enrollment, the request and its outcome. No markup: the screen renders it.
import { useState } from 'react';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { checkNewLeadPin, type LeadPinConfirmProblem } from '../../domain/lead-pin-rules.ts';
import { enrolledServer, type EnrollTabletRequest, type EnrollTabletResult } from '../../sync/enroll-tablet.ts';
import { recordError } from '../../platform/diagnostics.ts';
import {
  checkDeviceName,
  checkEnrollmentCode,
  checkServerAddress,
  parseScannedEnrollment,
  type AddressProblem,
  type CodeProblem,
  type NameProblem,
} from './enrollment-input.ts';
import { describeFailure, type EnrollmentKey, type FailureMessage } from './enrollment-text.ts';

export type EnrollmentPhase =
  | { kind: 'editing' }
  /** The tablet is enrolled already: the officer is asked before its token is replaced. */
  | { kind: 'confirming' }
  | { kind: 'submitting' }
  | { kind: 'done'; result: EnrollTabletResult };

/** The fields in the order they are shown: the first one with a problem takes the focus. */
export type EnrollmentField = 'server' | 'code' | 'name' | 'pin';

export interface EnrollmentProblems {
  server: AddressProblem | null;
  code: CodeProblem | null;
  name: NameProblem | null;
  /** Null too when the lead PIN is not asked. */
  pin: LeadPinConfirmProblem | null;
}

/** What a scan told the officer: a code (and maybe its server) was read, or the QR was not an enrollment code. */
export type ScanNote = Extract<EnrollmentKey, 'scanned' | 'scannedWithServer' | 'scannedNotCode'>;

export interface EnrollmentFormOptions {
  device: SettingsMap['device'] | null;
  /** The tablet has a lead PIN already: re-enrolling keeps it and does not ask for one. */
  leadPinSet: boolean;
  enroll: (request: EnrollTabletRequest) => Promise<EnrollTabletResult>;
  /** The address the app was loaded from: the likely server, and whether an http server may be called at all. */
  pageUrl: string;
}

const NO_PROBLEMS: EnrollmentProblems = { server: null, code: null, name: null, pin: null };

export function useEnrollmentForm({ device, leadPinSet, enroll, pageUrl }: EnrollmentFormOptions) {
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
  const [phase, setPhase] = useState<EnrollmentPhase>({ kind: 'editing' });
  const [failure, setFailure] = useState<FailureMessage | null>(null);
  const [scanOpen, setScanOpen] = useState(false);
  const [scanNote, setScanNote] = useState<ScanNote | null>(null);

  const address = checkServerAddress(server, new URL(pageUrl).protocol);
  const problems: EnrollmentProblems = {
    server: address.ok ? null : address.problem,
    code: checkEnrollmentCode(code),
    name: checkDeviceName(name),
    pin: asksLeadPin ? checkNewLeadPin(pin, pinAgain) : null,
  };
  const firstInvalid = (['server', 'code', 'name', 'pin'] as const).find((field) => problems[field] !== null) ?? null;

  const run = async (serverUrl: string) => {
    setPhase({ kind: 'submitting' });
    setFailure(null);
    if (!navigator.onLine) {
      setFailure({ key: 'errorOffline', detail: null });
      setPhase({ kind: 'editing' });
      return;
    }
    try {
      const result = await enroll({
        serverUrl,
        enrollmentCode: code,
        deviceName: name.trim(),
        ...(asksLeadPin ? { leadPin: pin } : {}),
      });
      setPhase({ kind: 'done', result });
    } catch (error) {
      recordError('enrollment', error);
      setFailure(describeFailure(error, serverUrl, navigator.onLine));
      setPhase({ kind: 'editing' });
    }
  };

  return {
    /** The server this tablet is enrolled with, null when none. */
    current,
    server,
    code,
    name,
    pin,
    pinAgain,
    asksLeadPin,
    attempted,
    /** Every problem, as typed. */
    problems,
    /** The problems to show: none until the officer tried to enroll. */
    shownProblems: attempted ? problems : NO_PROBLEMS,
    valid: firstInvalid === null,
    phase,
    failure,
    scanOpen,
    scanNote,
    setServer,
    setCode: (next: string) => {
      setCode(next);
      setScanNote(null);
    },
    setName,
    setPins: (nextPin: string, nextAgain: string) => {
      setPin(nextPin);
      setPinAgain(nextAgain);
    },
    toggleScanner: () => {
      setScanOpen(!scanOpen);
      setScanNote(null);
    },
    /** A QR read by the scanner: the server's JSON {"server","code"} or a bare code fills the fields. */
    scanned: (text: string) => {
      const read = parseScannedEnrollment(text);
      if (read === null) {
        setScanNote('scannedNotCode');
        return;
      }
      setCode(read.code);
      if (read.server !== undefined) setServer(read.server);
      setScanNote(read.server === undefined ? 'scanned' : 'scannedWithServer');
      setScanOpen(false);
    },
    /**
     * The officer asked to enroll: with a problem left, nothing is sent and the first field to fix is returned (for
     * the focus, so a gloved officer need not hunt for it); an enrolled tablet asks first; else the request goes out.
     */
    submit: (): EnrollmentField | null => {
      setAttempted(true);
      if (!address.ok || firstInvalid !== null) {
        setFailure(null);
        return firstInvalid ?? 'server';
      }
      // A new enrollment replaces the token the tablet syncs with: ask, so a stray tap cannot do it.
      if (current !== null && phase.kind !== 'confirming') {
        setPhase({ kind: 'confirming' });
        return null;
      }
      void run(address.baseUrl);
      return null;
    },
    cancelConfirm: () => {
      setPhase({ kind: 'editing' });
    },
  };
}

export type EnrollmentForm = ReturnType<typeof useEnrollmentForm>;
