// Enrolling the tablet with a server: the request, then adopting checks saved before, the first lead PIN, then the
// device settings, the policy and the checkpoint's lead PIN.
import type { CheckRepository } from '../db/check-repository.ts';
import { createLeadPinCache } from '../db/lead-pin-cache.ts';
import type { LeadPinRepository } from '../db/lead-pin-repository.ts';
import type { SettingsMap, SettingsRepository } from '../db/settings-repository.ts';
import { createLeadPinRemote } from './lead-pin-client.ts';
import { syncLeadPin } from './lead-pin-sync.ts';
import { createHttpTransport, enrollDevice, type EnrolledDevice, type FetchLike } from './transport.ts';

export interface EnrollTabletRequest {
  /** As returned by normaliseServerUrl. */
  serverUrl: string;
  enrollmentCode: string;
  deviceName: string;
  /**
   * The first lead PIN of the tablet, asked for at enrollment when none is set; stored hashed (never sent as typed),
   * and the hash becomes the checkpoint's PIN when the server has none (ADR 030).
   */
  leadPin?: string;
}

export interface EnrollTabletDeps {
  checks: Pick<CheckRepository, 'adoptPending'>;
  settings: SettingsRepository;
  fetch?: FetchLike;
  now: () => number;
  /** Where the lead PIN goes; by default the lead PIN repository over `settings`. */
  leadPins?: Pick<LeadPinRepository, 'setFirst'>;
}

export interface EnrollTabletResult {
  device: EnrolledDevice;
  /** Checks saved before enrollment that now carry the enrolled ids and will be sent. */
  adopted: number;
  /** False when the policy could not be fetched yet; the sync engine fetches it on its first run. */
  policyFetched: boolean;
  /** True when the checkpoint already had a lead PIN: this tablet uses it (one typed at enrollment is not used). */
  leadPinFromCheckpoint: boolean;
}

/**
 * Throws EnrollmentError (from the server or the network) before anything is stored; storage errors after.
 * Pending checks are adopted before the token is stored: the app starts syncing when it sees the token, and
 * a check still marked 'unenrolled' would be refused by the server.
 */
export async function enrollTablet(request: EnrollTabletRequest, deps: EnrollTabletDeps): Promise<EnrollTabletResult> {
  const device = await enrollDevice(
    { baseUrl: request.serverUrl, enrollmentCode: request.enrollmentCode, name: request.deviceName },
    deps.fetch,
  );
  const { checkpoint } = device;
  const adopted = await deps.checks.adoptPending({
    checkpointId: checkpoint.id,
    deviceId: device.deviceId,
    timeZone: checkpoint.timezone,
  });
  // Before the device settings: a tablet that shows as enrolled must already be able to open the lead's screens.
  if (request.leadPin !== undefined) {
    // Loaded here, not up front: the app's start-up wires enrollment in, and only enrolling needs the hashing.
    const leadPins =
      deps.leadPins ?? (await import('../db/lead-pin-repository.ts')).createLeadPinRepository(deps.settings);
    await leadPins.setFirst(request.leadPin, deps.now());
  }
  await deps.settings.set('device', {
    checkpointId: checkpoint.id,
    checkpointName: checkpoint.name,
    province: checkpoint.province,
    city: checkpoint.city,
    timeZone: checkpoint.timezone,
    ...(typeof checkpoint.countyCode === 'string' ? { countyCode: checkpoint.countyCode } : {}),
    deviceId: device.deviceId,
    deviceName: request.deviceName.trim(),
    serverUrl: request.serverUrl,
    token: device.token,
    enrolledAt: deps.now(),
  });

  const server = { baseUrl: request.serverUrl, token: device.token, ...(deps.fetch ? { fetch: deps.fetch } : {}) };
  let policyFetched = false;
  try {
    await deps.settings.set('policy', await createHttpTransport(server).getPolicy());
    policyFetched = true;
  } catch {
    // Enrollment itself succeeded; the engine fetches the policy on its first run.
  }
  let leadPinFromCheckpoint = false;
  try {
    const outcome = await syncLeadPin(createLeadPinRemote(server), createLeadPinCache(deps.settings));
    leadPinFromCheckpoint = outcome === 'adopted';
  } catch {
    // As for the policy: the engine's first pass takes the checkpoint's PIN, or hands it this tablet's.
  }
  return { device, adopted, policyFetched, leadPinFromCheckpoint };
}

/** Server address and token, when the tablet has been enrolled with a server. */
export function enrolledServer(
  device: SettingsMap['device'] | null | undefined,
): { serverUrl: string; token: string } | null {
  if (!device?.serverUrl || !device.token) return null;
  return { serverUrl: device.serverUrl, token: device.token };
}
