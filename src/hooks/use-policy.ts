// The screening policy the tablet judges under. Until the tablet has fetched one from its server, the
// defaults of src/domain apply (the policy's version goes into every check, so the server knows which).
import type { Policy } from '../contract/policy.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';

export function usePolicy(): Policy {
  return DEFAULT_POLICY;
}
