// What the officer is told when the last guard before saving (the wire schema) refuses a check.
import { describe, expect, it } from 'vitest';
import { toVehicleCheck } from './check-builder.ts';
import { refusedFields } from './use-save-check.ts';
import {
  makeContext,
  makeDraft,
  registered,
  screenedPerson,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

function refusalOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('the check was accepted');
}

describe('refusedFields', () => {
  it('names the field of a name pasted with an invisible character, which the server would refuse', () => {
    const draft = makeDraft({
      persons: [screenedPerson('driver', { codeColor: 'yellow', registration: registered('王\u200b五') })],
    });
    expect(refusedFields(refusalOf(() => toVehicleCheck(draft, makeContext())))).toBe('persons.0.registration.name');
  });

  it('leaves any other failure (storage, a bug) to the general message', () => {
    expect(refusedFields(new Error('QuotaExceededError'))).toBeNull();
    expect(refusedFields('not an error')).toBeNull();
  });
});
