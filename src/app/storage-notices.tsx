// The browser's answer to keeping this tablet's data (once, after the first saved check), below the screen, and a
// warning from 80 % of the storage quota on, under the header, in words. The quota is looked at on start, after each
// save (platform/storage.ts afterCheckSaved) and every few minutes.
import { useEffect, useSyncExternalStore } from 'react';
import { useLanguage, useT, type Language } from '../platform/i18n.ts';
import {
  checkQuota,
  dismissPersistenceAnswer,
  storageNotices,
  subscribeStorageNotices,
  type PersistenceAnswer,
} from '../platform/storage.ts';
import { appMessages } from './app.messages.ts';

/** Drafts and other writes grow storage between saves too; a few minutes is soon enough to warn. */
export const QUOTA_CHECK_INTERVAL_MS = 5 * 60_000;

const PERSISTENCE_KEYS = {
  granted: 'persistGranted',
  denied: 'persistDenied',
  unsupported: 'persistUnsupported',
} as const satisfies Record<PersistenceAnswer, keyof (typeof appMessages)['en']>;

function bytes(value: number, language: Language): string {
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: value >= 1024 ** 3 ? 'gigabyte' : 'megabyte',
    maximumFractionDigits: 1,
  }).format(value / (value >= 1024 ** 3 ? 1024 ** 3 : 1024 ** 2));
}

/** Under the header: the one notice here that must be seen before the next check, whatever it moves. */
export function QuotaWarning() {
  const t = useT(appMessages);
  const language = useLanguage();
  const { quota } = useSyncExternalStore(subscribeStorageNotices, storageNotices, storageNotices);

  useEffect(() => {
    void checkQuota().catch(() => undefined);
    const timer = window.setInterval(() => {
      void checkQuota().catch(() => undefined);
    }, QUOTA_CHECK_INTERVAL_MS);
    return () => {
      window.clearInterval(timer);
    };
  }, []);

  if (quota === null) return null;
  return (
    <div className="page" style={{ paddingBottom: 0 }}>
      <p className="banner banner-danger" role="alert" data-testid="quota-warning">
        {t('quotaWarning', {
          share: new Intl.NumberFormat(language, { style: 'percent' }).format(quota.usageBytes / quota.quotaBytes),
          usage: bytes(quota.usageBytes, language),
          quota: bytes(quota.quotaBytes, language),
        })}
      </p>
    </div>
  );
}

/**
 * Below the screen: it appears right after the first save, on the start screen, as the officer reaches for 开始检查,
 * and above it would push the button away from the finger.
 */
export function PersistenceAnswerNotice() {
  const t = useT(appMessages);
  const { persistence } = useSyncExternalStore(subscribeStorageNotices, storageNotices, storageNotices);
  if (persistence === null) return null;
  return (
    <div className="page" style={{ paddingTop: 0 }}>
      <div
        className={persistence === 'granted' ? 'banner banner-ok' : 'banner banner-warn'}
        role="status"
        data-testid="persistence-answer"
        data-answer={persistence}
      >
        <p style={{ margin: 0 }}>{t(PERSISTENCE_KEYS[persistence])}</p>
        <button type="button" className="btn" onClick={dismissPersistenceAnswer}>
          {t('dismiss')}
        </button>
      </div>
    </div>
  );
}
