import { describe, expect, it } from 'vitest';
import { createWebLock } from './web-lock.ts';

/** Web Locks' exclusive mode with ifAvailable, enough of it for the adapter. */
function fakeLockManager(): LockManager {
  const held = new Set<string>();
  const request = async (name: string, _options: LockOptions, callback: (lock: Lock | null) => unknown) => {
    if (held.has(name)) return callback(null);
    held.add(name);
    try {
      return await callback({ name, mode: 'exclusive' });
    } finally {
      held.delete(name);
    }
  };
  return { request, query: () => Promise.resolve({ held: [], pending: [] }) } as unknown as LockManager;
}

describe('createWebLock', () => {
  it('runs the work of one tab and turns the other away while it holds the lock, then lets it in', async () => {
    const locks = fakeLockManager();
    const tabA = createWebLock(locks);
    const tabB = createWebLock(locks);
    let finishA = () => {};
    const aDone = new Promise<void>((resolve) => {
      finishA = resolve;
    });

    const runA = tabA.runExclusive(async () => {
      await aDone;
      return 'a';
    });
    expect(await tabB.runExclusive(() => Promise.resolve('b'))).toEqual({ acquired: false });

    finishA();
    expect(await runA).toEqual({ acquired: true, value: 'a' });
    expect(await tabB.runExclusive(() => Promise.resolve('b'))).toEqual({ acquired: true, value: 'b' });
  });

  it('runs the work anyway where the browser has no Web Locks', async () => {
    expect(await createWebLock(undefined).runExclusive(() => Promise.resolve(42))).toEqual({
      acquired: true,
      value: 42,
    });
  });
});
