// What stops the officer from leaving a person: registration of the flagged, a reason for an override.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../../domain/policy.ts';
import { judgePerson } from './check-builder.ts';
import type { DraftWithType, PersonDraft } from './check-draft.ts';
import { nextUnscreened, personProblems } from './person-validation.ts';
import {
  BAD_CHECKSUM_ID_NUMBER,
  COMPLETED_AT,
  makeDraft,
  registered,
  screenedPerson,
  VALID_ID_NUMBER,
  VALID_PHONE,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

const WITH_COUNTY = { province: '湖南', city: '娄底', county: '双峰县', township: '', village: '' };

function problemsOf(person: PersonDraft, draft: DraftWithType = makeDraft({ persons: [person] })) {
  return personProblems(draft, person, judgePerson(draft, person, DEFAULT_POLICY, COMPLETED_AT));
}

describe('personProblems', () => {
  it('asks nothing of an unflagged person', () => {
    expect(problemsOf(screenedPerson('driver'))).toEqual([]);
  });

  it('asks a flagged person for name, ID number, phone and the destination county', () => {
    expect(problemsOf(screenedPerson('driver', { codeColor: 'yellow' }))).toEqual([
      'reg_name-missing',
      'reg_id-invalid',
      'reg_phone-invalid',
      'reg_county-missing',
    ]);
  });

  it('accepts a complete registration', () => {
    const person = screenedPerson('driver', { codeColor: 'yellow', registration: registered() });
    expect(problemsOf(person, makeDraft({ persons: [person], vehicle: { destination: WITH_COUNTY } }))).toEqual([]);
  });

  it('names each field that is still wrong', () => {
    const flagged = (registration: PersonDraft['registration']) => {
      const person = screenedPerson('driver', { temperatures: [37.8, 37.6], registration });
      return problemsOf(person, makeDraft({ persons: [person], vehicle: { destination: WITH_COUNTY } }));
    };
    expect(flagged({ name: '   ', idNumber: VALID_ID_NUMBER, phone: VALID_PHONE })).toEqual(['reg_name-missing']);
    expect(flagged({ name: '张三', idNumber: BAD_CHECKSUM_ID_NUMBER, phone: VALID_PHONE })).toEqual(['reg_id-invalid']);
    expect(flagged({ name: '张三', idNumber: VALID_ID_NUMBER, phone: '1381234567' })).toEqual(['reg_phone-invalid']);
    expect(flagged({ name: '张三', idNumber: VALID_ID_NUMBER, phone: '0738-8321234' })).toEqual([]);
  });

  it('asks for a reason when the officer chooses another disposition than recommended', () => {
    expect(problemsOf(screenedPerson('driver', { chosenDisposition: 'turn-back', overrideReason: '  ' }))).toEqual([
      'overrideReasonMissing',
    ]);
    expect(
      problemsOf(screenedPerson('driver', { chosenDisposition: 'turn-back', overrideReason: '拒绝配合' })),
    ).toEqual([]);
  });
});

describe('nextUnscreened', () => {
  const line = (...completed: boolean[]) =>
    makeDraft({
      persons: completed.map((done, i) => screenedPerson(i === 0 ? 'driver' : 'passenger', { completed: done })),
    });

  it('goes to the next person still to screen', () => {
    expect(nextUnscreened(line(true, false, false), 0)).toBe(1);
    expect(nextUnscreened(line(true, true, false), 0)).toBe(2);
  });

  it('wraps round to someone skipped earlier', () => {
    expect(nextUnscreened(line(false, true, true), 2)).toBe(0);
    expect(nextUnscreened(line(true, false, true), 2)).toBe(1);
  });

  it('returns null when everybody is screened', () => {
    expect(nextUnscreened(line(true, true, true), 1)).toBeNull();
  });
});
