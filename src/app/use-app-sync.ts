// One sync engine for the app's lifetime per enrollment: started once the device settings are read, replaced
// when an enrollment brings a new server, token or identity, stopped when the app goes away.
import { useEffect, useRef, useState } from 'react';
import type { SettingsMap } from '../db/settings-repository.ts';
import { enrolledServer, startAppSync } from '../sync/create-app-sync.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';

type Device = SettingsMap['device'];

/**
 * What the engine depends on, as one string: it changes exactly when a new engine is needed. Undefined
 * while the settings are still being read (starting then would report 'not-enrolled' for a moment).
 */
function engineKey(device: Device | null | undefined): string | undefined {
  if (device === undefined) return undefined;
  const server = enrolledServer(device);
  if (!device || !server) return 'not-enrolled';
  return JSON.stringify([server.serverUrl, server.token, device.checkpointId, device.deviceId, device.timeZone]);
}

/** The running engine (null when the tablet is not enrolled); `device` as read by useSetting('device'). */
export function useAppSync(device: Device | null | undefined): SyncEngine | null {
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  const latestDevice = useRef(device);
  useEffect(() => {
    latestDevice.current = device;
  });
  const key = engineKey(device);

  useEffect(() => {
    if (key === undefined) return undefined;
    const started = startAppSync(latestDevice.current);
    setEngine(started);
    return () => {
      started?.stop();
      setEngine(null);
    };
  }, [key]);

  return engine;
}
