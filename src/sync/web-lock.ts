// One sync owner across the app's tabs: a LockPort over the Web Locks API (navigator.locks).
import type { LockPort, LockResult } from './sync-engine.ts';

export const SYNC_LOCK_NAME = 'kakou-sync';

/**
 * `ifAvailable`: a tab that finds the lock taken does not queue behind it (the holder is already draining the
 * same outbox) but returns at once and looks again later. Without Web Locks (an old WebView, a page that is not
 * a secure context) the work runs anyway: a second tab sending the same batch is harmless, the server
 * answers `duplicate`, whereas never syncing is not.
 */
export function createWebLock(
  locks: LockManager | undefined = typeof navigator === 'undefined' ? undefined : navigator.locks,
  name: string = SYNC_LOCK_NAME,
): LockPort {
  return {
    async runExclusive<T>(work: () => Promise<T>): Promise<LockResult<T>> {
      if (!locks) return { acquired: true, value: await work() };
      return locks.request(name, { ifAvailable: true }, async (lock): Promise<LockResult<T>> => {
        if (lock === null) return { acquired: false };
        return { acquired: true, value: await work() };
      });
    },
  };
}
