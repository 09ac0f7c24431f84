// Which checkpoint a request is about: a device's own (403 for another); an admin's named one, within its scope (400
// unnamed, 404 unknown, 403 outside the scope — ADR 038).
import { scopeCovers } from '../../domain/admin-scope.ts';
import type { AdminPrincipal, Principal } from '../plugins/auth.ts';
import { ProblemError } from '../plugins/problem.ts';
import type { Checkpoint } from '../store/checkpoint-repository.ts';
import type { Store } from '../store/create-store.ts';

/** 403 for a checkpoint outside an admin's scope; the checkpoint itself otherwise. */
export function checkpointOfScope<T extends Pick<Checkpoint, 'id' | 'province' | 'city'>>(
  principal: AdminPrincipal,
  checkpoint: T,
): T {
  if (!scopeCovers(principal.scope, checkpoint)) {
    throw new ProblemError(403, `The checkpoint ${checkpoint.id} is outside this admin's scope.`);
  }
  return checkpoint;
}

/** `what` names the report in the refusal ("tally", "hand-off list"). */
export async function checkpointInScope(
  store: Store,
  principal: Principal,
  asked: string | undefined,
  what: string,
): Promise<Checkpoint> {
  let checkpointId: string;
  if (principal.kind === 'device') {
    if (asked !== undefined && asked !== principal.checkpointId) {
      throw new ProblemError(403, `A device token may use only its own checkpoint's ${what}.`);
    }
    checkpointId = principal.checkpointId;
  } else {
    if (asked === undefined) {
      throw new ProblemError(400, 'Admins name the checkpoint: add &checkpointId=… to the query.');
    }
    checkpointId = asked;
  }
  const checkpoint = await store.checkpoints.get(checkpointId);
  if (checkpoint === undefined) throw new ProblemError(404, `There is no checkpoint ${checkpointId}.`);
  return principal.kind === 'admin' ? checkpointOfScope(principal, checkpoint) : checkpoint;
}
