// From the officer's draft to the saved VehicleCheck and back: what is judged, what is kept, what is dropped.
import { describe, expect, it } from 'vitest';
import { vehicleCheckSchema } from '../../../contract/vehicle-check.ts';
import type { VehicleCheck } from '../../../domain/vehicle-check.ts';
import { draftFromCheck, toVehicleCheck } from './check-builder.ts';
import type { DraftWithType } from './check-draft.ts';
import {
  COMPLETED_AT,
  CODE_DIGEST,
  makeContext,
  makeDraft,
  registered,
  screenedPerson,
  STARTED_AT,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

const WITH_COUNTY = { province: '湖南', city: '娄底', county: '双峰县', township: '三塘铺镇', village: '三塘村' };

function build(draft: DraftWithType): VehicleCheck {
  return toVehicleCheck(draft, makeContext());
}

function person(check: VehicleCheck, index: number) {
  const found = check.persons[index];
  if (!found) throw new Error(`no person ${index}`);
  return found;
}

describe('toVehicleCheck: the common case', () => {
  it('releases a green-code driver with no flags, and the record passes the wire schema', () => {
    const check = build(makeDraft());
    expect(vehicleCheckSchema.safeParse(check).success).toBe(true);
    expect(person(check, 0).flags).toEqual([]);
    expect(person(check, 0).disposition).toBe('release');
    expect(check.disposition).toBe('release');
    expect(check.override).toBeNull();
    expect(check.vehicle).toMatchObject({ plate: '湘K12345', plateKind: 'standard', type: 'car', truckPass: null });
    expect(check.startedAt).toBe(STARTED_AT);
    expect(check.completedAt).toBe(COMPLETED_AT);
    expect(check.policyVersion).toBe(1);
  });

  it('keeps no personal data of an unflagged person, even when some was typed', () => {
    const draft = makeDraft({ persons: [screenedPerson('driver', { registration: registered('李四') })] });
    expect(person(build(draft), 0).registration).toBeNull();
  });

  it('keeps the code digest only for a camera scan', () => {
    const check = build(
      makeDraft({
        persons: [
          screenedPerson('driver'),
          screenedPerson('passenger', { scan: 'id-lookup', codeDigest: CODE_DIGEST }),
          screenedPerson('passenger', { scan: 'none', codeDigest: CODE_DIGEST }),
        ],
      }),
    );
    expect(check.persons.map((p) => [p.scan, p.codeDigest])).toEqual([
      ['camera', CODE_DIGEST],
      ['id-lookup', null],
      ['none', null],
    ]);
  });
});

describe('toVehicleCheck: flags and dispositions', () => {
  const yellowPassenger = screenedPerson('passenger', { codeColor: 'yellow', registration: registered() });

  it('turns a car back when one passenger has a yellow code (the strictest occupant wins)', () => {
    const check = build(
      makeDraft({ persons: [screenedPerson('driver'), yellowPassenger], vehicle: { destination: WITH_COUNTY } }),
    );
    expect(person(check, 0).disposition).toBe('release');
    expect(person(check, 1).flags).toEqual(['yellow-code']);
    expect(person(check, 1).disposition).toBe('turn-back');
    expect(check.disposition).toBe('turn-back');
  });

  it('registers a flagged person with the ID number and phone normalised', () => {
    const passenger = {
      ...yellowPassenger,
      registration: { name: ' 张三 ', idNumber: '11010519491231002x', phone: '+86 138 1234 5678' },
    };
    const check = build(
      makeDraft({ persons: [screenedPerson('driver'), passenger], vehicle: { destination: WITH_COUNTY } }),
    );
    expect(person(check, 1).registration).toEqual({
      name: '张三',
      idNumber: '11010519491231002X',
      phone: '13812345678',
    });
    expect(check.vehicle.destination.county).toBe('双峰县');
  });

  it('never turns a truck back: a yellow code or a missing test means sampling on site', () => {
    const check = build(
      makeDraft({
        vehicle: { type: 'truck', truckPass: '430100000001', destination: WITH_COUNTY },
        persons: [
          screenedPerson('driver'),
          yellowPassenger,
          screenedPerson('passenger', { testStatus: 'none', sampledAt: null, registration: registered('王五') }),
        ],
      }),
    );
    expect(check.persons.map((p) => p.disposition)).toEqual(['release', 'sample-on-site', 'sample-on-site']);
    expect(check.disposition).toBe('sample-on-site');
  });

  it('holds a truck with a red-code driver instead of handing it over', () => {
    const check = build(
      makeDraft({
        vehicle: { type: 'truck', destination: WITH_COUNTY },
        persons: [screenedPerson('driver', { codeColor: 'red', registration: registered() })],
      }),
    );
    expect(check.disposition).toBe('hold');
  });

  it('flags a fever only when the last reading is at or above 37.3 °C', () => {
    const withReadings = (temperatures: number[]) =>
      person(
        build(
          makeDraft({
            vehicle: { destination: WITH_COUNTY },
            persons: [screenedPerson('driver', { temperatures, registration: registered() })],
          }),
        ),
        0,
      );
    expect(withReadings([37.5, 36.8]).flags).toEqual([]);
    expect(withReadings([37.2]).flags).toEqual([]);
    expect(withReadings([37.5, 37.3]).flags).toEqual(['fever']);
    expect(withReadings([37.5, 37.3]).disposition).toBe('fever-clinic');
    expect(withReadings([37.3]).flags).toEqual(['fever']);
  });

  it('flags a test sampled more than 48 hours before the check', () => {
    const stale = screenedPerson('driver', { sampledAt: '2026-11-26T08:00:00+08:00', registration: registered() });
    const check = build(makeDraft({ vehicle: { destination: WITH_COUNTY }, persons: [stale] }));
    expect(person(check, 0).flags).toEqual(['no-valid-test']);
    expect(check.disposition).toBe('turn-back');
  });
});

describe('toVehicleCheck: the officer overrides', () => {
  const overridden = screenedPerson('driver', {
    codeColor: 'yellow',
    registration: registered(),
    chosenDisposition: 'sample-on-site',
    overrideReason: ' 持外省阴性证明，就地采样 ',
  });

  it('keeps both what the rules recommended for the person and the officer’s choice with its reason', () => {
    const check = build(makeDraft({ vehicle: { destination: WITH_COUNTY }, persons: [overridden] }));
    expect(person(check, 0)).toMatchObject({
      disposition: 'sample-on-site',
      recommendedDisposition: 'turn-back',
      overrideReason: '持外省阴性证明，就地采样',
    });
    expect(check.disposition).toBe('sample-on-site');
    // The vehicle record says what the rules recommended for it, before the officer stepped in.
    expect(check.override).toEqual({ reason: '持外省阴性证明，就地采样', recommended: 'turn-back' });
  });

  it('records a vehicle override with its reason next to the recommendation', () => {
    const check = build(makeDraft({ vehicleOverride: { disposition: 'hold', reason: '司机情绪激动' } }));
    expect(check.disposition).toBe('hold');
    expect(check.override).toEqual({ reason: '司机情绪激动', recommended: 'release' });
  });

  it('adds no recommendedDisposition to a person who follows the recommendation', () => {
    const check = build(makeDraft());
    expect(person(check, 0)).not.toHaveProperty('recommendedDisposition');
    expect(person(check, 0)).not.toHaveProperty('overrideReason');
  });
});

describe('toVehicleCheck: plates and passes', () => {
  it('records a vehicle without plates as such, even if a plate was typed before', () => {
    const check = build(makeDraft({ vehicle: { plateMode: 'none', plate: '湘K12345' } }));
    expect(check.vehicle.plate).toBeNull();
    expect(check.vehicle.plateKind).toBe('unknown');
  });

  it('records a foreign plate as typed, of unknown kind', () => {
    const check = build(makeDraft({ vehicle: { plateMode: 'foreign', plate: 'ABC1234' } }));
    expect(check.vehicle.plate).toBe('ABC1234');
    expect(check.vehicle.plateKind).toBe('unknown');
    expect(build(makeDraft({ vehicle: { plateMode: 'foreign', plate: '' } })).vehicle.plate).toBeNull();
  });

  it('normalises a typed plate and knows its kind', () => {
    const check = build(makeDraft({ vehicle: { plate: '湘a d12345' } }));
    expect(check.vehicle).toMatchObject({ plate: '湘AD12345', plateKind: 'new-energy' });
  });

  it('keeps the truck pass for trucks only', () => {
    expect(build(makeDraft({ vehicle: { type: 'truck', truckPass: '430100000001' } })).vehicle.truckPass).toBe(
      '430100000001',
    );
    expect(build(makeDraft({ vehicle: { type: 'truck', truckPass: '' } })).vehicle.truckPass).toBeNull();
    // A pass typed before the type was changed to car does not stay on the car.
    expect(build(makeDraft({ vehicle: { type: 'car', truckPass: '430100000001' } })).vehicle.truckPass).toBeNull();
  });

  it('refuses a record the server would reject rather than saving it', () => {
    const unregistered = screenedPerson('driver', { codeColor: 'red' });
    expect(() => build(makeDraft({ persons: [unregistered] }))).toThrow();
  });
});

describe('toVehicleCheck: only what the officer tapped', () => {
  it('records an answered card and ID as seen and checked', () => {
    expect(person(build(makeDraft()), 0)).toMatchObject({
      itineraryStar: false,
      itinerarySeen: true,
      itineraryCities: [],
      idChecked: true,
    });
  });

  it('records a card with no star answer as not seen (not "no star") and an unanswered ID as not checked', () => {
    const check = build(
      makeDraft({ persons: [screenedPerson('driver', { scan: 'none', itineraryStar: null, idChecked: null })] }),
    );
    expect(vehicleCheckSchema.safeParse(check).success).toBe(true);
    expect(person(check, 0)).toMatchObject({
      itineraryStar: false,
      itinerarySeen: false,
      itineraryCities: [],
      idChecked: false,
      flags: [],
    });
  });

  it('keeps no city typed on a card whose star answer was taken back', () => {
    const check = build(
      makeDraft({ persons: [screenedPerson('driver', { itineraryStar: null, itineraryCities: ['上海'] })] }),
    );
    expect(person(check, 0)).toMatchObject({ itinerarySeen: false, itineraryCities: [] });
  });

  it('names no source for a colour nobody tapped', () => {
    const check = build(makeDraft({ persons: [screenedPerson('driver', { codeColor: null })] }));
    expect(person(check, 0).codeColor).toBe('unknown');
    expect(person(check, 0)).not.toHaveProperty('codeColorSource');
    expect(person(build(makeDraft()), 0).codeColorSource).toBe('officer');
  });

  it('records doses only as tapped: none tapped is "not asked"', () => {
    const check = build(makeDraft({ persons: [screenedPerson('driver', { vaccineDoses: null })] }));
    expect(person(check, 0).vaccineDoses).toBeNull();
  });
});

describe('draftFromCheck: amending a saved check', () => {
  /** What an amendment should show: the officer's inputs, at the review stage, as the next revision. */
  function asReopened(draft: DraftWithType): DraftWithType {
    return {
      ...draft,
      rev: draft.rev + 1,
      completedAt: COMPLETED_AT,
      stage: 'review',
      currentPerson: 0,
      vehicle: { ...draft.vehicle, originEdited: true },
      persons: draft.persons.map((p) => ({
        ...p,
        step: 'decision',
        completed: true,
        sampledChoice: p.sampledAt ? 'exact' : null,
      })),
    };
  }

  it('round-trips the common case as revision 2', () => {
    const draft = makeDraft({
      persons: [screenedPerson('driver'), screenedPerson('passenger', { vaccineDoses: null, idChecked: false })],
    });
    expect(draftFromCheck(build(draft))).toEqual(asReopened(draft));
  });

  it('round-trips flags, registration, overrides, a starred itinerary and notes', () => {
    const draft = makeDraft({
      vehicle: { type: 'van', destination: WITH_COUNTY },
      persons: [
        screenedPerson('driver', {
          itineraryStar: true,
          itineraryCities: ['长沙', '株洲'],
          registration: registered(),
        }),
        screenedPerson('passenger', {
          codeColor: 'yellow',
          scan: 'id-lookup',
          codeDigest: null,
          temperatures: [37.6, 36.9],
          registration: registered('李四'),
          chosenDisposition: 'hold',
          overrideReason: '等待抗原结果',
        }),
      ],
      vehicleOverride: { disposition: 'escort', reason: '点对点送至目的地' },
      notes: '司机配合',
    });
    const check = build(draft);
    expect(check.override?.reason).toBe('点对点送至目的地；等待抗原结果');
    expect(draftFromCheck(check)).toEqual(asReopened(draft));
  });

  it('reopens a card the record says was not seen as unanswered, and an unanswered ID as not checked', () => {
    const draft = makeDraft({ persons: [screenedPerson('driver', { itineraryStar: null, idChecked: null })] });
    const reopened = draftFromCheck(build(draft));
    expect(reopened.persons[0]).toMatchObject({ itineraryStar: null, idChecked: false });
    // Saved again, it says the same: nothing was added by reopening it.
    expect(person(toVehicleCheck(reopened, makeContext()), 0)).toMatchObject({
      itineraryStar: false,
      itinerarySeen: false,
      idChecked: false,
    });
  });

  it('reopens a check saved before itinerarySeen existed with its star answer as recorded then', () => {
    const older = build(makeDraft());
    const olderPerson = { ...person(older, 0) };
    delete olderPerson.itinerarySeen;
    const stored: VehicleCheck = { ...older, persons: [olderPerson] };
    expect(vehicleCheckSchema.safeParse(stored).success).toBe(true);
    expect(draftFromCheck(stored).persons[0]).toMatchObject({ itineraryStar: false, idChecked: true });
  });

  it('does not turn a person’s override into a vehicle override', () => {
    const draft = makeDraft({
      vehicle: { destination: WITH_COUNTY },
      persons: [
        screenedPerson('driver', {
          codeColor: 'yellow',
          registration: registered(),
          chosenDisposition: 'sample-on-site',
          overrideReason: '已采样',
        }),
      ],
    });
    expect(draftFromCheck(build(draft)).vehicleOverride).toBeNull();
  });

  it('round-trips vehicles without plates and with foreign plates', () => {
    const none = makeDraft({ vehicle: { plateMode: 'none', plate: '', originEdited: true } });
    const foreign = makeDraft({ vehicle: { plateMode: 'foreign', plate: 'ABC1234' } });
    expect(draftFromCheck(build(none))).toEqual(asReopened(none));
    expect(draftFromCheck(build(foreign))).toEqual(asReopened(foreign));
  });

  it('keeps the original completion time, judgement and reasons through a second save (the amendment stays on its day)', () => {
    const draft = makeDraft({
      vehicle: { destination: WITH_COUNTY },
      persons: [
        screenedPerson('driver', {
          codeColor: 'yellow',
          registration: registered(),
          chosenDisposition: 'hold',
          overrideReason: '等待结果',
        }),
      ],
      vehicleOverride: { disposition: 'escort', reason: '转运' },
    });
    const first = build(draft);
    // Amended the next day, when yesterday's test would be past its 48 hours: it was valid at the check.
    const amended = toVehicleCheck(draftFromCheck(first), makeContext({ completedAt: '2026-11-29T12:00:00+08:00' }));
    expect(amended.id).toBe(first.id);
    expect(amended.rev).toBe(2);
    expect(amended.completedAt).toBe(COMPLETED_AT);
    expect(amended.disposition).toBe('escort');
    expect(amended.override).toEqual(first.override);
    expect(amended.persons).toEqual(first.persons);
  });
});

describe('toVehicleCheck: the tablet’s clock', () => {
  const draft = () => makeDraft({ persons: [screenedPerson('driver')] });

  it('records the skew while the last sync found the clock off, either way, and nothing while it is right', () => {
    expect(toVehicleCheck(draft(), makeContext({ clockSkew: { skewSeconds: -420 } })).clockSkewSeconds).toBe(-420);
    expect(toVehicleCheck(draft(), makeContext({ clockSkew: { skewSeconds: 3600 } })).clockSkewSeconds).toBe(3600);
    for (const clockSkew of [null, undefined, { skewSeconds: 30 }]) {
      expect('clockSkewSeconds' in toVehicleCheck(draft(), makeContext({ clockSkew })), JSON.stringify(clockSkew)).toBe(
        false,
      );
    }
    // The record passes the wire schema with the field.
    const check = toVehicleCheck(draft(), makeContext({ clockSkew: { skewSeconds: -420 } }));
    expect(vehicleCheckSchema.parse(check)).toEqual(check);
  });

  it('keeps through an amendment what the first save recorded: it keeps that save’s times', () => {
    const first = toVehicleCheck(draft(), makeContext({ clockSkew: { skewSeconds: -420 } }));
    // The clock was set and a sync found it right before the amendment.
    const amended = toVehicleCheck(draftFromCheck(first), makeContext({ clockSkew: null }));
    expect(amended.clockSkewSeconds).toBe(-420);
    // A check saved with the clock right stays without a skew, whatever the clock is at the amendment.
    const right = toVehicleCheck(draft(), makeContext({ clockSkew: null }));
    const amendedLater = toVehicleCheck(draftFromCheck(right), makeContext({ clockSkew: { skewSeconds: 600 } }));
    expect('clockSkewSeconds' in amendedLater).toBe(false);
  });
});
