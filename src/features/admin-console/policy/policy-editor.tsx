// The form of a new policy version: every field with its unit and bounds, the effective time on the command's clock,
// the risk areas, the recommendations and allowed dispositions per vehicle type. Publishing first shows what changes
// against the version in force, then sends the draft (the server gives the version). Read-only for an admin who may
// not publish: the same rules, in words, with why.
import { useId, useState, type SubmitEvent } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import {
  FEVER_THRESHOLD_MAX_C,
  FEVER_THRESHOLD_MIN_C,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  RISK_AREAS_MAX,
  TEST_WINDOW_HOURS_MAX,
  TEST_WINDOW_HOURS_MIN,
} from '../../../contract/policy.ts';
import { WIRE_YEAR_MAX, WIRE_YEAR_MIN } from '../../../contract/safe-values.ts';
import { policyDiff } from '../../../domain/policy-diff.ts';
import type { Policy } from '../../../domain/policy.ts';
import { wallDateAndMinute, wallTimeToIso } from '../../../domain/time.ts';
import type { PolicyDraft } from '../../../sync/admin-client.ts';
import { SyncHttpError } from '../../../sync/transport.ts';
import { formatNumber, useLanguage, useT, type Language, type TranslateOf } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { useNow } from '../../../platform/use-now.ts';
import { useAdminClient } from '../use-admin-client.ts';
import { PolicyDiffWords, feverWords } from './policy-diff-words.tsx';
import {
  formFromPolicy,
  readPolicyForm,
  toggledDispositions,
  type FieldProblem,
  type PolicyFormProblems,
  type PolicyFormState,
} from './policy-form-state.ts';
import { AllowedDispositionsTable, RecommendationsTable } from './policy-rules-tables.tsx';
import { policyMessages } from './policy.messages.ts';
import { RiskAreasEditor } from './risk-areas-editor.tsx';

const FORBIDDEN = 403;
/** How often "earlier than now" is judged again beside the effective time. */
const CLOCK_REFRESH_MS = 30_000;

/** The words of a field's refusal, with the bounds it breaks. */
function problemWords(problem: FieldProblem, t: TranslateOf<typeof policyMessages>, language: Language): string {
  const n = (value: number) => formatNumber(value, language);
  switch (problem) {
    case 'feverOutOfBounds':
      return t(problem, { min: feverWords(FEVER_THRESHOLD_MIN_C), max: feverWords(FEVER_THRESHOLD_MAX_C) });
    case 'testWindowOutOfBounds':
      return t(problem, { min: n(TEST_WINDOW_HOURS_MIN), max: n(TEST_WINDOW_HOURS_MAX) });
    case 'retentionOutOfBounds':
      return t(problem, { min: n(RETENTION_DAYS_MIN), max: n(RETENTION_DAYS_MAX) });
    case 'effectiveYears':
      // Years keep their digits: "2099", not "2,099".
      return t(problem, { min: String(WIRE_YEAR_MIN), max: String(WIRE_YEAR_MAX) });
    case 'notANumber':
    case 'feverTooPrecise':
    case 'notAWholeNumber':
    case 'effectiveMissing':
      return t(problem);
  }
}

interface FieldProps {
  label: string;
  unit: string;
  hint: string;
  value: string;
  problem: FieldProblem | undefined;
  inputMode: 'decimal' | 'numeric';
  testId: string;
  onChange: (value: string) => void;
}

function FigureField({ label, unit, hint, value, problem, inputMode, testId, onChange }: FieldProps) {
  const t = useT(policyMessages);
  const language = useLanguage();
  const ids = { input: useId(), hint: useId(), problem: useId() };
  return (
    <div className="field">
      <label htmlFor={ids.input}>{label}</label>
      <div className="policy-figure">
        <input
          id={ids.input}
          className="input"
          inputMode={inputMode}
          autoComplete="off"
          data-testid={testId}
          value={value}
          aria-invalid={problem !== undefined}
          aria-describedby={problem === undefined ? ids.hint : `${ids.problem} ${ids.hint}`}
          onChange={(event) => {
            onChange(event.target.value);
          }}
        />
        <span className="policy-unit">{unit}</span>
      </div>
      {problem === undefined ? null : (
        <p className="error-text" id={ids.problem} data-testid={`${testId}-problem`}>
          {problemWords(problem, t, language)}
        </p>
      )}
      <p className="hint" id={ids.hint}>
        {hint}
      </p>
    </div>
  );
}

function EffectiveField({
  value,
  problem,
  timeZone,
  onChange,
}: {
  value: string;
  problem: FieldProblem | undefined;
  timeZone: string;
  onChange: (value: string) => void;
}) {
  const t = useT(policyMessages);
  const language = useLanguage();
  const ids = { input: useId(), hint: useId(), problem: useId() };
  const iso = wallTimeToIso(value, timeZone);
  const nowMs = useNow(CLOCK_REFRESH_MS);
  const past = iso !== null && Date.parse(iso) < nowMs;
  return (
    <div className="field">
      <label htmlFor={ids.input}>{t('effectiveLabel')}</label>
      <input
        id={ids.input}
        className="input"
        type="datetime-local"
        data-testid="policy-effective"
        value={value}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? ids.hint : `${ids.problem} ${ids.hint}`}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
      {problem === undefined ? null : (
        <p className="error-text" id={ids.problem} data-testid="policy-effective-problem">
          {problemWords(problem, t, language)}
        </p>
      )}
      <p className="hint" id={ids.hint}>
        {t('effectiveHint', { zone: timeZone })}
        {past ? ` ${t('effectivePast')}` : ''}
      </p>
    </div>
  );
}

/** The refusals the tables and the risk areas cannot show beside a field, as a list under them. */
function RuleProblems({ problems }: { problems: PolicyFormProblems }) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  const language = useLanguage();
  const lines = [
    ...(problems.riskAreasOverMax ? [t('riskAreasOverMax', { max: formatNumber(RISK_AREAS_MAX, language) })] : []),
    ...problems.releaseMissing.map((type) => t('releaseMissing', { vehicleType: label(`vehicleType.${type}`) })),
    ...problems.recommendations.map((p) =>
      t('recommendationNotAllowed', {
        vehicleType: label(`vehicleType.${p.vehicleType}`),
        flag: label(`flag.${p.flag}`),
        disposition: label(`disposition.${p.disposition}`),
      }),
    ),
  ];
  if (lines.length === 0) return null;
  return (
    <ul className="error-text" data-testid="policy-rule-problems">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

export interface PolicyEditorProps {
  /** The version the form starts from. */
  base: Policy;
  /** The version in force, which publishing compares the draft with. */
  current: Policy;
  /** The highest version published: the draft will be the next. */
  latestVersion: number;
  readOnly: boolean;
  timeZone: string;
  onPublished: (published: Policy) => void;
}

export function PolicyEditor({ base, current, latestVersion, readOnly, timeZone, onPublished }: PolicyEditorProps) {
  const t = useT(policyMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const client = useAdminClient();
  const [form, setForm] = useState<PolicyFormState>(() => formFromPolicy(base, Date.now(), timeZone));
  const [attempted, setAttempted] = useState(false);
  const [confirming, setConfirming] = useState<PolicyDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [publishProblem, setPublishProblem] = useState<string | null>(null);

  const reading = readPolicyForm(form, timeZone);
  const problems = attempted && 'problems' in reading ? reading.problems : null;
  const edit = (change: Partial<PolicyFormState>) => {
    setForm((before) => ({ ...before, ...change }));
    setConfirming(null);
  };

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempted(true);
    setPublishProblem(null);
    setConfirming('draft' in reading ? reading.draft : null);
  };

  const publish = async (draft: PolicyDraft) => {
    if (client === null) return;
    setBusy(true);
    setPublishProblem(null);
    try {
      onPublished(await client.publishPolicy(draft));
    } catch (error) {
      noteConsoleError(error);
      setPublishProblem(
        error instanceof SyncHttpError && error.status === FORBIDDEN
          ? t('publishForbidden')
          : consoleErrorWords(error, tc),
      );
      setBusy(false);
    }
  };

  const n = (value: number) => formatNumber(value, language);

  return (
    <form className="policy-form" noValidate onSubmit={onSubmit} data-testid="policy-form" data-read-only={readOnly}>
      <h2>{readOnly ? t('viewTitle') : t('editTitle')}</h2>
      {readOnly ? null : <p className="hint">{t('editIntro', { version: n(base.version) })}</p>}
      <fieldset className="card policy-figures" disabled={readOnly}>
        <legend>{t('figuresTitle')}</legend>
        <div className="policy-grid">
          <FigureField
            label={t('feverLabel')}
            unit={t('unitC')}
            hint={t('feverHint', { min: feverWords(FEVER_THRESHOLD_MIN_C), max: feverWords(FEVER_THRESHOLD_MAX_C) })}
            value={form.feverThresholdC}
            problem={problems?.feverThresholdC}
            inputMode="decimal"
            testId="policy-fever"
            onChange={(feverThresholdC) => {
              edit({ feverThresholdC });
            }}
          />
          <FigureField
            label={t('testWindowLabel')}
            unit={t('unitHours')}
            hint={t('testWindowHint', { min: n(TEST_WINDOW_HOURS_MIN), max: n(TEST_WINDOW_HOURS_MAX) })}
            value={form.testWindowHours}
            problem={problems?.testWindowHours}
            inputMode="numeric"
            testId="policy-test-window"
            onChange={(testWindowHours) => {
              edit({ testWindowHours });
            }}
          />
          <FigureField
            label={t('retentionLabel')}
            unit={t('unitDays')}
            hint={t('retentionHint', { min: n(RETENTION_DAYS_MIN), max: n(RETENTION_DAYS_MAX) })}
            value={form.retentionDays}
            problem={problems?.retentionDays}
            inputMode="numeric"
            testId="policy-retention"
            onChange={(retentionDays) => {
              edit({ retentionDays });
            }}
          />
          {readOnly ? null : (
            <EffectiveField
              value={form.effectiveFrom}
              problem={problems?.effectiveFrom}
              timeZone={timeZone}
              onChange={(effectiveFrom) => {
                edit({ effectiveFrom });
              }}
            />
          )}
        </div>
      </fieldset>
      <RiskAreasEditor
        areas={form.riskAreas}
        readOnly={readOnly}
        onChange={(riskAreas) => {
          edit({ riskAreas });
        }}
      />
      <RecommendationsTable
        recommendations={form.recommendations}
        problems={problems?.recommendations ?? []}
        readOnly={readOnly}
        onChange={(vehicleType, flag, disposition) => {
          edit({
            recommendations: {
              ...form.recommendations,
              [vehicleType]: { ...form.recommendations[vehicleType], [flag]: disposition },
            },
          });
        }}
      />
      <AllowedDispositionsTable
        allowed={form.allowedDispositions}
        readOnly={readOnly}
        onToggle={(vehicleType, disposition) => {
          edit({
            allowedDispositions: {
              ...form.allowedDispositions,
              [vehicleType]: toggledDispositions(form.allowedDispositions[vehicleType], disposition),
            },
          });
        }}
      />
      {readOnly ? null : (
        <div className="card policy-publish">
          {problems === null ? null : (
            <>
              <p className="banner banner-danger" role="alert" data-testid="policy-problems">
                {t('problemsSummary', { count: 'count' in reading ? reading.count : 0 })}
              </p>
              <RuleProblems problems={problems} />
            </>
          )}
          {confirming === null ? (
            <button type="submit" className="btn btn-primary btn-big">
              {t('publish')}
            </button>
          ) : (
            <div role="alertdialog" aria-labelledby="policy-confirm-title" data-testid="policy-confirm">
              <h3 id="policy-confirm-title">{t('confirmTitle')}</h3>
              <p>
                {t('confirmIntro', {
                  effective: wallDateAndMinute(Date.parse(confirming.effectiveFrom), timeZone),
                  version: n(current.version),
                })}
              </p>
              <PolicyDiffWords
                diff={policyDiff(current, { ...confirming, version: latestVersion + 1 })}
                timeZone={timeZone}
                titled={false}
              />
              <div className="btn-row">
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy}
                  onClick={() => void publish(confirming)}
                >
                  {busy ? t('publishing') : t('confirmPublish')}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => {
                    setConfirming(null);
                  }}
                >
                  {t('backToEdit')}
                </button>
              </div>
            </div>
          )}
          {publishProblem === null ? null : (
            <p className="banner banner-danger" role="alert" data-testid="policy-publish-problem">
              {publishProblem}
            </p>
          )}
        </div>
      )}
    </form>
  );
}
