// One sync step for the lead PIN (ADR 030): take the checkpoint's PIN from the server when it has one (a change made
// anywhere reaches this tablet), and hand it the PIN set on this tablet when it has none (a tablet enrolled before).
import type { StoredLeadPin } from '../db/settings-repository.ts';
import type { CheckpointLeadPin, LeadPinHash } from '../domain/lead-pin.ts';
import { LeadPinAlreadySetError, type LeadPinRemote } from './lead-pin-client.ts';

export type ServerLeadPin = CheckpointLeadPin & { hash: LeadPinHash; setAt: string };

/** What the step needs of the tablet's storage (src/db/lead-pin-cache.ts is it). */
export interface LeadPinCachePort {
  get(): Promise<StoredLeadPin | undefined>;
  /** Keeps the server's PIN as this tablet's (the count of wrong PINs on the pad stays as it is). */
  adopt(pin: ServerLeadPin): Promise<void>;
}

/** What a pass did: nothing to do, the server's PIN taken, or this tablet's PIN handed to the server. */
export type LeadPinSyncOutcome = 'unchanged' | 'adopted' | 'pushed';

function isSet(pin: CheckpointLeadPin): pin is ServerLeadPin {
  return pin.hash !== null && pin.setAt !== null;
}

function hashOf(record: StoredLeadPin): LeadPinHash {
  return {
    algorithm: record.algorithm,
    iterations: record.iterations,
    saltB64: record.saltB64,
    hashB64: record.hashB64,
  };
}

/**
 * The server's PIN wins whenever it has one, also over a PIN set here and never handed over: the checkpoint's first PIN
 * is the first one the server took. Throws the transport's errors (the engine reports them; the next pass tries again).
 */
export async function syncLeadPin(remote: LeadPinRemote, cache: LeadPinCachePort): Promise<LeadPinSyncOutcome> {
  const server = await remote.get();
  const local = await cache.get();
  if (isSet(server)) {
    if (local?.serverVersion === server.version) return 'unchanged';
    await cache.adopt(server);
    return 'adopted';
  }
  // Neither has one: the first lead at some tablet will set it.
  if (local === undefined) return 'unchanged';
  try {
    const taken = await remote.pushFirst(hashOf(local));
    if (isSet(taken)) await cache.adopt(taken);
    return 'pushed';
  } catch (e) {
    if (!(e instanceof LeadPinAlreadySetError)) throw e;
    // Another tablet's first lead was quicker: theirs is the checkpoint's PIN.
    const winner = await remote.get();
    if (!isSet(winner)) return 'unchanged';
    await cache.adopt(winner);
    return 'adopted';
  }
}

export interface LeadPinSync {
  /**
   * The step as the engine runs it, on every pass: a PIN changed anywhere reaches this tablet on its next sync, and
   * asking is one small row (unlike the policy and the configuration, not worth throttling for a PIN left stale).
   */
  run(): Promise<void>;
  /** The same, with what it did: the PIN pad asks when the server and this tablet disagree. */
  runNow(): Promise<LeadPinSyncOutcome>;
}

export function createLeadPinSync(deps: { remote: LeadPinRemote; cache: LeadPinCachePort }): LeadPinSync {
  const runNow = () => syncLeadPin(deps.remote, deps.cache);
  return {
    async run() {
      await runNow();
    },
    runNow,
  };
}
