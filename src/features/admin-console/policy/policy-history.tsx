// Every published version — when it holds, when and by whom it was published — and the difference between any two,
// read from the server (each version never changes, so each is fetched once) and said in words.
import { useId, useRef, useState } from 'react';
import type { PolicyVersionListing } from '../../../contract/admin-console.ts';
import { policyDiff, type PolicyDiff } from '../../../domain/policy-diff.ts';
import type { Policy } from '../../../domain/policy.ts';
import { wallDateAndMinute } from '../../../domain/time.ts';
import { formatNumber, useLanguage, useT, type TranslateOf } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { useAdminClient } from '../use-admin-client.ts';
import { PolicyDiffWords } from './policy-diff-words.tsx';
import { policyMessages } from './policy.messages.ts';

/** Who published a version as the server records it: an admin's username, the admin token, or nobody (version 1). */
export const ADMIN_TOKEN_PUBLISHER = 'admin-token';

type Comparison =
  | { state: 'idle' }
  | { state: 'same' }
  | { state: 'loading' }
  | { state: 'ready'; diff: PolicyDiff }
  | { state: 'failed'; error: unknown };

export function publisherWords(by: string | null, t: TranslateOf<typeof policyMessages>): string {
  if (by === null) return t('byBuiltIn');
  return by === ADMIN_TOKEN_PUBLISHER ? t('byToken') : by;
}

export function PolicyHistory({
  versions,
  currentVersion,
  timeZone,
}: {
  /** Newest first, as the server lists them. */
  versions: readonly PolicyVersionListing[];
  currentVersion: number;
  timeZone: string;
}) {
  const t = useT(policyMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const client = useAdminClient();
  const ids = { from: useId(), to: useId() };
  const [from, setFrom] = useState(String(versions[1]?.version ?? versions[0]?.version ?? ''));
  const [to, setTo] = useState(String(versions[0]?.version ?? ''));
  const [comparison, setComparison] = useState<Comparison>({ state: 'idle' });
  const fetched = useRef(new Map<number, Promise<Policy>>());
  const time = (iso: string) => wallDateAndMinute(Date.parse(iso), timeZone);
  const n = (value: number) => formatNumber(value, language);

  const policyOf = (version: number): Promise<Policy> => {
    const known = fetched.current.get(version);
    if (known !== undefined) return known;
    if (client === null) return Promise.reject(new Error('not signed in'));
    const loading = client.policy(version);
    fetched.current.set(version, loading);
    // A failed read is tried again next time.
    loading.catch(() => fetched.current.delete(version));
    return loading;
  };

  const compare = async () => {
    const older = Number(from);
    const newer = Number(to);
    if (older === newer) {
      setComparison({ state: 'same' });
      return;
    }
    setComparison({ state: 'loading' });
    try {
      const [before, after] = await Promise.all([policyOf(older), policyOf(newer)]);
      setComparison({ state: 'ready', diff: policyDiff(before, after) });
    } catch (error) {
      noteConsoleError(error);
      setComparison({ state: 'failed', error });
    }
  };

  const options = versions.map((v) => (
    <option key={v.version} value={v.version}>
      {t('versionNumber', { version: n(v.version) })}
    </option>
  ));

  return (
    <section className="card" data-testid="policy-history">
      <h2>{t('historyTitle')}</h2>
      <div className="policy-table-scroll">
        <table className="console-table" data-testid="policy-versions">
          <thead>
            <tr>
              <th scope="col">{t('colVersion')}</th>
              <th scope="col">{t('colEffective')}</th>
              <th scope="col">{t('colPublishedAt')}</th>
              <th scope="col">{t('colPublishedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-testid="policy-version" data-version={v.version}>
                <th scope="row">
                  {t('versionNumber', { version: n(v.version) })}
                  {v.version === currentVersion ? <span className="chip"> {t('current')}</span> : null}
                  {v.version > currentVersion ? <span className="chip chip-warn"> {t('pending')}</span> : null}
                </th>
                <td>{time(v.effectiveFrom)}</td>
                <td>{time(v.publishedAt)}</td>
                <td>{publisherWords(v.publishedBy, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {versions.length < 2 ? null : (
        <div className="policy-compare" data-testid="policy-compare">
          <h3>{t('compareTitle')}</h3>
          <div className="policy-grid">
            <div className="field">
              <label htmlFor={ids.from}>{t('compareFrom')}</label>
              <select
                id={ids.from}
                className="input"
                value={from}
                onChange={(event) => {
                  setFrom(event.target.value);
                  setComparison({ state: 'idle' });
                }}
              >
                {options}
              </select>
            </div>
            <div className="field">
              <label htmlFor={ids.to}>{t('compareTo')}</label>
              <select
                id={ids.to}
                className="input"
                value={to}
                onChange={(event) => {
                  setTo(event.target.value);
                  setComparison({ state: 'idle' });
                }}
              >
                {options}
              </select>
            </div>
          </div>
          <button
            type="button"
            className="btn btn-primary"
            disabled={comparison.state === 'loading'}
            onClick={() => void compare()}
          >
            {comparison.state === 'loading' ? t('comparing') : t('compare')}
          </button>
          {comparison.state === 'same' ? <p className="error-text">{t('compareSame')}</p> : null}
          {comparison.state === 'failed' ? (
            <p className="banner banner-danger" role="alert">
              {consoleErrorWords(comparison.error, tc)}
            </p>
          ) : null}
          {comparison.state === 'ready' ? <PolicyDiffWords diff={comparison.diff} timeZone={timeZone} /> : null}
        </div>
      )}
    </section>
  );
}
