// Turns a draft into a judged VehicleCheck (and back, for amendments) with the shared domain rules.
import { vehicleCheckSchema } from '../../../contract/vehicle-check.ts';
import { isClockOff, type ClockSkewRecord } from '../../../domain/clock-skew.ts';
import { recommendPersonDisposition, recommendVehicleDisposition } from '../../../domain/disposition.ts';
import { derivePersonFlags, type PersonFacts } from '../../../domain/flags.ts';
import { validateIdNumber, validatePhone } from '../../../domain/id-number.ts';
import { itinerarySeen } from '../../../domain/observations.ts';
import { parsePlate } from '../../../domain/plate.ts';
import type { Policy } from '../../../domain/policy.ts';
import type { PersonCheck, VehicleCheck } from '../../../domain/vehicle-check.ts';
import type { CodeColor, Disposition, Flag } from '../../../domain/vocabulary.ts';
import { DRAFT_SCHEMA_VERSION, type CheckDraft, type DraftWithType, type PersonDraft } from './check-draft.ts';

export interface PersonJudgement {
  flags: Flag[];
  recommended: Disposition;
  chosen: Disposition;
}

export interface DraftJudgement {
  persons: PersonJudgement[];
  recommended: Disposition;
  chosen: Disposition;
}

export function personFacts(person: PersonDraft): PersonFacts {
  return {
    codeColor: person.codeColor ?? 'unknown',
    // A card not seen (no star answer tapped) holds no star and no city (ADR 032).
    itineraryStar: person.itineraryStar === true,
    itineraryCities: person.itineraryStar === true ? person.itineraryCities : [],
    temperatures: person.temperatures,
    test: { status: person.testStatus ?? 'none', sampledAt: person.sampledAt },
    vaccineDoses: person.vaccineDoses,
  };
}

export function judgePerson(
  draft: DraftWithType,
  person: PersonDraft,
  policy: Policy,
  completedAt: string,
): PersonJudgement {
  const flags = derivePersonFlags(personFacts(person), {
    origin: draft.vehicle.origin,
    completedAt,
    policy,
  });
  const recommended = recommendPersonDisposition(flags, draft.vehicle.type, policy);
  return { flags, recommended, chosen: person.chosenDisposition ?? recommended };
}

export function judgeDraft(draft: DraftWithType, policy: Policy, completedAt: string): DraftJudgement {
  const persons = draft.persons.map((person) => judgePerson(draft, person, policy, completedAt));
  const recommended = recommendVehicleDisposition(
    persons.map((p) => p.chosen),
    draft.vehicle.type,
    policy,
  );
  return { persons, recommended, chosen: draft.vehicleOverride?.disposition ?? recommended };
}

/** The itinerary and ID answers as the record will hold them: only what the officer tapped (ADR 032). */
export function recordedObservations(
  person: PersonDraft,
): Pick<PersonCheck, 'itineraryStar' | 'itineraryCities' | 'itinerarySeen' | 'idChecked'> {
  return {
    itineraryStar: person.itineraryStar === true,
    itineraryCities: person.itineraryStar === true ? person.itineraryCities : [],
    // No star answer tapped: the card was not seen, which the record says rather than "no star".
    itinerarySeen: person.itineraryStar !== null,
    // Only a tap on a key saying "ID checked" records it; no answer is recorded as not checked.
    idChecked: person.idChecked === true,
  };
}

/** Why a flagged person's registration cannot be saved yet; empty when it can. */
export type RegistrationProblem = 'name-missing' | 'id-invalid' | 'phone-invalid' | 'county-missing';

export function registrationProblems(draft: CheckDraft, person: PersonDraft): RegistrationProblem[] {
  const problems: RegistrationProblem[] = [];
  if (person.registration.name.trim() === '') problems.push('name-missing');
  if (!validateIdNumber(person.registration.idNumber).ok) problems.push('id-invalid');
  if (!validatePhone(person.registration.phone).ok) problems.push('phone-invalid');
  if (draft.vehicle.destination.county.trim() === '') problems.push('county-missing');
  return problems;
}

export interface CheckContext {
  checkpointId: string;
  deviceId: string;
  officerId: string;
  team: string;
  shiftId: string;
  policy: Policy;
  completedAt: string;
  /** What the tablet knows of its clock now (the settings row the last sync wrote): recorded with a new check. */
  clockSkew: ClockSkewRecord | null | undefined;
}

/**
 * The skew a check records: a new one, the tablet's clock as known now; an amendment, what its first save recorded,
 * since it keeps that save's times.
 */
function clockSkewOf(draft: CheckDraft, context: CheckContext): number | undefined {
  const skew = draft.completedAt === null ? context.clockSkew?.skewSeconds : draft.clockSkewSeconds;
  return isClockOff(skew) ? skew : undefined;
}

function suggestionOf(color: CodeColor): PersonDraft['suggestedCodeColor'] {
  return color === 'green' || color === 'yellow' || color === 'red' ? color : null;
}

function toPersonCheck(person: PersonDraft, judgement: PersonJudgement): PersonCheck {
  const flagged = judgement.flags.length > 0;
  const overridden = judgement.chosen !== judgement.recommended;
  const idNumber = validateIdNumber(person.registration.idNumber);
  const phone = validatePhone(person.registration.phone);
  return {
    role: person.role,
    scan: person.scan ?? 'none',
    codeDigest: person.scan === 'camera' ? person.codeDigest : null,
    codeColor: person.codeColor ?? 'unknown',
    // Who set a colour only when one was tapped: an untapped colour goes out as `unknown`, set by no one.
    ...(person.codeColor === null ? {} : { codeColorSource: person.codeColorSource }),
    ...recordedObservations(person),
    temperatures: person.temperatures,
    test: { status: person.testStatus ?? 'none', sampledAt: person.sampledAt },
    vaccineDoses: person.vaccineDoses,
    flags: judgement.flags,
    disposition: judgement.chosen,
    // Personal data is asked, and kept, only for flagged people.
    registration: flagged
      ? {
          name: person.registration.name.trim(),
          idNumber: idNumber.ok ? idNumber.value : person.registration.idNumber.trim(),
          phone: phone.ok ? phone.value : person.registration.phone.trim(),
        }
      : null,
    ...(overridden
      ? { recommendedDisposition: judgement.recommended, overrideReason: person.overrideReason.trim() }
      : {}),
  };
}

/** A vehicle override's reason and the persons' reasons are kept as one text, in this order. */
const OVERRIDE_REASON_SEPARATOR = '；';

export function toVehicleCheck(draft: DraftWithType, context: CheckContext): VehicleCheck {
  // An amendment is judged at the time it records, not at the time of the amendment.
  const completedAt = draft.completedAt ?? context.completedAt;
  const judgement = judgeDraft(draft, context.policy, completedAt);
  const persons = draft.persons.map((person, i) => {
    const personJudgement = judgement.persons[i];
    if (!personJudgement) throw new Error('every person is judged');
    return toPersonCheck(person, personJudgement);
  });
  const parsedPlate = draft.vehicle.plateMode === 'plate' ? parsePlate(draft.vehicle.plate) : null;
  const personReasons = persons.flatMap((p) => (p.overrideReason ? [p.overrideReason] : []));
  const vehicleReason = draft.vehicleOverride?.reason.trim() ?? '';
  const overridden = judgement.chosen !== judgement.recommended || personReasons.length > 0;
  // What the rules alone recommended for the vehicle (as the server judges it), before any person override.
  const rulesRecommended = recommendVehicleDisposition(
    judgement.persons.map((p) => p.recommended),
    draft.vehicle.type,
    context.policy,
  );
  const check: VehicleCheck = {
    id: draft.id,
    rev: draft.rev,
    checkpointId: context.checkpointId,
    deviceId: context.deviceId,
    officerId: context.officerId,
    team: context.team,
    shiftId: context.shiftId,
    startedAt: draft.startedAt,
    completedAt,
    policyVersion: context.policy.version,
    vehicle: {
      plate: parsedPlate?.ok
        ? parsedPlate.plate
        : draft.vehicle.plateMode === 'foreign'
          ? draft.vehicle.plate.trim() || null
          : null,
      plateKind: parsedPlate?.ok ? parsedPlate.kind : 'unknown',
      type: draft.vehicle.type,
      origin: draft.vehicle.origin,
      destination: draft.vehicle.destination,
      truckPass: draft.vehicle.type === 'truck' && draft.vehicle.truckPass !== '' ? draft.vehicle.truckPass : null,
    },
    persons,
    disposition: judgement.chosen,
    override: overridden
      ? {
          reason: [vehicleReason, ...personReasons].filter((r) => r !== '').join(OVERRIDE_REASON_SEPARATOR),
          recommended: rulesRecommended,
        }
      : null,
    notes: draft.notes.trim(),
  };
  const clockSkewSeconds = clockSkewOf(draft, context);
  if (clockSkewSeconds !== undefined) check.clockSkewSeconds = clockSkewSeconds;
  // The wire schema is the last guard: a check that would be rejected by the server is not saved.
  return vehicleCheckSchema.parse(check);
}

/** The officer's own vehicle override, told apart from the persons' reasons appended to its text. */
function vehicleOverrideOf(check: VehicleCheck): CheckDraft['vehicleOverride'] {
  if (!check.override) return null;
  const personReasons = check.persons.flatMap((p) => (p.overrideReason ? [p.overrideReason] : []));
  const suffix = personReasons.join(OVERRIDE_REASON_SEPARATOR);
  const { reason } = check.override;
  let vehicleReason = reason;
  if (suffix !== '' && reason === suffix) vehicleReason = '';
  else if (suffix !== '' && reason.endsWith(OVERRIDE_REASON_SEPARATOR + suffix)) {
    vehicleReason = reason.slice(0, reason.length - suffix.length - OVERRIDE_REASON_SEPARATOR.length);
  }
  // A vehicle override always has its own reason; without one, only persons were overridden.
  return vehicleReason === '' ? null : { disposition: check.disposition, reason: vehicleReason };
}

/** A saved check reopened for amendment: same id, next rev, completed persons, the review stage. */
export function draftFromCheck(check: VehicleCheck): DraftWithType {
  const plateMode = check.vehicle.plateKind === 'unknown' ? (check.vehicle.plate ? 'foreign' : 'none') : 'plate';
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id: check.id,
    rev: check.rev + 1,
    startedAt: check.startedAt,
    completedAt: check.completedAt,
    stage: 'review',
    currentPerson: 0,
    vehicle: {
      plate: check.vehicle.plate ?? '',
      plateMode,
      origin: check.vehicle.origin,
      originEdited: true,
      type: check.vehicle.type,
      occupants: check.persons.length,
      destination: check.vehicle.destination,
      truckPass: check.vehicle.truckPass ?? '',
    },
    persons: check.persons.map((p) => ({
      role: p.role,
      step: 'decision',
      completed: true,
      scan: p.scan,
      codeDigest: p.codeDigest,
      codeColor: p.codeColor,
      codeColorSource: p.codeColorSource ?? 'officer',
      // The suggestion itself is not kept in a check; a confirmed one is the colour recorded, so amending keeps it.
      suggestedCodeColor: p.codeColorSource === 'suggested-confirmed' ? suggestionOf(p.codeColor) : null,
      // A card the record says was not seen stays unanswered; a check from before the field was seen as recorded.
      itineraryStar: itinerarySeen(p) ? p.itineraryStar : null,
      itineraryCities: p.itineraryCities,
      temperatures: p.temperatures,
      idChecked: p.idChecked,
      testStatus: p.test.status,
      sampledAt: p.test.sampledAt,
      sampledChoice: p.test.sampledAt ? 'exact' : null,
      vaccineDoses: p.vaccineDoses,
      registration: p.registration ?? { name: '', idNumber: '', phone: '' },
      chosenDisposition: p.recommendedDisposition ? p.disposition : null,
      overrideReason: p.overrideReason ?? '',
    })),
    vehicleOverride: vehicleOverrideOf(check),
    notes: check.notes,
    ...(check.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: check.clockSkewSeconds }),
  };
}
