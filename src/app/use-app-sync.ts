// One sync engine for the app's lifetime per enrollment: started once the device settings are read, replaced
// when an enrollment brings a new server, token or identity, stopped when the app goes away. Retention starts with the sync code.
import { useEffect, useRef, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { SettingsMap } from '../db/settings-repository.ts';
import type * as AppSyncModule from './create-app-sync.ts';
import type { SyncEngine } from '../sync/sync-engine.ts';
import type { SyncStatus } from '../sync/sync-status.ts';

type Device = SettingsMap['device'];

export interface AppSync {
  /** The status the header shows; null until the sync code has loaded. */
  status: StoreApi<SyncStatus> | null;
  /** The running engine; null when the tablet is not enrolled (or the code has not loaded yet). */
  engine: SyncEngine | null;
}

/**
 * What the engine depends on, as one string: it changes exactly when a new engine is needed. Undefined
 * while the settings are still being read (starting then would report 'not-enrolled' for a moment).
 */
function engineKey(device: Device | null | undefined): string | undefined {
  if (device === undefined) return undefined;
  if (!device?.serverUrl || !device.token) return 'not-enrolled';
  return JSON.stringify([device.serverUrl, device.token, device.checkpointId, device.deviceId, device.timeZone]);
}

/** `device` as read by useSetting('device'). */
export function useAppSync(device: Device | null | undefined): AppSync {
  // The engine, the transport and the wire schemas (zod) load after the first screen: an officer can
  // start a check before they arrive (docs/benchmarks.md: the initial-JS budget).
  const [sync, setSync] = useState<typeof AppSyncModule | null>(null);
  const [engine, setEngine] = useState<SyncEngine | null>(null);
  const latestDevice = useRef(device);
  useEffect(() => {
    latestDevice.current = device;
  });
  const key = engineKey(device);

  useEffect(() => {
    let mounted = true;
    let stopRetention: (() => void) | null = null;
    void import('./create-app-sync.ts').then((loaded) => {
      if (!mounted) return;
      setSync(loaded);
      // Once per app start, after the first screen like the engine: retention is no start-up work to wait for.
      stopRetention = loaded.startAppRetention();
    });
    return () => {
      mounted = false;
      stopRetention?.();
    };
  }, []);

  useEffect(() => {
    if (key === undefined || sync === null) return undefined;
    const started = sync.startAppSync(latestDevice.current);
    setEngine(started);
    return () => {
      started?.stop();
      setEngine(null);
    };
  }, [key, sync]);

  // The division lists follow where the checkpoint stands: a new enrollment may name another county.
  const placeKey =
    device === undefined ? undefined : JSON.stringify([device?.countyCode, device?.province ?? '', device?.city ?? '']);
  useEffect(() => {
    if (placeKey === undefined || sync === null) return undefined;
    const [countyCode, province, city] = JSON.parse(placeKey) as [string | null, string, string];
    return sync.startDivisionWarmUp({ countyCode: countyCode ?? undefined, province, city });
  }, [placeKey, sync]);

  return { status: sync?.appSyncStatus ?? null, engine };
}
