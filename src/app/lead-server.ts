// The PIN pad's side of the server (ADR 030): after the tablet has accepted a PIN, the same PIN buys a lead session
// when the server can be reached; after it refused one, the checkpoint's PIN may have changed elsewhere. Loaded with
// the gate, like the PIN hashing.
import { settings } from '../db/db-instance.ts';
import { createLeadPinCache } from '../db/lead-pin-cache.ts';
import { leadPins } from '../db/lead-pins-instance.ts';
import type { SettingsMap } from '../db/settings-repository.ts';
import { isOnline } from '../platform/online.ts';
import { leadAccessFor, type LeadAccess } from '../sync/lead-access.ts';
import { endLeadSession } from '../sync/lead-pin-client.ts';
import { openServerLeadSession } from '../sync/lead-unlock.ts';
import { unlockLead } from './lead-session.ts';

type Device = SettingsMap['device'] | null | undefined;

function leadAccessOf(device: Device): LeadAccess {
  return leadAccessFor(device, createLeadPinCache(settings), Date.now);
}

/**
 * Opens the lead's screens for `pin`, which this tablet has accepted (`device`: the enrolled device's settings): with a lead session when the server takes it too,
 * on the tablet's own data when there is no server to ask. 'pin-changed': the server's PIN is another (changed
 * elsewhere, or another tablet's first lead was quicker); the tablet now holds it and stays locked.
 */
export async function unlockWithServer(pin: string, device: Device): Promise<'unlocked' | 'pin-changed'> {
  const access = leadAccessOf(device);
  const outcome = await openServerLeadSession(pin, {
    server: access.server,
    online: isOnline(),
    leadPinSync: access.leadPinSync,
  });
  if (outcome.kind === 'pin-changed') return 'pin-changed';
  const { server } = access;
  unlockLead(
    Date.now(),
    outcome.kind === 'session' && server !== null
      ? { ...outcome.credentials, end: (token) => endLeadSession(server, token) }
      : null,
  );
  return 'unlocked';
}

/**
 * After this tablet refused `pin`: true when the checkpoint's PIN, fetched now, has moved and `pin` is the new one (the
 * lead typed the PIN changed elsewhere before this tablet's next sync brought it). False offline or without a server.
 */
export async function newServerPinAccepts(pin: string, device: Device): Promise<boolean> {
  const access = leadAccessOf(device);
  if (access.server === null || !isOnline()) return false;
  try {
    if ((await access.leadPinSync.runNow()) !== 'adopted') return false;
  } catch {
    return false;
  }
  return leadPins.acceptIfMatches(pin);
}
