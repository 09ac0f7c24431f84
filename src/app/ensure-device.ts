// First start on a tablet: give it a device identity so checks can be saved before it is enrolled.
// Enrollment (with a server) replaces the checkpoint fields and the device id with the ones the server issued.
import { settings } from '../db/db-instance.ts';
import { UNENROLLED_CHECKPOINT_ID } from '../db/settings-repository.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { randomUuid } from '../platform/crypto/random-uuid.ts';

export async function ensureDevice(): Promise<void> {
  const existing = await settings.get('device');
  if (existing) return;
  await settings.set('device', {
    checkpointId: UNENROLLED_CHECKPOINT_ID,
    checkpointName: '',
    province: '',
    city: '',
    timeZone: DEFAULT_TIME_ZONE,
    deviceId: randomUuid(),
    deviceName: '',
  });
}
