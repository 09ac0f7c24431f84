// A checkpoint's tablets in the console: name, id, enrolled, last seen, last sync, app version and the checks still
// pending on each (as each reported when it last synced); a tablet holding checks for over two hours stands out. A lost
// tablet is found here by name or id and revoked, after a confirmation.
import { useState } from 'react';
import { Link } from 'wouter';
import type { DeviceListing } from '../../../contract/admin-console.ts';
import { formatInZone } from '../../../domain/time.ts';
import { useLanguage, useT } from '../../../platform/i18n.ts';
import { useNow } from '../../../platform/use-now.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { CheckboxRow, ConsoleFailure } from '../console-parts.tsx';
import { useAdminClient } from '../use-admin-client.ts';
import { useConsoleData } from '../use-console-data.ts';
import { needsAttention } from './tablet-attention.ts';
import { tabletsMessages } from './tablets.messages.ts';

/** How often the two-hour mark is looked at again. */
const ATTENTION_REFRESH_MS = 60_000;
/** "2026-11-28 08:01" of an ISO time. */
const DATE_AND_MINUTE_CHARS = 16;

function TabletRow({
  device,
  timeZone,
  nowMs,
  onRevoked,
}: {
  device: DeviceListing;
  timeZone: string;
  nowMs: number;
  onRevoked: () => void;
}) {
  const t = useT(tabletsMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const client = useAdminClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const time = (iso: string | null) =>
    iso === null
      ? t('never')
      : formatInZone(Date.parse(iso), timeZone).slice(0, DATE_AND_MINUTE_CHARS).replace('T', ' ');
  const attention = needsAttention(device, nowMs);
  const revoked = device.revokedAt !== null;

  const revoke = async () => {
    if (client === null) return;
    setBusy(true);
    setProblem(null);
    try {
      await client.revokeDevice(device.deviceId);
      setConfirming(false);
      onRevoked();
    } catch (error) {
      noteConsoleError(error);
      setProblem(consoleErrorWords(error, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr data-testid="tablet-row" data-device-id={device.deviceId} data-attention={attention} data-revoked={revoked}>
      <td>
        <strong>{device.name}</strong>
        {revoked ? <span className="chip"> {t('revoked')}</span> : null}
        {attention ? <span className="chip chip-warn"> {t('stale')}</span> : null}
      </td>
      <td>
        <code style={{ overflowWrap: 'anywhere', userSelect: 'all' }}>{device.deviceId}</code>
      </td>
      <td>{time(device.enrolledAt)}</td>
      <td>{time(device.lastSeenAt)}</td>
      <td>{time(device.lastSyncAt)}</td>
      <td data-testid="tablet-version">{device.appVersion ?? t('unknown')}</td>
      <td className="figure" data-testid="tablet-pending">
        {device.pendingChecks === null ? t('unknown') : new Intl.NumberFormat(language).format(device.pendingChecks)}
      </td>
      <td>
        {!revoked && !confirming ? (
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            {t('revoke')}
          </button>
        ) : null}
        {confirming ? (
          <div role="alertdialog" aria-label={t('revoke')}>
            <p>{t('revokeConfirm', { name: device.name, id: device.deviceId })}</p>
            <div className="btn-row">
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void revoke()}>
                {t('confirm')}
              </button>
              <button type="button" className="btn" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        ) : null}
        {problem !== null ? (
          <p className="banner banner-danger" role="alert">
            {problem}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function TabletsScreen({ checkpointId }: { checkpointId: string }) {
  const t = useT(tabletsMessages);
  const tc = useT(consoleMessages);
  const [showRevoked, setShowRevoked] = useState(false);
  // Whether a tablet's pending checks have waited over two hours changes with the clock, not only with a reload.
  const nowMs = useNow(ATTENTION_REFRESH_MS);
  const [data, reload] = useConsoleData(
    async (client) => {
      const checkpoints = await client.listCheckpoints();
      const checkpoint = checkpoints.find((c) => c.id === checkpointId) ?? null;
      return { checkpoint, devices: checkpoint === null ? [] : await client.listDevices(checkpointId) };
    },
    [checkpointId],
  );

  const back = (
    <Link href="/" className="btn">
      {t('back')}
    </Link>
  );
  if (data.state === 'loading') return <p className="page">{tc('loading')}</p>;
  if (data.state === 'failed') {
    return (
      <div className="page">
        <ConsoleFailure error={data.error} onRetry={reload}>
          {back}
        </ConsoleFailure>
      </div>
    );
  }
  const { checkpoint, devices } = data.value;
  if (checkpoint === null) {
    return (
      <div className="page">
        <p className="banner banner-warn">{t('notFound')}</p>
        {back}
      </div>
    );
  }
  const shown = devices.filter((device) => showRevoked || device.revokedAt === null);
  return (
    <div className="page">
      <div className="btn-row">{back}</div>
      <h1>{t('title', { name: checkpoint.name })}</h1>
      <p className="hint">{t('intro')}</p>
      {shown.length === 0 ? (
        <p className="banner banner-warn">{t('none')}</p>
      ) : (
        <div className="card" style={{ overflowX: 'auto' }}>
          <table className="console-table" data-testid="tablets">
            <thead>
              <tr>
                <th>{t('colName')}</th>
                <th>{t('colId')}</th>
                <th>{t('colEnrolled')}</th>
                <th>{t('colLastSeen')}</th>
                <th>{t('colLastSync')}</th>
                <th>{t('colVersion')}</th>
                <th className="figure">{t('colPending')}</th>
                <th>{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((device) => (
                <TabletRow
                  key={device.deviceId}
                  device={device}
                  timeZone={checkpoint.timezone}
                  nowMs={nowMs}
                  onRevoked={reload}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <CheckboxRow checked={showRevoked} onChange={setShowRevoked}>
        {t('showRevoked')}
      </CheckboxRow>
    </div>
  );
}
