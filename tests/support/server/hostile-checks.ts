// fast-check arbitraries for the batch upload under hostile input: checks the rules accept though their text is
// awkward (decomposed accents, astral characters, RTL letters, line breaks in notes), checks broken on purpose in one
// field in a way the rules must refuse, and checks broken at random (the contract's schema judges those).
import fc from 'fast-check';
import type { PersonCheck, Registration, VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../domain/sample-checks.ts';
import {
  fineDateTime,
  fineString,
  mutateAt,
  mutationOf,
  REFUSED_IN_FREE_TEXT,
  REFUSED_IN_LINE,
} from './hostile-values.ts';

/**
 * What api.md refuses in one-line text, written out from the spec's own ranges rather than taken from the code under
 * test: a "fine" value the generators make is one this does not match.
 */
const SPEC_REFUSED_IN_LINE =
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff\u2028\u2029]|\p{Cs}/u;

const line = (maxUnits: number, maxLength: number) =>
  fineString(maxUnits).filter((s) => !SPEC_REFUSED_IN_LINE.test(s) && s.length <= maxLength);

/** Free text with paragraphs, a tab and an emoji joined by ZWJ: all of it allowed in notes. */
const fineNotes: fc.Arbitrary<string> = fc
  .array(fc.oneof(line(4, 32), fc.constantFrom('\n', '\r\n', '\t', '👨\u200d👩\u200d👧', '\u200b')), { maxLength: 6 })
  .map((parts) => parts.join(''));

const fineRegistration: fc.Arbitrary<Registration> = fc.record({
  name: line(6, 64),
  idNumber: line(3, 32),
  phone: line(2, 20),
});

export interface CheckIdentity {
  checkpointId: string;
  deviceId: string;
}

/** When a check's persons register, the registrations are stored only within retention: near the test clock. */
const REGISTERED_COMPLETED_AT = '2026-11-28T08:01:40+08:00';

/** A check the rules accept, with awkward text everywhere a person types. */
export function fineCheck({ checkpointId, deviceId }: CheckIdentity): fc.Arbitrary<VehicleCheck> {
  const person: fc.Arbitrary<PersonCheck> = fc
    .record({
      registration: fc.option(fineRegistration, { nil: null }),
      itineraryCities: fc.array(line(3, 32), { maxLength: 3 }),
      sampledAt: fc.option(fineDateTime, { nil: null }),
    })
    .map(({ registration, itineraryCities, sampledAt }) =>
      samplePersonCheck({
        registration,
        itineraryCities,
        itineraryStar: itineraryCities.length > 0,
        test: { status: sampledAt === null ? 'none' : 'negative', sampledAt },
      }),
    );
  return fc
    .record({
      id: fc.uuid({ version: 4 }),
      rev: fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(2_147_483_646)),
      officerId: line(4, 32),
      team: line(4, 32),
      shiftId: line(4, 64),
      plate: fc.option(
        line(2, 16).filter((s) => !/[\s.·]/u.test(s)),
        { nil: null },
      ),
      province: line(3, 32),
      city: line(3, 32),
      county: line(4, 64),
      township: line(4, 64),
      village: line(4, 64),
      persons: fc.array(person, { minLength: 1, maxLength: 3 }),
      startedAt: fineDateTime,
      completedAt: fineDateTime,
      notes: fineNotes,
    })
    .map((f) => {
      const registers = f.persons.some((p) => p.registration !== null);
      return sampleVehicleCheck(
        { id: f.id, checkpointId, deviceId },
        {
          rev: f.rev,
          officerId: f.officerId,
          team: f.team,
          shiftId: f.shiftId,
          startedAt: f.startedAt,
          // Outside retention a check is stored without its registrations (ADR 020): not what this test looks at.
          completedAt: registers ? REGISTERED_COMPLETED_AT : f.completedAt,
          vehicle: {
            plate: f.plate,
            plateKind: f.plate === null ? 'unknown' : 'standard',
            type: 'car',
            origin: { province: f.province, city: f.city },
            destination: {
              province: f.province,
              city: f.city,
              county: f.county,
              township: f.township,
              village: f.village,
            },
            truckPass: null,
          },
          persons: f.persons,
          notes: f.notes,
        },
      );
    });
}

/** The one-line fields of a check every fineCheck has, by path. */
const LINE_FIELDS: readonly (string | number)[][] = [
  ['team'],
  ['officerId'],
  ['shiftId'],
  ['checkpointId'],
  ['deviceId'],
  ['vehicle', 'origin', 'province'],
  ['vehicle', 'origin', 'city'],
  ['vehicle', 'destination', 'county'],
  ['vehicle', 'destination', 'township'],
  ['vehicle', 'destination', 'village'],
];
const INTEGER_FIELDS: readonly (string | number)[][] = [['rev'], ['policyVersion']];
const TIME_FIELDS: readonly (string | number)[][] = [['startedAt'], ['completedAt']];
/** Whole numbers the store cannot hold or the rules refuse. */
const REFUSED_INTEGERS = [0, -1, 0.5, 2_147_483_648, 3e9, 1e21, Number.MAX_SAFE_INTEGER];
/** Well-formed times outside 2000–2099, the last an instant in year 10000. */
const REFUSED_TIMES = [
  '9999-12-31T23:59:59-23:59',
  '1999-12-31T23:59:59+00:00',
  '2100-01-01T00:00:00Z',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
];

/** A valid check broken in one field the rules must refuse, with the field's name as the rejection must say it. */
export interface BrokenCheck {
  raw: unknown;
  field: string;
}

export function brokenCheck(identity: CheckIdentity): fc.Arbitrary<BrokenCheck> {
  const fine = fineCheck(identity);
  const inserted = (text: string) => `a${text}a`;
  const oneLine = fc
    .tuple(fine, fc.constantFrom(...LINE_FIELDS), fc.constantFrom(...REFUSED_IN_LINE))
    .map(([check, path, c]) => ({
      raw: mutateAt(check, path, { kind: 'set', value: `${String(pathValue(check, path))}${inserted(c)}` }),
      field: path.join('.'),
    }));
  const plate = fc.tuple(fine, fc.constantFrom(...REFUSED_IN_LINE)).map(([check, c]) => ({
    raw: mutateAt(check, ['vehicle', 'plate'], { kind: 'set', value: `湘K${inserted(c)}` }),
    field: 'vehicle.plate',
  }));
  const registration = fc
    .tuple(fine, fc.constantFrom('name', 'idNumber', 'phone'), fc.constantFrom(...REFUSED_IN_LINE))
    .map(([check, key, c]) => ({
      raw: mutateAt(check, ['persons', 0, 'registration'], {
        kind: 'set',
        value: { name: '张三', idNumber: '430101199003071238', phone: '13800000000', [key]: `1${inserted(c)}` },
      }),
      field: `persons.0.registration.${key}`,
    }));
  const notes = fc.tuple(fine, fc.constantFrom(...REFUSED_IN_FREE_TEXT)).map(([check, c]) => ({
    raw: mutateAt(check, ['notes'], { kind: 'set', value: `note ${inserted(c)}` }),
    field: 'notes',
  }));
  const integer = fc
    .tuple(fine, fc.constantFrom(...INTEGER_FIELDS), fc.constantFrom(...REFUSED_INTEGERS))
    .map(([check, path, value]) => ({ raw: mutateAt(check, path, { kind: 'set', value }), field: path.join('.') }));
  const time = fc
    .tuple(fine, fc.constantFrom(...TIME_FIELDS), fc.constantFrom(...REFUSED_TIMES))
    .map(([check, path, value]) => ({ raw: mutateAt(check, path, { kind: 'set', value }), field: path.join('.') }));
  return fc.oneof(oneLine, plate, registration, notes, integer, time);
}

function pathValue(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown>)[key];
  return current;
}

/** A fine check with one random mutation anywhere: valid or not, the contract's schema says which. */
export function mutatedCheck(identity: CheckIdentity): fc.Arbitrary<unknown> {
  return fineCheck(identity).chain((check) => mutationOf(check));
}
