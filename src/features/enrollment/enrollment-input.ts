// What the officer types or scans to enroll: the server address, the enrollment code and the device name, checked before any request.
import { normaliseEnrollmentCode, normaliseServerUrl } from '../../sync/transport.ts';

export type AddressProblem = 'empty' | 'notUrl' | 'mixedContent';
export type CodeProblem = 'empty' | 'tooShort';
export type NameProblem = 'empty' | 'tooLong';

/** Long enough for "3号平板（东向）", short enough for the server's device list and the header. */
export const DEVICE_NAME_MAX_CHARS = 40;
/** The server's codes carry ≥ 100 bits (20+ characters of a 32-letter alphabet): anything much shorter is a typo. */
export const ENROLLMENT_CODE_MIN_CHARS = 16;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type AddressCheck = { ok: true; baseUrl: string } | { ok: false; problem: AddressProblem };

/**
 * The base URL the tablet will call, without a trailing slash.
 * `pageProtocol` is the protocol the app itself was loaded over: an https page may not call an http
 * server (the browser blocks it as mixed content, with no error the officer could read), except on loopback.
 */
export function checkServerAddress(input: string, pageProtocol: string): AddressCheck {
  if (input.trim() === '') return { ok: false, problem: 'empty' };
  const baseUrl = normaliseServerUrl(input);
  if (baseUrl === null) return { ok: false, problem: 'notUrl' };
  const url = new URL(baseUrl);
  if (url.protocol === 'http:' && pageProtocol === 'https:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, problem: 'mixedContent' };
  }
  return { ok: true, baseUrl };
}

/** Letters, digits and the hyphens between groups; without them, how long the code is. */
function codeLength(code: string): number {
  return code.replace(/-/gu, '').length;
}

export function checkEnrollmentCode(input: string): CodeProblem | null {
  const code = normaliseEnrollmentCode(input);
  if (code === '') return 'empty';
  if (codeLength(code) < ENROLLMENT_CODE_MIN_CHARS) return 'tooShort';
  return null;
}

export function checkDeviceName(input: string): NameProblem | null {
  const name = input.trim();
  if (name === '') return 'empty';
  // UTF-16 units, as the server's own limit counts them.
  if (name.length > DEVICE_NAME_MAX_CHARS) return 'tooLong';
  return null;
}

export interface ScannedEnrollment {
  code: string;
  /** Present when the QR named its server. */
  server?: string;
}

/** The server's QR holds JSON {"server","code"}, or just the code; anything else is not an enrollment code. */
export function parseScannedEnrollment(text: string): ScannedEnrollment | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null) return null;
    const code: unknown = Reflect.get(parsed, 'code');
    const server: unknown = Reflect.get(parsed, 'server');
    if (typeof code !== 'string' || checkEnrollmentCode(code) !== null) return null;
    const normalised = normaliseEnrollmentCode(code);
    return typeof server === 'string' && server.trim() !== ''
      ? { code: normalised, server: server.trim() }
      : { code: normalised };
  }
  // A bare code is one token of letters, digits and hyphens: a URL or a health code is not one.
  if (!/^[A-Za-z\d-]+$/u.test(trimmed) || checkEnrollmentCode(trimmed) !== null) return null;
  return { code: normaliseEnrollmentCode(trimmed) };
}
