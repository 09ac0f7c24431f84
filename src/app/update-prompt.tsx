// Asks before a new version takes over. On a check screen the officer finishes the check first:
// the update is offered again on the start screen, so nothing reloads under a check in progress.
// Shown below the screen (app.tsx), so that appearing it moves nothing.
import { useLocation } from 'wouter';
import { useT } from '../platform/i18n.ts';
import { useSwUpdate } from '../platform/sw-update.ts';
import { appMessages } from './app.messages.ts';

export function UpdatePrompt() {
  const t = useT(appMessages);
  const [location] = useLocation();
  const { needRefresh, offlineReady, applyUpdate, dismissOfflineReady } = useSwUpdate();
  const checkInProgress = location.startsWith('/check/');

  if (needRefresh) {
    return (
      <div className="banner banner-warn no-print" role="status" data-testid="update-prompt" style={{ margin: 12 }}>
        {t('updateReady')}{' '}
        {checkInProgress ? (
          <span>{t('updateAfterCheck')}</span>
        ) : (
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              void applyUpdate();
            }}
          >
            {t('updateNow')}
          </button>
        )}
      </div>
    );
  }
  // "Ready to work offline" waits for the start screen too: news that needs nothing done has no place in a check.
  if (offlineReady && !checkInProgress) {
    return (
      <div className="banner banner-ok no-print" role="status" data-testid="offline-ready" style={{ margin: 12 }}>
        {t('offlineReady')}{' '}
        <button type="button" className="btn" onClick={dismissOfflineReady}>
          {t('dismiss')}
        </button>
      </div>
    );
  }
  return null;
}
