// The app's sync wiring: the real database, the HTTP transport from the enrolled device's settings, the browser's
// timers, network and visibility events, and the one status store the header reads. It composes src/db, src/sync and
// src/platform, so it lives in the composition root; the engine it starts knows none of these (ports only).
import { checkpointConfig, checks, db, divisionChunks, settings } from '../db/db-instance.ts';
import { createLeadPinCache } from '../db/lead-pin-cache.ts';
import { createRetention } from '../db/retention.ts';
import type { SettingsMap } from '../db/settings-repository.ts';
import type { ServerDateSample } from '../domain/clock-skew.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { APP_BUILD, APP_VERSION } from '../platform/build-info.ts';
import { isOnline, subscribeOnline } from '../platform/online.ts';
import { createCheckpointConfigRemote } from '../sync/checkpoint-config-client.ts';
import { createClockCheck } from '../sync/clock-check.ts';
import { leadToken, subscribeLeadCredentials } from '../sync/lead-credentials.ts';
import { createLeadPinRemote } from '../sync/lead-pin-client.ts';
import { createLeadPinSync } from '../sync/lead-pin-sync.ts';
import { createSyncEngine, type NetworkEvent, type NetworkPort, type SyncEngine } from '../sync/sync-engine.ts';
import { createSyncStatusStore } from '../sync/sync-status.ts';
import { enrolledServer } from '../sync/enroll-tablet.ts';
import { createApiClient, createHttpTransport } from '../sync/transport.ts';
import { createDivisionLists } from '../sync/division-lists.ts';
import type { CheckpointPlace } from '../domain/divisions.ts';
import { createWebLock } from '../sync/web-lock.ts';

/**
 * The sync status the UI shows, whether or not an engine runs: 'not-enrolled' until one does, then whatever
 * the current engine writes. It outlives engines, so the header keeps its numbers across a re-enrollment.
 */
export const appSyncStatus = createSyncStatusStore({ state: 'not-enrolled' });

const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Applies retention (src/db/retention.ts) under the cached policy now and once a day while the app runs, enrolled
 * or not. Returns the stop.
 */
export function startAppRetention(): () => void {
  const retention = createRetention(db);
  const run = async () => {
    const retentionDays = (await settings.get('policy'))?.retentionDays ?? DEFAULT_POLICY.retentionDays;
    await retention.apply({ now: Date.now(), retentionDays });
  };
  // A failed run removes nothing (one transaction) and the next one catches up: nothing for the officer to do.
  const runQuietly = () => {
    run().catch(() => undefined);
  };
  runQuietly();
  const timer = window.setInterval(runQuietly, RETENTION_INTERVAL_MS);
  return () => {
    window.clearInterval(timer);
  };
}

/**
 * Keeps on the tablet the division lists its checkpoint needs (ADR 034), enrolled or not: now when online, and again
 * each time the network comes back, so the destination picker works offline after the first visit. Returns the stop.
 */
export function startDivisionWarmUp(place: CheckpointPlace): () => void {
  const lists = createDivisionLists({
    store: divisionChunks,
    app: createApiClient({ baseUrl: window.location.origin }),
    now: () => Date.now(),
  });
  // Nothing for the officer to do when it fails: the picker says what is missing, and the next try catches up.
  const warmUp = () => {
    if (isOnline()) lists.warmUp(place).catch(() => undefined);
  };
  warmUp();
  return subscribeOnline((online) => {
    if (online) warmUp();
  });
}

function browserNetwork(): NetworkPort {
  return {
    isOnline,
    subscribe(listener: (event: NetworkEvent) => void) {
      const stopOnline = subscribeOnline((online) => {
        listener(online ? 'online' : 'offline');
      });
      // A tablet woken from sleep shows the page again; its timers may have been frozen meanwhile.
      const visible = () => {
        if (document.visibilityState === 'visible') listener('visible');
      };
      document.addEventListener('visibilitychange', visible);
      return () => {
        stopOnline();
        document.removeEventListener('visibilitychange', visible);
      };
    },
  };
}

/**
 * Starts syncing for the device settings given (read them with useSetting('device')); null, with the status
 * set to 'not-enrolled', when the tablet has no server yet. The caller stops the engine when the settings
 * change (a re-enrollment brings a new token) and starts a new one.
 */
export function startAppSync(device: SettingsMap['device'] | null | undefined): SyncEngine | null {
  const server = enrolledServer(device);
  if (!device || !server) {
    appSyncStatus.setState({ state: 'not-enrolled', lastError: null, progress: null, nextAttemptAt: null });
    return null;
  }
  // What an earlier engine (an old token) reported is no longer true of this one.
  appSyncStatus.setState({ state: 'idle', lastError: null, progress: null, nextAttemptAt: null });

  // Every answer of the sync (batches, policy, configuration, lead PIN: one at least on each pass) tells how far this
  // tablet's clock is from the server's; the banner and each check saved meanwhile read the settings row (ADR 035).
  const clockCheck = createClockCheck({
    get: () => settings.get('clockSkew'),
    set: (record) => settings.set('clockSkew', record),
  });
  const onServerDate = (sample: ServerDateSample) => {
    clockCheck.observe(sample);
  };

  const engine = createSyncEngine({
    outbox: checks,
    transport: createHttpTransport({
      baseUrl: server.serverUrl,
      token: server.token,
      onServerDate,
      // Semver build metadata: the console shows which build each tablet runs, dirty or not.
      appVersion: `${APP_VERSION}+${APP_BUILD}`,
    }),
    clock: {
      now: () => Date.now(),
      setTimeout: (callback, delayMs) => window.setTimeout(callback, delayMs),
      clearTimeout: (handle) => {
        window.clearTimeout(handle);
      },
    },
    random: Math.random,
    lock: createWebLock(),
    policyCache: {
      get: () => settings.get('policy'),
      set: (policy) => settings.set('policy', policy),
    },
    checkpointConfig: {
      // An edit goes out with the lead's token, while a lead is unlocked with the server (ADR 030).
      remote: createCheckpointConfigRemote({
        baseUrl: server.serverUrl,
        token: server.token,
        leadToken: () => leadToken(Date.now()),
        onServerDate,
      }),
      cache: checkpointConfig,
    },
    leadPin: createLeadPinSync({
      remote: createLeadPinRemote({ baseUrl: server.serverUrl, token: server.token, onServerDate }),
      cache: createLeadPinCache(settings),
    }),
    meta: {
      getLastSuccessAt: async () => (await settings.get('syncMeta'))?.lastSuccessAt ?? null,
      setLastSuccessAt: (lastSuccessAt) => settings.set('syncMeta', { lastSuccessAt }),
    },
    network: browserNetwork(),
    identity: { checkpointId: device.checkpointId, deviceId: device.deviceId, timeZone: device.timeZone },
    status: appSyncStatus,
  });
  engine.start();
  // A lead who unlocks with the server may have an edit waiting for a lead's token: send it now, not on the next timer.
  const stopWatchingLead = subscribeLeadCredentials(() => {
    if (leadToken(Date.now()) !== null) engine.trigger();
  });
  return {
    ...engine,
    stop() {
      stopWatchingLead();
      engine.stop();
    },
  };
}
