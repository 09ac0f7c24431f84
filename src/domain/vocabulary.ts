// The screening vocabulary: every closed list of values a check, a policy or a tally is written in. The bottom of the
// code: the domain's rules, the wire schemas (src/contract builds its zod enums from these tuples), the screens'
// labels and the server's columns all read these lists, so a value is added here once (docs/decisions/022).
// Pure data and types: no zod, nothing else of src.

/** What a person is flagged for, in the order reports list them. */
export const FLAGS = [
  'red-code',
  'yellow-code',
  'grey-code',
  'itinerary-star',
  'risk-area',
  'fever',
  'no-valid-test',
  'positive-test',
  'unvaccinated',
] as const;
export type Flag = (typeof FLAGS)[number];

/** Ordered from least to most strict: the vehicle takes the strictest of its occupants'. */
export const DISPOSITIONS = [
  'release',
  'push-destination',
  'sample-on-site',
  'turn-back',
  'hold',
  'escort',
  'fever-clinic',
  'hand-over',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const VEHICLE_TYPES = ['car', 'bus', 'truck', 'van', 'motorcycle', 'other'] as const;
export type VehicleType = (typeof VEHICLE_TYPES)[number];

/** The health code's colour as recorded; 'unknown' raises no flag (docs/decisions/006). */
export const CODE_COLORS = ['green', 'yellow', 'red', 'grey', 'unknown'] as const;
export type CodeColor = (typeof CODE_COLORS)[number];

/** Who set the recorded colour: the officer alone, or the officer confirming the scanner's suggestion (ADR 016). */
export const CODE_COLOR_SOURCES = ['officer', 'suggested-confirmed'] as const;
export type CodeColorSource = (typeof CODE_COLOR_SOURCES)[number];

/** Kinds of licence plate (GA 36-2018); 'unknown' is no plate or a foreign one. */
export const PLATE_KINDS = [
  'standard',
  'new-energy',
  'trailer',
  'coach',
  'police',
  'hk',
  'macau',
  'embassy',
  'consulate',
  'emergency',
  'unknown',
] as const;
export type PlateKind = (typeof PLATE_KINDS)[number];

export const TEST_STATUSES = ['negative', 'positive', 'none', 'pending'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

/** How the health code was read: the camera, an ID-number lookup, or not at all (no phone). */
export const SCAN_METHODS = ['camera', 'id-lookup', 'none'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];

export const PERSON_ROLES = ['driver', 'passenger'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** Where a vehicle came from, seen from the checkpoint's own province and city. */
export const ORIGIN_CLASSES = ['local', 'in-province', 'out-of-province'] as const;
export type OriginClass = (typeof ORIGIN_CLASSES)[number];

/** Levels of a policy's risk area. */
export const RISK_LEVELS = ['high', 'medium'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** The plausible range of a body temperature reading (°C): what a person check accepts. */
export const TEMPERATURE_MIN_C = 34;
export const TEMPERATURE_MAX_C = 43;
