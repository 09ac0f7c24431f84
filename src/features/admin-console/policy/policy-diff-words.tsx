// What changed between two policy versions (policyDiff, src/domain/policy-diff.ts) in the admin's words, one line a
// change: the figures with their units, the risk areas added, removed or changed in level, the recommendations and the
// allowed dispositions per vehicle type. Used by the history's comparison and before publishing.
import type { ReactNode } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { isPolicyUnchanged, type PolicyDiff, type ScalarChange } from '../../../domain/policy-diff.ts';
import type { Disposition } from '../../../domain/vocabulary.ts';
import { wallDateAndMinute } from '../../../domain/time.ts';
import { formatNumber, useLanguage, useT, type TranslateOf } from '../../../platform/i18n.ts';
import { riskAreaPlaceWords } from './risk-area-choices.ts';
import { policyMessages } from './policy.messages.ts';

/** A temperature keeps its digits (ADR 036): 37.0 reads "37.0", not "37"; a finer older value reads as it is. */
export const feverWords = (celsius: number): string =>
  Number.isInteger(Math.round(celsius * 1000) / 100) ? celsius.toFixed(1) : String(celsius);

/** Stands for the place in a message, so the place's Chinese name can be marked as Chinese inside English words. */
const PLACE_MARK = '\u0000place\u0000';

function withPlace(words: string, placeNode: ReactNode): ReactNode {
  const [before = '', after = ''] = words.split(PLACE_MARK);
  return (
    <>
      {before}
      {placeNode}
      {after}
    </>
  );
}

function scalarWords(change: ScalarChange, t: TranslateOf<typeof policyMessages>, timeZone: string): string {
  const { before, after } = change;
  switch (change.field) {
    case 'effectiveFrom':
      return t('diffEffective', {
        before: wallDateAndMinute(Date.parse(String(before)), timeZone),
        after: wallDateAndMinute(Date.parse(String(after)), timeZone),
      });
    case 'feverThresholdC':
      return t('diffFever', { before: feverWords(Number(before)), after: feverWords(Number(after)) });
    case 'testWindowHours':
      return t('diffTestWindow', {
        before: t('hours', { count: Number(before) }),
        after: t('hours', { count: Number(after) }),
      });
    case 'retentionDays':
      return t('diffRetention', {
        before: t('days', { count: Number(before) }),
        after: t('days', { count: Number(after) }),
      });
  }
}

export function PolicyDiffWords({
  diff,
  timeZone,
  titled = true,
}: {
  diff: PolicyDiff;
  timeZone: string;
  /** "Version 3 → version 5" above the changes. */
  titled?: boolean;
}) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  const language = useLanguage();
  const list = (dispositions: readonly Disposition[]) =>
    new Intl.ListFormat(language, { type: 'conjunction' }).format(dispositions.map((d) => label(`disposition.${d}`)));
  const place = (area: Parameters<typeof riskAreaPlaceWords>[0]) => (
    <span lang="zh-CN">{riskAreaPlaceWords(area)}</span>
  );

  const items: { key: string; testId: string; words: ReactNode }[] = [];
  for (const change of diff.scalars) {
    items.push({ key: `scalar-${change.field}`, testId: 'diff-scalar', words: scalarWords(change, t, timeZone) });
  }
  diff.riskAreas.added.forEach((area, i) => {
    items.push({
      key: `added-${i}`,
      testId: 'diff-area',
      words: withPlace(t('diffAreaAdded', { place: PLACE_MARK, level: label(`riskLevel.${area.level}`) }), place(area)),
    });
  });
  diff.riskAreas.removed.forEach((area, i) => {
    items.push({
      key: `removed-${i}`,
      testId: 'diff-area',
      words: withPlace(
        t('diffAreaRemoved', { place: PLACE_MARK, level: label(`riskLevel.${area.level}`) }),
        place(area),
      ),
    });
  });
  diff.riskAreas.levelChanged.forEach((change, i) => {
    items.push({
      key: `level-${i}`,
      testId: 'diff-area',
      words: withPlace(
        t('diffAreaLevel', {
          place: PLACE_MARK,
          before: label(`riskLevel.${change.before}`),
          after: label(`riskLevel.${change.after}`),
        }),
        place(change.place),
      ),
    });
  });
  for (const change of diff.recommendations) {
    items.push({
      key: `rec-${change.vehicleType}-${change.flag}`,
      testId: 'diff-recommendation',
      words: t('diffRecommendation', {
        vehicleType: label(`vehicleType.${change.vehicleType}`),
        flag: label(`flag.${change.flag}`),
        before: label(`disposition.${change.before}`),
        after: label(`disposition.${change.after}`),
      }),
    });
  }
  for (const change of diff.allowedDispositions) {
    const vehicleType = label(`vehicleType.${change.vehicleType}`);
    if (change.added.length > 0) {
      items.push({
        key: `allowed-added-${change.vehicleType}`,
        testId: 'diff-allowed',
        words: t('diffAllowedAdded', { vehicleType, list: list(change.added) }),
      });
    }
    if (change.removed.length > 0) {
      items.push({
        key: `allowed-removed-${change.vehicleType}`,
        testId: 'diff-allowed',
        words: t('diffAllowedRemoved', { vehicleType, list: list(change.removed) }),
      });
    }
  }

  return (
    <div data-testid="policy-diff">
      {titled ? (
        <h3>
          {t('diffTitle', {
            from: formatNumber(diff.fromVersion, language),
            to: formatNumber(diff.toVersion, language),
          })}
        </h3>
      ) : null}
      {isPolicyUnchanged(diff) ? (
        <p data-testid="diff-unchanged">{t('diffUnchanged')}</p>
      ) : (
        <ul className="policy-diff">
          {items.map((item) => (
            <li key={item.key} data-testid={item.testId}>
              {item.words}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
