// The screening policy the tablet judges under: the one last fetched from its server (settings 'policy'), and
// until there is one the defaults of src/domain (the policy's version goes into every check, so the server knows which).
import { useSetting } from './live-queries.ts';
import { DEFAULT_POLICY, type Policy } from '../domain/policy.ts';

export function usePolicy(): Policy {
  // While the first read is in flight (undefined) the defaults stand in; the cached policy follows a moment later.
  return useSetting('policy') ?? DEFAULT_POLICY;
}
