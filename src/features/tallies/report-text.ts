// Words the report's screens share: the server's state in a sentence.
import type { TranslateOf } from '../../platform/i18n.ts';
import type { talliesMessages } from './tallies.messages.ts';
import type { ServerAnswer } from './use-server-tally.ts';

/** Why the whole checkpoint's figures are not shown (null when they are), and how loudly to say it. */
export function serverBanner(
  server: ServerAnswer<unknown>,
  t: TranslateOf<typeof talliesMessages>,
): { text: string; tone: string } | null {
  switch (server.state) {
    case 'not-enrolled':
      return { text: t('notEnrolled'), tone: 'banner-warn' };
    case 'offline':
      return { text: t('serverOffline'), tone: 'banner-warn' };
    case 'lead-needed':
      return { text: t('leadSessionNeeded'), tone: 'banner-warn' };
    case 'loading':
      return { text: t('serverLoading'), tone: 'hint' };
    case 'ready':
      return null;
    case 'failed':
      if (server.reason === 'http')
        return { text: t('serverFailed', { status: server.status }), tone: 'banner-danger' };
      if (server.reason === 'unauthorized') return { text: t('serverUnauthorized'), tone: 'banner-danger' };
      if (server.reason === 'invalid') return { text: t('serverInvalid'), tone: 'banner-danger' };
      return { text: t('serverUnreachable'), tone: 'banner-danger' };
  }
}
