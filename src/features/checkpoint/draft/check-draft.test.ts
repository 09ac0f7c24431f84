// The draft as the officer edits it: occupants added and removed, who is screened, and restoring it safely.
import { describe, expect, it } from 'vitest';
import { parseDraft } from './check-draft-schema.ts';
import {
  allScreened,
  completedCount,
  DRAFT_SCHEMA_VERSION,
  emptyPerson,
  hasVehicleType,
  MAX_OCCUPANTS,
  newDraft,
  updatePerson,
  withArrivedSuggestion,
  withOccupantCount,
} from './check-draft.ts';
import type { PersonDraft } from './check-draft.ts';
import {
  makeDraft,
  makeDraftId,
  screenedPerson,
  STARTED_AT,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

describe('withOccupantCount', () => {
  it('adds a passenger for every extra occupant, the driver first', () => {
    const draft = withOccupantCount(newDraft(makeDraftId(), STARTED_AT), 3);
    expect(draft.vehicle.occupants).toBe(3);
    expect(draft.persons.map((p) => [p.role, p.step, p.completed])).toEqual([
      ['driver', 'scan', false],
      ['passenger', 'scan', false],
      ['passenger', 'scan', false],
    ]);
  });

  it('keeps the people already screened when the count grows or shrinks', () => {
    const driver = screenedPerson('driver');
    const passenger = screenedPerson('passenger', { codeColor: 'yellow' });
    const draft = makeDraft({ persons: [driver, passenger] });
    const grown = withOccupantCount(draft, 4);
    expect(grown.persons.slice(0, 2)).toEqual([driver, passenger]);
    expect(grown.persons).toHaveLength(4);
    const shrunk = withOccupantCount(grown, 2);
    expect(shrunk.persons).toEqual([driver, passenger]);
    expect(shrunk.vehicle.occupants).toBe(2);
  });

  it('removes occupants from the end and keeps the current person on the list', () => {
    const draft = { ...withOccupantCount(makeDraft(), 3), currentPerson: 2 };
    const shrunk = withOccupantCount(draft, 2);
    expect(shrunk.persons).toHaveLength(2);
    expect(shrunk.currentPerson).toBe(1);
  });

  it('never goes below one occupant (the driver) or above the maximum', () => {
    const draft = makeDraft();
    expect(withOccupantCount(draft, 0).persons).toHaveLength(1);
    expect(withOccupantCount(draft, -3).vehicle.occupants).toBe(1);
    expect(withOccupantCount(draft, 0).persons[0]?.role).toBe('driver');
    const full = withOccupantCount(draft, MAX_OCCUPANTS + 5);
    expect(full.vehicle.occupants).toBe(MAX_OCCUPANTS);
    expect(full.persons).toHaveLength(MAX_OCCUPANTS);
    expect(withOccupantCount(draft, 2.7).persons).toHaveLength(2);
  });
});

describe('screening progress', () => {
  it('counts the screened and completes the vehicle only when nobody is left (不漏一人)', () => {
    const open = makeDraft({
      persons: [screenedPerson('driver'), screenedPerson('passenger', { completed: false, step: 'look' })],
    });
    expect(completedCount(open)).toBe(1);
    expect(allScreened(open)).toBe(false);
    const done = updatePerson(open, 1, { completed: true });
    expect(completedCount(done)).toBe(2);
    expect(allScreened(done)).toBe(true);
  });

  it('is not complete while the occupant count names more people than were screened', () => {
    const draft = makeDraft({ persons: [screenedPerson('driver')], vehicle: { occupants: 2 } });
    expect(allScreened(draft)).toBe(false);
  });

  it('edits only the person named', () => {
    const draft = makeDraft({ persons: [screenedPerson('driver'), screenedPerson('passenger')] });
    const edited = updatePerson(draft, 1, { temperatures: [37.6] });
    expect(edited.persons[0]).toBe(draft.persons[0]);
    expect(edited.persons[1]?.temperatures).toEqual([37.6]);
  });
});

describe('withArrivedSuggestion: a colour suggestion that follows the read', () => {
  const scanned = (over: Partial<PersonDraft> = {}): PersonDraft => ({
    ...emptyPerson('driver'),
    scan: 'camera',
    codeDigest: 'd1',
    step: 'look',
    ...over,
  });
  const draft = makeDraft({ persons: [scanned(), scanned({ role: 'passenger', codeDigest: 'd2' })] });
  const code = { draftId: draft.id, index: 1, codeDigest: 'd2' };

  it('preselects on the person whose code it is, while no colour is tapped', () => {
    const next = withArrivedSuggestion(draft, code, 'yellow');
    expect(next.persons[1]?.suggestedCodeColor).toBe('yellow');
    expect(next.persons[1]?.codeColor).toBeNull();
    expect(next.persons[0]).toBe(draft.persons[0]);
  });

  it('changes nothing once the officer has tapped a colour, for another code, person or check, or over a suggestion', () => {
    const tapped = updatePerson(draft, 1, { codeColor: 'green', codeColorSource: 'officer' });
    expect(withArrivedSuggestion(tapped, code, 'yellow')).toBe(tapped);
    const rescanned = updatePerson(draft, 1, { codeDigest: 'd3' });
    expect(withArrivedSuggestion(rescanned, code, 'yellow')).toBe(rescanned);
    expect(withArrivedSuggestion(draft, { ...code, index: 5 }, 'yellow')).toBe(draft);
    expect(withArrivedSuggestion(draft, { ...code, draftId: 'another-check' }, 'yellow')).toBe(draft);
    const suggested = updatePerson(draft, 1, { suggestedCodeColor: 'green' });
    expect(withArrivedSuggestion(suggested, code, 'yellow')).toBe(suggested);
  });
});

describe('parseDraft', () => {
  it('restores a new draft, also after a trip through JSON', () => {
    const draft = newDraft(makeDraftId(), STARTED_AT);
    expect(parseDraft(draft)).toEqual(draft);
    expect(parseDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
    const screened = makeDraft({ persons: [screenedPerson('driver'), screenedPerson('passenger')] });
    expect(parseDraft(screened)).toEqual(screened);
  });

  it("keeps the scanner's colour suggestion across a reload, and restores drafts saved before there were suggestions", () => {
    const suggested = makeDraft({
      persons: [{ ...emptyPerson('driver'), scan: 'camera', step: 'look', suggestedCodeColor: 'yellow' }],
    });
    expect(parseDraft(JSON.parse(JSON.stringify(suggested)))?.persons[0]?.suggestedCodeColor).toBe('yellow');

    const older: Partial<PersonDraft> = emptyPerson('driver');
    delete older.suggestedCodeColor;
    const olderDraft = { ...makeDraft(), persons: [older] };
    expect(parseDraft(JSON.parse(JSON.stringify(olderDraft)))?.persons[0]).toEqual(emptyPerson('driver'));
  });

  it('opens with nothing answered: no vehicle type, no star answer, no ID answer, no colour, no test, doses not asked', () => {
    const draft = newDraft(makeDraftId(), STARTED_AT);
    expect(draft.vehicle.type).toBeNull();
    expect(hasVehicleType(draft)).toBe(false);
    const [person] = draft.persons;
    expect(person).toMatchObject({
      codeColor: null,
      itineraryStar: null,
      idChecked: null,
      temperatures: [],
      testStatus: null,
      vaccineDoses: null,
    });
  });

  it('reads a draft of the version that preselected 无星 and 已核验, keeping only what must have been tapped', () => {
    // Version 1 opened 二看 with 无星 pressed and 三查 with 已核验身份证件 pressed.
    const v1Person = (itineraryStar: boolean, idChecked: boolean) => ({
      ...screenedPerson('driver'),
      itineraryStar,
      itineraryCities: itineraryStar ? ['上海'] : [],
      idChecked,
    });
    const v1 = {
      ...makeDraft(),
      schemaVersion: 1,
      persons: [v1Person(false, true), v1Person(true, false)],
    };
    const restored = parseDraft(JSON.parse(JSON.stringify(v1)));
    expect(restored?.schemaVersion).toBe(DRAFT_SCHEMA_VERSION);
    // The preselected values may never have been tapped: the card counts as not seen, the ID as not checked.
    expect(restored?.persons[0]).toMatchObject({ itineraryStar: null, idChecked: null });
    // A star, and "not checked", differ from the preselection: the officer tapped them.
    expect(restored?.persons[1]).toMatchObject({ itineraryStar: true, itineraryCities: ['上海'], idChecked: false });
    // Version 1 also opened the vehicle with 小客车 pressed: read as version 2 below.
    expect(restored?.vehicle.type).toBeNull();
  });

  it('reads a draft of the version that preselected 小客车: back to the vehicle step for a tap, persons kept', () => {
    // Version 2 opened the vehicle step with 小客车 pressed: "car" may never have been tapped.
    const screened = [screenedPerson('driver'), { ...emptyPerson('passenger'), step: 'look' as const }];
    const v2Car = { ...makeDraft({ persons: screened, currentPerson: 1 }), schemaVersion: 2 };
    const restored = parseDraft(JSON.parse(JSON.stringify(v2Car)));
    expect(restored).toMatchObject({ schemaVersion: DRAFT_SCHEMA_VERSION, stage: 'vehicle', currentPerson: 1 });
    expect(restored?.vehicle.type).toBeNull();
    expect(restored?.persons).toEqual(screened);

    // Any other type differs from the preselection: the officer tapped it, and the draft stays where it was.
    const v2Truck = { ...makeDraft({ vehicle: { type: 'truck' } }), schemaVersion: 2 };
    const truck = parseDraft(JSON.parse(JSON.stringify(v2Truck)));
    expect(truck).toMatchObject({ stage: 'persons', vehicle: { type: 'truck' } });
  });

  it('returns null for anything that is not a draft of this version', () => {
    const good = makeDraft();
    const [person] = good.persons;
    const junk: unknown[] = [
      null,
      undefined,
      'draft',
      42,
      {},
      [],
      { ...good, schemaVersion: DRAFT_SCHEMA_VERSION + 1 },
      { ...good, schemaVersion: 1, persons: [{ ...person, idChecked: null }] },
      { ...good, schemaVersion: 2, vehicle: { ...good.vehicle, type: null } },
      { ...good, vehicle: { ...good.vehicle, type: 'tractor' } },
      { ...good, id: 7 },
      { ...good, rev: 0 },
      { ...good, stage: 'done' },
      { ...good, vehicle: { ...good.vehicle, occupants: 0 } },
      { ...good, vehicle: { ...good.vehicle, occupants: MAX_OCCUPANTS + 1 } },
      { ...good, vehicle: { ...good.vehicle, plateMode: 'diplomatic' } },
      { ...good, vehicle: { ...good.vehicle, type: 'tractor' } },
      { ...good, persons: [{ ...person, step: 'x-ray' }] },
      { ...good, persons: [{ ...person, temperatures: ['36.5'] }] },
      { ...good, persons: [{ ...person, codeColor: 'purple' }] },
      // grey is never suggested: the scanner is unsure instead
      { ...good, persons: [{ ...person, suggestedCodeColor: 'grey' }] },
      { ...good, persons: [{ ...person, registration: undefined }] },
      { ...good, vehicleOverride: { disposition: 'shoot', reason: '' } },
    ];
    for (const payload of junk) expect(parseDraft(payload), JSON.stringify(payload)).toBeNull();
  });
});
