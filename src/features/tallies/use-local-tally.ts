// This tablet's own tally of a day, from the report's packed copy of its checks (ADR 013); works offline.
import { useMemo } from 'react';
import { useTallySourcesForDay } from '../../db/live-queries.ts';
import type { SettingsMap } from '../../db/settings-repository.ts';
import { tallyDay, type DailyTally } from '../../domain/tally.ts';
import type { ServerAccess } from './use-server-tally.ts';

type DeviceSettings = SettingsMap['device'];

/** null until the device and the day's checks are read. `now` is the "counted at" time. */
export function useLocalTally(device: DeviceSettings | null | undefined, date: string, now: number): DailyTally | null {
  const stored = useTallySourcesForDay(date);
  return useMemo(() => {
    if (!device || stored === undefined) return null;
    return tallyDay(stored, {
      checkpointId: device.checkpointId,
      date,
      timeZone: device.timeZone,
      province: device.province,
      city: device.city,
      generatedAt: new Date(now).toISOString(),
      // This tablet's checks only: its own name is the one to list should its clock have been off.
      deviceNames: new Map([[device.deviceId, device.deviceName]]),
    });
  }, [device, stored, date, now]);
}

/** The server to ask, when the tablet is enrolled with one. */
export function serverAccessOf(device: DeviceSettings | null | undefined): ServerAccess | null {
  return device?.serverUrl && device.token ? { baseUrl: device.serverUrl, token: device.token } : null;
}
