// The policy form's state and its checks: the figures as typed, the effective time as a datetime-local value on the
// command's clock, the risk areas, the recommendations and the allowed dispositions; read into the draft the server
// takes (PUT /api/v1/policy) or refused field by field, each refusal a message of the policy catalogue. The bounds are
// the contract's (src/contract/policy.ts), so the form refuses exactly what the server would.
import {
  FEVER_THRESHOLD_MAX_C,
  FEVER_THRESHOLD_MIN_C,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  RISK_AREAS_MAX,
  TEST_WINDOW_HOURS_MAX,
  TEST_WINDOW_HOURS_MIN,
} from '../../../contract/policy.ts';
import { inWireYears } from '../../../contract/safe-values.ts';
import type { Policy, RiskArea } from '../../../domain/policy.ts';
import { isoToWallTime, wallTimeToIso } from '../../../domain/time.ts';
import {
  DISPOSITIONS,
  FLAGS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type VehicleType,
} from '../../../domain/vocabulary.ts';
import type { PolicyDraft } from '../../../sync/admin-client.ts';

export interface PolicyFormState {
  feverThresholdC: string;
  testWindowHours: string;
  retentionDays: string;
  /** 'YYYY-MM-DDTHH:mm' on the command's clock, as a datetime-local input holds it. */
  effectiveFrom: string;
  riskAreas: RiskArea[];
  recommendations: Record<VehicleType, Record<Flag, Disposition>>;
  allowedDispositions: Record<VehicleType, Disposition[]>;
}

/** The form filled from a published policy, to take effect at `nowMs` unless the admin says otherwise. */
export function formFromPolicy(policy: Policy, nowMs: number, timeZone: string): PolicyFormState {
  return {
    feverThresholdC: String(policy.feverThresholdC),
    testWindowHours: String(policy.testWindowHours),
    retentionDays: String(policy.retentionDays),
    effectiveFrom: isoToWallTime(new Date(nowMs).toISOString(), timeZone),
    riskAreas: policy.riskAreas.map((area) => ({ ...area })),
    recommendations: Object.fromEntries(
      VEHICLE_TYPES.map((type) => [type, { ...policy.recommendations[type] }]),
    ) as PolicyFormState['recommendations'],
    allowedDispositions: Object.fromEntries(
      VEHICLE_TYPES.map((type) => [type, DISPOSITIONS.filter((d) => policy.allowedDispositions[type].includes(d))]),
    ) as PolicyFormState['allowedDispositions'],
  };
}

/** A field's refusal: the message key of the policy catalogue and what it fills in. */
export type FieldProblem =
  | 'notANumber'
  | 'feverOutOfBounds'
  | 'feverTooPrecise'
  | 'notAWholeNumber'
  | 'testWindowOutOfBounds'
  | 'retentionOutOfBounds'
  | 'effectiveMissing'
  | 'effectiveYears';

export interface RecommendationProblem {
  vehicleType: VehicleType;
  flag: Flag;
  disposition: Disposition;
}

export interface PolicyFormProblems {
  feverThresholdC?: FieldProblem | undefined;
  testWindowHours?: FieldProblem | undefined;
  retentionDays?: FieldProblem | undefined;
  effectiveFrom?: FieldProblem | undefined;
  riskAreasOverMax?: boolean | undefined;
  /** Vehicle types whose allowed dispositions leave out release. */
  releaseMissing: VehicleType[];
  /** Recommendations the vehicle type does not allow. */
  recommendations: RecommendationProblem[];
}

export type PolicyFormReading = { draft: PolicyDraft } | { problems: PolicyFormProblems; count: number };

// Typed on a Chinese keyboard the decimal point may come as a comma or a full stop of its own.
const DECIMAL = /^-?\d+(?:\.\d+)?$/u;
const WHOLE = /^-?\d+$/u;
const FEVER_DECIMALS_MAX = 1;

function readNumber(typed: string): number | null {
  const text = typed.trim().replace(/[,，。]/gu, '.');
  return DECIMAL.test(text) ? Number(text) : null;
}

function decimalsOf(typed: string): number {
  const text = typed.trim().replace(/[,，。]/gu, '.');
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}

function readFever(typed: string): { value: number } | { problem: FieldProblem } {
  const value = readNumber(typed);
  if (value === null) return { problem: 'notANumber' };
  if (value < FEVER_THRESHOLD_MIN_C || value > FEVER_THRESHOLD_MAX_C) return { problem: 'feverOutOfBounds' };
  // Readings are kept to 0.1 °C (src/domain/temperature.ts): a second decimal would be a typo, never a rule.
  if (decimalsOf(typed) > FEVER_DECIMALS_MAX) return { problem: 'feverTooPrecise' };
  return { value };
}

function readWhole(
  typed: string,
  min: number,
  max: number,
  outOfBounds: FieldProblem,
): { value: number } | { problem: FieldProblem } {
  const text = typed.trim();
  if (readNumber(text) === null) return { problem: 'notANumber' };
  if (!WHOLE.test(text)) return { problem: 'notAWholeNumber' };
  const value = Number(text);
  return value < min || value > max ? { problem: outOfBounds } : { value };
}

function readEffectiveFrom(wall: string, timeZone: string): { value: string } | { problem: FieldProblem } {
  const iso = wallTimeToIso(wall, timeZone);
  if (iso === null) return { problem: 'effectiveMissing' };
  return inWireYears(iso) ? { value: iso } : { problem: 'effectiveYears' };
}

/** The draft the form says, or every refusal at once. */
export function readPolicyForm(form: PolicyFormState, timeZone: string): PolicyFormReading {
  const fever = readFever(form.feverThresholdC);
  const testWindow = readWhole(
    form.testWindowHours,
    TEST_WINDOW_HOURS_MIN,
    TEST_WINDOW_HOURS_MAX,
    'testWindowOutOfBounds',
  );
  const retention = readWhole(form.retentionDays, RETENTION_DAYS_MIN, RETENTION_DAYS_MAX, 'retentionOutOfBounds');
  const effective = readEffectiveFrom(form.effectiveFrom, timeZone);
  const releaseMissing = VEHICLE_TYPES.filter((type) => !form.allowedDispositions[type].includes('release'));
  const recommendations = VEHICLE_TYPES.flatMap((vehicleType) =>
    FLAGS.flatMap((flag) => {
      const disposition = form.recommendations[vehicleType][flag];
      return form.allowedDispositions[vehicleType].includes(disposition) ? [] : [{ vehicleType, flag, disposition }];
    }),
  );
  const riskAreasOverMax = form.riskAreas.length > RISK_AREAS_MAX;

  if ('value' in fever && 'value' in testWindow && 'value' in retention && 'value' in effective) {
    if (releaseMissing.length === 0 && recommendations.length === 0 && !riskAreasOverMax) {
      return {
        draft: {
          effectiveFrom: effective.value,
          feverThresholdC: fever.value,
          testWindowHours: testWindow.value,
          riskAreas: form.riskAreas.map((area) => ({ ...area })),
          recommendations: form.recommendations,
          allowedDispositions: form.allowedDispositions,
          retentionDays: retention.value,
        },
      };
    }
  }
  const problems: PolicyFormProblems = {
    feverThresholdC: 'problem' in fever ? fever.problem : undefined,
    testWindowHours: 'problem' in testWindow ? testWindow.problem : undefined,
    retentionDays: 'problem' in retention ? retention.problem : undefined,
    effectiveFrom: 'problem' in effective ? effective.problem : undefined,
    riskAreasOverMax,
    releaseMissing,
    recommendations,
  };
  const count =
    [problems.feverThresholdC, problems.testWindowHours, problems.retentionDays, problems.effectiveFrom].filter(
      (problem) => problem !== undefined,
    ).length +
    (riskAreasOverMax ? 1 : 0) +
    releaseMissing.length +
    recommendations.length;
  return { problems, count };
}

/** The allowed dispositions of a type with one switched on or off, kept in the vocabulary's order. */
export function toggledDispositions(allowed: readonly Disposition[], disposition: Disposition): Disposition[] {
  const on = !allowed.includes(disposition);
  return DISPOSITIONS.filter((d) => (d === disposition ? on : allowed.includes(d)));
}
