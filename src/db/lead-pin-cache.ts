// Where the lead PIN sync step keeps the checkpoint's PIN on this tablet: the settings row the PIN pad verifies against.
// No hashing here (the sync code loads it at start-up; the hashing loads with the lead's screens).
import type { SettingsRepository, StoredLeadPin } from './settings-repository.ts';
import type { CheckpointLeadPin, LeadPinHash } from '../domain/lead-pin.ts';

export interface LeadPinCache {
  get(): Promise<StoredLeadPin | undefined>;
  /** The server's PIN becomes this tablet's, with the version it is. */
  adopt(pin: CheckpointLeadPin & { hash: LeadPinHash; setAt: string }): Promise<void>;
}

export function createLeadPinCache(settings: SettingsRepository): LeadPinCache {
  return {
    get: () => settings.get('leadPin'),
    adopt: (pin) =>
      settings.set('leadPin', {
        algorithm: pin.hash.algorithm,
        iterations: pin.hash.iterations,
        saltB64: pin.hash.saltB64,
        hashB64: pin.hash.hashB64,
        setAt: Date.parse(pin.setAt),
        serverVersion: pin.version,
      }),
  };
}
