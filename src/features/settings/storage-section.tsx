// Whether the browser may evict this tablet's data, how much space it uses, and asking to keep it.
import { useEffect, useState } from 'react';
import { useLanguage, useT } from '../../platform/i18n.ts';
import { requestPersistentStorage, storageStatus } from '../../platform/storage.ts';
import type { StorageStatus } from '../../platform/storage.ts';
import { settingsMessages } from './settings.messages.ts';

const BYTES_PER_MB = 1024 * 1024;
const MB_FRACTION_DIGITS = 1;

type RequestOutcome = 'denied' | 'unsupported';

export function StorageSection() {
  const t = useT(settingsMessages);
  const language = useLanguage();
  const [status, setStatus] = useState<StorageStatus | null>(null);
  const [requesting, setRequesting] = useState(false);
  const [outcome, setOutcome] = useState<RequestOutcome | null>(null);

  useEffect(() => {
    let mounted = true;
    void storageStatus().then((next) => {
      if (mounted) setStatus(next);
    });
    return () => {
      mounted = false;
    };
  }, []);

  if (status === null) return <p className="hint">{t('loading')}</p>;

  const mb = new Intl.NumberFormat(language, { maximumFractionDigits: MB_FRACTION_DIGITS });
  const toMb = (bytes: number) => mb.format(bytes / BYTES_PER_MB);

  const request = async () => {
    setRequesting(true);
    setOutcome(null);
    const granted = await requestPersistentStorage();
    setOutcome(granted === null ? 'unsupported' : granted ? null : 'denied');
    // Re-read rather than trust the answer: the browser is the authority on what it will keep.
    setStatus(await storageStatus());
    setRequesting(false);
  };

  return (
    <div>
      {status.persisted === true ? (
        <p className="banner banner-ok">{t('storagePersisted')}</p>
      ) : status.persisted === false ? (
        <p className="banner banner-warn">{t('storageNotPersisted')}</p>
      ) : (
        <p className="hint">{t('storagePersistUnknown')}</p>
      )}
      <p>
        {status.usageBytes !== null && status.quotaBytes !== null
          ? t('storageUsage', { usage: toMb(status.usageBytes), quota: toMb(status.quotaBytes) })
          : t('storageUsageUnknown')}
      </p>
      {status.persisted !== true && (
        <div className="btn-row">
          <button type="button" className="btn" disabled={requesting} onClick={() => void request()}>
            {requesting ? t('storageRequesting') : t('storageRequest')}
          </button>
        </div>
      )}
      {outcome !== null && (
        <p className="hint" role="status">
          {t(outcome === 'denied' ? 'storageRequestDenied' : 'storageRequestUnsupported')}
        </p>
      )}
    </div>
  );
}
