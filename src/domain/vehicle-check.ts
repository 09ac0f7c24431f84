// A vehicle check as the rules read it and the sync API carries it (wire format v1). The wire schema
// (src/contract/vehicle-check.ts) validates this shape and checks at compile time that it infers exactly these types.
// Fields may be added, never renamed or dropped: other systems call the endpoint.
import type {
  CodeColor,
  CodeColorSource,
  Disposition,
  Flag,
  PersonRole,
  PlateKind,
  ScanMethod,
  TestStatus,
  VehicleType,
} from './vocabulary.ts';

export interface Origin {
  province: string;
  city: string;
}

export interface Destination {
  province: string;
  city: string;
  county: string;
  township: string;
  village: string;
  // Added to v1 (ADR 034): the codes of the divisions chosen from the lists, beside their names. Absent for a place
  // typed as free text, and in checks from clients before them.
  /** GB/T 2260 county code, 6 digits. */
  countyCode?: string | undefined;
  /** Township (乡镇、街道) code, 9 digits starting with the county's. */
  townshipCode?: string | undefined;
  /** Village (村、社区) code, 12 digits starting with the township's. */
  villageCode?: string | undefined;
}

export interface Vehicle {
  /** Normalised (no spaces or dots); null when the vehicle has none or a foreign one. */
  plate: string | null;
  plateKind: PlateKind;
  type: VehicleType;
  origin: Origin;
  destination: Destination;
  /** A truck's 12-digit pass, or null. */
  truckPass: string | null;
}

export interface Registration {
  name: string;
  idNumber: string;
  phone: string;
}

export interface TestResult {
  status: TestStatus;
  /** ISO 8601 with an offset. */
  sampledAt: string | null;
}

export interface PersonCheck {
  role: PersonRole;
  scan: ScanMethod;
  /** Lower-case hex SHA-256 of the code's payload; the payload itself is never kept. */
  codeDigest: string | null;
  codeColor: CodeColor;
  /** A star the officer saw on the itinerary card. False says "no star" only where `itinerarySeen` is not false. */
  itineraryStar: boolean;
  itineraryCities: string[];
  /** °C, each within TEMPERATURE_MIN_C–TEMPERATURE_MAX_C; the last one counts. */
  temperatures: number[];
  /** The officer recorded checking the ID document against the person; false: no one recorded that it was checked. */
  idChecked: boolean;
  test: TestResult;
  vaccineDoses: number | null;
  flags: Flag[];
  disposition: Disposition;
  registration: Registration | null;
  // Fields below were added to v1 (allowed: fields may be added, none renamed or dropped).
  /** Whether the colour was set by the officer or suggested by the scanner and confirmed. */
  codeColorSource?: CodeColorSource | undefined;
  /** What the rules recommended for this person when the officer chose another disposition. */
  recommendedDisposition?: Disposition | undefined;
  /** Why the officer overrode the recommendation for this person. */
  overrideReason?: string | undefined;
  /**
   * Whether the officer looked at the itinerary card (ADR 032). False: not seen (no phone, or no star answer tapped),
   * so `itineraryStar` is false and says nothing. Absent on checks from before the field: seen, as recorded then.
   */
  itinerarySeen?: boolean | undefined;
}

export interface Override {
  reason: string;
  // Added to v1: the disposition the rules recommended before the officer overrode it.
  recommended?: Disposition | undefined;
}

export interface VehicleCheck {
  id: string;
  rev: number;
  checkpointId: string;
  deviceId: string;
  officerId: string;
  team: string;
  shiftId: string;
  /** ISO 8601 with an offset. */
  startedAt: string;
  completedAt: string;
  policyVersion: number;
  vehicle: Vehicle;
  persons: PersonCheck[];
  disposition: Disposition;
  override: Override | null;
  notes: string;
  // Added to v1 (allowed: fields may be added, none renamed or dropped).
  /**
   * How far the tablet's clock was from the server's when this check was made, in whole seconds (the tablet's minus
   * the server's: positive ahead, negative behind), as its last sync measured it; present only while that clock was
   * off (src/domain/clock-skew.ts). The times above are the tablet's clock, not corrected.
   */
  clockSkewSeconds?: number | undefined;
}
