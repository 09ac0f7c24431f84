// What changed from one published policy to another, for the console's history (issue 13): the admin comparing
// version 7 with version 9 sees the fields, the risk areas, the recommendations and the allowed dispositions that
// differ, and nothing else. Pure and in a stable order, so the same two versions always read the same.
import { canonicalPlace } from './places.ts';
import type { Policy, RiskArea } from './policy.ts';
import {
  DISPOSITIONS,
  FLAGS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type RiskLevel,
  type VehicleType,
} from './vocabulary.ts';

/** The policy's single values, in the order the policy form shows them. */
export const POLICY_SCALAR_FIELDS = ['effectiveFrom', 'feverThresholdC', 'testWindowHours', 'retentionDays'] as const;
export type PolicyScalarField = (typeof POLICY_SCALAR_FIELDS)[number];

export interface ScalarChange {
  field: PolicyScalarField;
  before: Policy[PolicyScalarField];
  after: Policy[PolicyScalarField];
}

/** A risk area's place, as the policy names it: the key an area is followed by from one version to the next. */
export type RiskAreaPlace = Omit<RiskArea, 'level'>;

export interface RiskLevelChange {
  place: RiskAreaPlace;
  before: RiskLevel;
  after: RiskLevel;
}

export interface RecommendationChange {
  vehicleType: VehicleType;
  flag: Flag;
  before: Disposition;
  after: Disposition;
}

export interface AllowedDispositionsChange {
  vehicleType: VehicleType;
  /** In the order of DISPOSITIONS (least strict first). */
  added: Disposition[];
  removed: Disposition[];
}

export interface PolicyDiff {
  fromVersion: number;
  toVersion: number;
  scalars: ScalarChange[];
  riskAreas: {
    /** In the newer version's order. */
    added: RiskArea[];
    /** In the older version's order. */
    removed: RiskArea[];
    /** In the newer version's order. */
    levelChanged: RiskLevelChange[];
  };
  /** By vehicle type, then flag, in the vocabulary's order. */
  recommendations: RecommendationChange[];
  /** By vehicle type in the vocabulary's order; only types whose list changed. */
  allowedDispositions: AllowedDispositionsChange[];
}

// The flag rules compare places with samePlace, so '湖南' and '湖南省' are one area: renaming it changes nothing.
const placeKey = (area: RiskAreaPlace): string =>
  [area.province, area.city ?? '', area.county ?? ''].map(canonicalPlace).join('\u0000');

const placeOf = ({ province, city, county }: RiskArea): RiskAreaPlace => ({
  province,
  ...(city === undefined ? {} : { city }),
  ...(county === undefined ? {} : { county }),
});

/** Areas by place; a place listed twice counts as its first listing, the one the console shows. */
function byPlace(areas: readonly RiskArea[]): Map<string, RiskArea> {
  const map = new Map<string, RiskArea>();
  for (const area of areas) {
    const key = placeKey(area);
    if (!map.has(key)) map.set(key, area);
  }
  return map;
}

// Two writings of one instant ('…T08:00:00+08:00' and '…T00:00:00Z') are the same effective time.
const sameScalar = (field: PolicyScalarField, before: Policy, after: Policy): boolean =>
  field === 'effectiveFrom'
    ? Date.parse(before.effectiveFrom) === Date.parse(after.effectiveFrom)
    : before[field] === after[field];

function scalarChanges(before: Policy, after: Policy): ScalarChange[] {
  return POLICY_SCALAR_FIELDS.filter((field) => !sameScalar(field, before, after)).map((field) => ({
    field,
    before: before[field],
    after: after[field],
  }));
}

function riskAreaChanges(before: Policy, after: Policy): PolicyDiff['riskAreas'] {
  const older = byPlace(before.riskAreas);
  const newer = byPlace(after.riskAreas);
  const levelChanged: RiskLevelChange[] = [];
  for (const [key, area] of newer) {
    const was = older.get(key);
    if (was !== undefined && was.level !== area.level) {
      levelChanged.push({ place: placeOf(area), before: was.level, after: area.level });
    }
  }
  return {
    added: [...newer].filter(([key]) => !older.has(key)).map(([, area]) => area),
    removed: [...older].filter(([key]) => !newer.has(key)).map(([, area]) => area),
    levelChanged,
  };
}

function recommendationChanges(before: Policy, after: Policy): RecommendationChange[] {
  return VEHICLE_TYPES.flatMap((vehicleType) =>
    FLAGS.flatMap((flag) => {
      const was = before.recommendations[vehicleType][flag];
      const is = after.recommendations[vehicleType][flag];
      return was === is ? [] : [{ vehicleType, flag, before: was, after: is }];
    }),
  );
}

function allowedChanges(before: Policy, after: Policy): AllowedDispositionsChange[] {
  return VEHICLE_TYPES.flatMap((vehicleType) => {
    const was = new Set(before.allowedDispositions[vehicleType]);
    const is = new Set(after.allowedDispositions[vehicleType]);
    const added = DISPOSITIONS.filter((d) => is.has(d) && !was.has(d));
    const removed = DISPOSITIONS.filter((d) => was.has(d) && !is.has(d));
    return added.length === 0 && removed.length === 0 ? [] : [{ vehicleType, added, removed }];
  });
}

/** What changed from `before` to `after` (any two versions, either way round). */
export function policyDiff(before: Policy, after: Policy): PolicyDiff {
  return {
    fromVersion: before.version,
    toVersion: after.version,
    scalars: scalarChanges(before, after),
    riskAreas: riskAreaChanges(before, after),
    recommendations: recommendationChanges(before, after),
    allowedDispositions: allowedChanges(before, after),
  };
}

/** Whether the two versions screen alike: nothing but the version number differs. */
export function isPolicyUnchanged(diff: PolicyDiff): boolean {
  const { scalars, riskAreas, recommendations, allowedDispositions } = diff;
  return (
    scalars.length === 0 &&
    riskAreas.added.length === 0 &&
    riskAreas.removed.length === 0 &&
    riskAreas.levelChanged.length === 0 &&
    recommendations.length === 0 &&
    allowedDispositions.length === 0
  );
}
