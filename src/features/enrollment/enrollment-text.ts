// Which catalogue message says each problem of the enrollment form and each way enrollment can fail. Failures are
// described when they happen (whether the tablet was online then decides the words) and translated when shown.
import { LeadPinRefusedError } from '../../db/lead-pin-repository.ts';
import { StorageFullError } from '../../db/storage-errors.ts';
import { EnrollmentError } from '../../sync/transport.ts';
import type { AddressProblem, CodeProblem, NameProblem } from './enrollment-input.ts';
import type { TextKey, TranslateOf } from '../../platform/i18n.ts';
import type { enrollmentMessages } from './enrollment.messages.ts';

export type EnrollmentKey = keyof (typeof enrollmentMessages)['en'];
type EnrollmentTextKey = TextKey<typeof enrollmentMessages>;

const MS_PER_MINUTE = 60_000;

export const ADDRESS_KEYS = {
  empty: 'addressEmpty',
  notUrl: 'addressInvalid',
  mixedContent: 'addressMixedContent',
} as const satisfies Record<AddressProblem, EnrollmentKey>;
export const CODE_KEYS = { empty: 'codeEmpty', tooShort: 'codeTooShort' } as const satisfies Record<
  CodeProblem,
  EnrollmentKey
>;
export const NAME_KEYS = { empty: 'nameEmpty', tooLong: 'nameTooLong' } as const satisfies Record<
  NameProblem,
  EnrollmentKey
>;

/** A failure as a message of the catalogue, with the server's own words when it gave any. */
export type FailureMessage =
  | { key: EnrollmentTextKey; values?: Readonly<Record<string, string>>; detail: string | null }
  | { key: 'errorRateLimited'; minutes: number; detail: null };

/** The failure in the officer's words. */
export function failureText(failure: FailureMessage, t: TranslateOf<typeof enrollmentMessages>): string {
  return failure.key === 'errorRateLimited'
    ? t('errorRateLimited', { count: failure.minutes })
    : t(failure.key, failure.values);
}

/** `online`: what the browser said at the time; its own word is the more specific one when it knows it has no network. */
export function describeFailure(error: unknown, serverUrl: string, online: boolean): FailureMessage {
  if (error instanceof EnrollmentError) {
    switch (error.kind) {
      case 'network':
        return online
          ? { key: 'errorNetwork', values: { server: serverUrl }, detail: null }
          : { key: 'errorOffline', detail: null };
      case 'invalid-code':
        return { key: 'errorInvalidCode', detail: error.detail };
      case 'rate-limited':
        return error.retryAfterMs === null
          ? { key: 'errorRateLimitedNoTime', detail: null }
          : {
              key: 'errorRateLimited',
              minutes: Math.max(1, Math.ceil(error.retryAfterMs / MS_PER_MINUTE)),
              detail: null,
            };
      case 'bad-request':
        return { key: 'errorBadRequest', detail: error.detail };
      case 'server':
        return { key: 'errorServer', detail: error.detail };
    }
  }
  if (error instanceof StorageFullError) return { key: 'errorStorageFull', detail: null };
  // Only when a PIN was set meanwhile (another tab): the tablet is enrolled, and the PIN it has stays.
  if (error instanceof LeadPinRefusedError) return { key: 'errorLeadPinRefused', detail: null };
  // A bug or a browser failure: words for the officer; the raw text is in diagnostics (use-enrollment-form records it).
  return { key: 'errorUnexpected', detail: null };
}
