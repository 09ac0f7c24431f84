// The screening policy (api.md "Policy": versioned, published by admins, cached by tablets) and its default: what
// Hunan checkpoints applied in 2021–2022 (docs/domain.md). The wire schema is src/contract/policy.ts.
import { DISPOSITIONS, type Disposition, type Flag, type RiskLevel, type VehicleType } from './vocabulary.ts';

export interface RiskArea {
  province: string;
  city?: string | undefined;
  county?: string | undefined;
  level: RiskLevel;
}

export interface Policy {
  version: number;
  /** ISO 8601 with an offset. */
  effectiveFrom: string;
  feverThresholdC: number;
  testWindowHours: number;
  riskAreas: RiskArea[];
  /** What each flag recommends, per vehicle type. */
  recommendations: Record<VehicleType, Record<Flag, Disposition>>;
  /** Dispositions an officer may choose per vehicle type (trucks may not be turned back); 'release' always among them. */
  allowedDispositions: Record<VehicleType, Disposition[]>;
  /**
   * Days personal data is kept (src/domain/retention.ts): the server strips the registrations of checks completed
   * longer ago; a tablet keeps a synced check this long after the server acknowledged it, its registrations half.
   */
  retentionDays: number;
}

const PASSENGER_RECOMMENDATIONS: Readonly<Record<Flag, Disposition>> = {
  'red-code': 'hand-over',
  'yellow-code': 'turn-back',
  'grey-code': 'sample-on-site',
  'itinerary-star': 'push-destination',
  'risk-area': 'push-destination',
  fever: 'fever-clinic',
  'no-valid-test': 'turn-back',
  'positive-test': 'hand-over',
  unvaccinated: 'push-destination',
};

// Since mid-2022 trucks may not be turned back: without a valid test they are sampled on the spot
// (即采即走), and even a red code is controlled at the checkpoint rather than handed over.
const TRUCK_RECOMMENDATIONS: Readonly<Record<Flag, Disposition>> = {
  ...PASSENGER_RECOMMENDATIONS,
  'red-code': 'hold',
  'yellow-code': 'sample-on-site',
  'no-valid-test': 'sample-on-site',
};

const ALL_DISPOSITIONS: Disposition[] = [...DISPOSITIONS];
const TRUCK_DISPOSITIONS: Disposition[] = DISPOSITIONS.filter((d) => d !== 'turn-back');

export const DEFAULT_POLICY: Policy = {
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  feverThresholdC: 37.3,
  testWindowHours: 48,
  riskAreas: [],
  recommendations: {
    car: { ...PASSENGER_RECOMMENDATIONS },
    bus: { ...PASSENGER_RECOMMENDATIONS },
    truck: { ...TRUCK_RECOMMENDATIONS },
    van: { ...PASSENGER_RECOMMENDATIONS },
    motorcycle: { ...PASSENGER_RECOMMENDATIONS },
    other: { ...PASSENGER_RECOMMENDATIONS },
  },
  allowedDispositions: {
    car: [...ALL_DISPOSITIONS],
    bus: [...ALL_DISPOSITIONS],
    truck: [...TRUCK_DISPOSITIONS],
    van: [...ALL_DISPOSITIONS],
    motorcycle: [...ALL_DISPOSITIONS],
    other: [...ALL_DISPOSITIONS],
  },
  retentionDays: 28,
};
