// A failed call of the console: a refused or expired token ends the session (once, for every screen), and any failure
// reads in words. The server's own problem detail is shown beside the words for 400 and 403: it names the field or
// the checkpoint the admin must change.
import { SyncHttpError, SyncNetworkError, SyncProtocolError, SyncUnauthorizedError } from '../../sync/transport.ts';
import type { TranslateOf } from '../../platform/i18n.ts';
import { endSession } from './console-session.ts';
import type { consoleMessages } from './console.messages.ts';

/** The server's words for an expired admin session (src/server/plugins/auth.ts). */
const EXPIRED_PATTERN = /expired/iu;

/** Call where a call failed (an event handler or an effect, never a render): a refused token signs out. */
export function noteConsoleError(error: unknown): void {
  if (error instanceof SyncUnauthorizedError) {
    endSession(error.detail !== null && EXPIRED_PATTERN.test(error.detail) ? 'expired' : 'refused');
  }
}

/** The failure in the admin's language. Pure: safe in a render. */
export function consoleErrorWords(error: unknown, t: TranslateOf<typeof consoleMessages>): string {
  if (error instanceof SyncUnauthorizedError) return t('refused');
  if (error instanceof SyncNetworkError) return t('serverUnreachable');
  if (error instanceof SyncProtocolError) return t('unexpected');
  if (error instanceof SyncHttpError) {
    const detail = error.detail ?? String(error.status);
    if (error.status === 403) return t('forbidden', { detail });
    if (error.status >= 500) return t('serverError', { status: String(error.status) });
    return t('rejected', { detail });
  }
  return t('unexpected');
}
