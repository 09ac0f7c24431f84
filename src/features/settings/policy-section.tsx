// The screening rules this tablet applies (设置 → 筛查规则): the policy's version and from when it holds, the figures
// the flags follow and the risk areas. The command publishes them; the tablet takes a new version on its next sync, so
// an officer or lead can tell at a glance whether the tablet has today's rules (ADR 038).
import { useSetting } from '../../db/live-queries.ts';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import { DEFAULT_TIME_ZONE, formatInZone } from '../../domain/time.ts';
import { domainLabels } from '../../components/domain-labels.messages.ts';
import { useLanguage, useT } from '../../platform/i18n.ts';
import { settingsMessages } from './settings.messages.ts';

/** "2026-11-28 08:00" of an ISO string in the zone's wall time. */
const DATE_AND_MINUTE_CHARS = 16;

export function PolicySection() {
  const t = useT(settingsMessages);
  const label = useT(domainLabels);
  const language = useLanguage();
  const stored = useSetting('policy');
  const device = useSetting('device');
  if (stored === undefined || device === undefined) return <p className="hint">{t('loading')}</p>;
  // Before the first sync the tablet screens by the built-in rules: say so rather than show nothing.
  const policy = stored ?? DEFAULT_POLICY;
  const timeZone = device?.timeZone ?? DEFAULT_TIME_ZONE;
  const effective = formatInZone(Date.parse(policy.effectiveFrom), timeZone)
    .slice(0, DATE_AND_MINUTE_CHARS)
    .replace('T', ' ');
  const number = new Intl.NumberFormat(language);
  return (
    <div data-testid="policy-section" data-version={policy.version}>
      <p>
        {t('policyVersion', { version: number.format(policy.version), effective })}
        {stored === null ? <span className="hint"> {t('policyBuiltIn')}</span> : null}
      </p>
      <dl>
        <div className="field">
          <dt className="field-label">{t('policyFever')}</dt>
          <dd style={{ margin: 0 }}>{t('policyFeverValue', { value: number.format(policy.feverThresholdC) })}</dd>
        </div>
        <div className="field">
          <dt className="field-label">{t('policyTestWindow')}</dt>
          <dd style={{ margin: 0 }}>{t('policyHours', { count: policy.testWindowHours })}</dd>
        </div>
        <div className="field">
          <dt className="field-label">{t('policyRiskAreas')}</dt>
          <dd style={{ margin: 0 }}>
            {policy.riskAreas.length === 0 ? (
              t('policyNoRiskAreas')
            ) : (
              <ul data-testid="policy-risk-areas" style={{ margin: 0, paddingInlineStart: '1.2em' }}>
                {policy.riskAreas.map((area) => {
                  const place = [area.province, area.city, area.county].filter(Boolean).join(' ');
                  return (
                    <li key={`${place}-${area.level}`}>
                      {place} · {label(`riskLevel.${area.level}`)}
                    </li>
                  );
                })}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="hint">{t('policyHint')}</p>
    </div>
  );
}
