// Storage status as the settings screen shows it: real answers passed through, unknowns as null.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestPersistentStorage, storageStatus } from './storage.ts';

function stubStorage(manager: object | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
});

describe('storageStatus', () => {
  it('reports persistence, usage and quota from the browser', async () => {
    stubStorage({
      persisted: () => Promise.resolve(true),
      estimate: () => Promise.resolve({ usage: 5_242_880, quota: 1_073_741_824 }),
    });
    await expect(storageStatus()).resolves.toEqual({
      persisted: true,
      usageBytes: 5_242_880,
      quotaBytes: 1_073_741_824,
    });
  });

  it('answers null for everything when the browser has no storage manager', async () => {
    stubStorage(undefined);
    await expect(storageStatus()).resolves.toEqual({ persisted: null, usageBytes: null, quotaBytes: null });
  });

  it('answers null for a query the browser rejects, and keeps the others', async () => {
    stubStorage({
      persisted: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      estimate: () => Promise.resolve({ usage: 1024 }),
    });
    await expect(storageStatus()).resolves.toEqual({ persisted: null, usageBytes: 1024, quotaBytes: null });
  });
});

describe('requestPersistentStorage', () => {
  it("returns the browser's decision", async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    stubStorage({ persist });
    await expect(requestPersistentStorage()).resolves.toBe(false);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('returns null when persistence cannot be requested', async () => {
    stubStorage({ persisted: () => Promise.resolve(false) });
    await expect(requestPersistentStorage()).resolves.toBeNull();
  });
});
