// What the lead's PIN pad and PIN change need of the server, from the enrolled device's settings: its address and
// token, and the lead PIN sync step over the tablet's copy. A tablet without a server gets a step that does nothing.
import type { SettingsMap } from '../db/settings-repository.ts';
import { enrolledServer } from './enroll-tablet.ts';
import { createLeadPinRemote, type LeadServer } from './lead-pin-client.ts';
import { createLeadPinSync, type LeadPinCachePort, type LeadPinSync } from './lead-pin-sync.ts';
import type { FetchLike } from './transport.ts';

export interface LeadAccess {
  /** Null when the tablet is not enrolled with a server. */
  server: LeadServer | null;
  leadPinSync: LeadPinSync;
}

const NO_SERVER_SYNC: LeadPinSync = {
  run: () => Promise.resolve(),
  runNow: () => Promise.resolve('unchanged'),
};

export function leadAccessFor(
  device: SettingsMap['device'] | null | undefined,
  cache: LeadPinCachePort,
  now: () => number,
  fetch?: FetchLike,
): LeadAccess {
  const enrolled = enrolledServer(device);
  if (enrolled === null) return { server: null, leadPinSync: NO_SERVER_SYNC };
  const server: LeadServer = {
    baseUrl: enrolled.serverUrl,
    token: enrolled.token,
    now,
    ...(fetch === undefined ? {} : { fetch }),
  };
  return { server, leadPinSync: createLeadPinSync({ remote: createLeadPinRemote(server), cache }) };
}
