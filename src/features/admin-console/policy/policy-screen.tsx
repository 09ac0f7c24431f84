// 筛查规则 in the console: the policy in force, a new version edited and published (by an admin of every checkpoint;
// anyone else reads it, told why), and the history with the difference between any two versions. Times are on the
// command's clock, as the rest of the console's.
import { useState } from 'react';
import type { PolicyVersionListing } from '../../../contract/admin-console.ts';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import type { Policy } from '../../../domain/policy.ts';
import { DEFAULT_TIME_ZONE, wallDateAndMinute } from '../../../domain/time.ts';
import { formatNumber, useLanguage, useT } from '../../../platform/i18n.ts';
import { consoleErrorWords } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { useConsoleData } from '../use-console-data.ts';
import { PolicyEditor } from './policy-editor.tsx';
import { PolicyHistory, publisherWords } from './policy-history.tsx';
import { policyMessages } from './policy.messages.ts';
import './policy.css';

/** The command's clock: the console's times are read and typed in it. */
const COMMAND_TIME_ZONE = DEFAULT_TIME_ZONE;

interface PolicyData {
  current: Policy;
  versions: PolicyVersionListing[];
}

export function PolicyScreen({ scope }: { scope: AdminScope }) {
  const t = useT(policyMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const [published, setPublished] = useState<Policy | null>(null);
  const [data, reload] = useConsoleData<PolicyData>(async (client) => {
    const [current, versions] = await Promise.all([client.currentPolicy(), client.policyVersions()]);
    return { current, versions };
  }, []);

  if (data.state === 'loading') return <p className="page">{tc('loading')}</p>;
  if (data.state === 'failed') {
    return (
      <div className="page">
        <p className="banner banner-danger" role="alert">
          {consoleErrorWords(data.error, tc)}
        </p>
        <button type="button" className="btn" onClick={reload}>
          {tc('retry')}
        </button>
      </div>
    );
  }

  const { current, versions } = data.value;
  const readOnly = scope.kind !== 'all';
  const time = (iso: string) => wallDateAndMinute(Date.parse(iso), COMMAND_TIME_ZONE);
  const n = (value: number) => formatNumber(value, language);
  const latest = versions[0];
  const latestVersion = Math.max(current.version, latest?.version ?? 0, published?.version ?? 0);
  const currentListing = versions.find((v) => v.version === current.version);
  // The form starts from what was just published, else from the rules in force.
  const base = published ?? current;

  return (
    <div className="page policy-page" data-testid="policy-screen">
      <h1>{t('title')}</h1>
      <p className="hint">{t('intro')}</p>
      <p className="banner banner-ok" data-testid="policy-in-effect" data-version={current.version}>
        {t('inEffect', {
          version: n(current.version),
          effective: time(current.effectiveFrom),
          by: publisherWords(currentListing?.publishedBy ?? null, t),
        })}
      </p>
      {latest !== undefined && latest.version > current.version ? (
        <p className="banner banner-warn" data-testid="policy-scheduled">
          {t('scheduled', { version: n(latest.version), effective: time(latest.effectiveFrom) })}
        </p>
      ) : null}
      {published === null ? null : (
        <p className="banner banner-ok" role="status" data-testid="policy-published">
          {t('published', { version: n(published.version), effective: time(published.effectiveFrom) })}
        </p>
      )}
      {readOnly ? (
        <p className="banner banner-warn" data-testid="policy-read-only">
          {t('readOnly')}
        </p>
      ) : null}
      <PolicyEditor
        key={`${base.version}`}
        base={base}
        current={current}
        latestVersion={latestVersion}
        readOnly={readOnly}
        timeZone={COMMAND_TIME_ZONE}
        onPublished={(policy) => {
          setPublished(policy);
          reload();
        }}
      />
      <PolicyHistory
        key={`history-${latestVersion}`}
        versions={versions}
        currentVersion={current.version}
        timeZone={COMMAND_TIME_ZONE}
      />
    </div>
  );
}
