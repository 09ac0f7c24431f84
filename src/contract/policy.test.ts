// The default policy must be one the server and tablets accept; a policy that breaks its own rules is refused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { policySchema } from './policy.ts';

describe('policySchema', () => {
  it('accepts DEFAULT_POLICY as it is', () => {
    expect(policySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
  });

  it('refuses a policy recommending a disposition it does not allow (a truck turned back)', () => {
    const policy = structuredClone(DEFAULT_POLICY);
    policy.recommendations.truck['yellow-code'] = 'turn-back';
    expect(policySchema.safeParse(policy).success).toBe(false);
  });
});
