// Which tablets a command should look at: one that still holds checks and has not synced for two hours is one whose
// network or battery is failing at the checkpoint (ADR 038). Pure, so the list and its test agree.
import type { DeviceListing } from '../../../contract/admin-console.ts';

/** Checks pending longer than this make a tablet stand out. */
export const PENDING_ATTENTION_MS = 2 * 60 * 60_000;

export function needsAttention(device: DeviceListing, nowMs: number): boolean {
  // The tablet says what it still holds with each batch the server stores (Kakou-Pending): checks left after its
  // last stored batch have waited at least since then.
  if (device.revokedAt !== null || device.lastSyncAt === null || !device.pendingChecks) return false;
  return nowMs - Date.parse(device.lastSyncAt) > PENDING_ATTENTION_MS;
}
