// Storage status as the settings screen shows it: real answers passed through, unknowns as null.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  afterCheckSaved,
  askPersistenceOnce,
  checkQuota,
  dismissPersistenceAnswer,
  requestPersistentStorage,
  storageNotices,
  storageStatus,
} from './storage.ts';

function stubStorage(manager: object | undefined): void {
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
  localStorage.clear();
  dismissPersistenceAnswer();
});

const GIB = 1024 ** 3;

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

describe('askPersistenceOnce: on the first saved check', () => {
  it('asks once, shows the answer, and never asks again on this tablet', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    stubStorage({ persisted: () => Promise.resolve(false), persist });
    await expect(askPersistenceOnce()).resolves.toBe('granted');
    expect(storageNotices().persistence).toBe('granted');
    dismissPersistenceAnswer();
    await expect(askPersistenceOnce()).resolves.toBeNull();
    expect(persist).toHaveBeenCalledOnce();
    expect(storageNotices().persistence).toBeNull();
  });

  it('shows a refusal, and that a browser cannot be asked at all', async () => {
    stubStorage({ persisted: () => Promise.resolve(false), persist: () => Promise.resolve(false) });
    await expect(askPersistenceOnce()).resolves.toBe('denied');
    expect(storageNotices().persistence).toBe('denied');

    localStorage.clear();
    stubStorage({ persisted: () => Promise.resolve(false) });
    await expect(askPersistenceOnce()).resolves.toBe('unsupported');
    expect(storageNotices().persistence).toBe('unsupported');
  });

  it('neither asks nor says anything when the data is already persistent', async () => {
    const persist = vi.fn(() => Promise.resolve(true));
    stubStorage({ persisted: () => Promise.resolve(true), persist });
    await expect(askPersistenceOnce()).resolves.toBeNull();
    expect(persist).not.toHaveBeenCalled();
    expect(storageNotices().persistence).toBeNull();
  });
});

describe('checkQuota: a warning from 80 % of the quota', () => {
  it('warns at 80 % and above, not below, and clears once space is freed', async () => {
    let usage = 0.79 * GIB;
    stubStorage({ estimate: () => Promise.resolve({ usage, quota: GIB }) });
    await expect(checkQuota()).resolves.toBeNull();
    usage = 0.8 * GIB;
    await expect(checkQuota()).resolves.toEqual({ usageBytes: 0.8 * GIB, quotaBytes: GIB });
    expect(storageNotices().quota).toEqual({ usageBytes: 0.8 * GIB, quotaBytes: GIB });
    usage = 0.5 * GIB;
    await checkQuota();
    expect(storageNotices().quota).toBeNull();
  });

  it('says nothing when the browser will not tell', async () => {
    stubStorage({ estimate: () => Promise.reject(new DOMException('no', 'SecurityError')) });
    await expect(checkQuota()).resolves.toBeNull();
  });

  it('runs both after a save, and a failing browser never fails the save', async () => {
    stubStorage({
      persisted: () => Promise.resolve(false),
      persist: () => Promise.reject(new Error('boom')),
      estimate: () => Promise.resolve({ usage: 0.9 * GIB, quota: GIB }),
    });
    await expect(afterCheckSaved()).resolves.toBeUndefined();
    expect(storageNotices()).toEqual({ persistence: 'unsupported', quota: { usageBytes: 0.9 * GIB, quotaBytes: GIB } });
  });
});
