import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { StaleRevisionError, StorageFullError, toStorageError, withStorageErrors } from './storage-errors.ts';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('toStorageError', () => {
  it('maps every shape a full disk arrives in to StorageFullError', () => {
    const shapes: unknown[] = [
      quota(),
      new Dexie.QuotaExceededError('quota'),
      // A quota failure at commit time: Dexie aborts the transaction and wraps the browser's error.
      new Dexie.AbortError('transaction aborted', quota()),
      new Dexie.BulkError('1 of 2 failed', [quota()]),
    ];
    for (const shape of shapes) {
      const mapped = toStorageError(shape);
      expect(mapped).toBeInstanceOf(StorageFullError);
      expect(mapped.cause).toBe(shape);
    }
  });

  it('passes other failures through unchanged', () => {
    const stale = new StaleRevisionError('id', 2, 1);
    const abort = new Dexie.AbortError('aborted', new Error('constraint'));
    expect(toStorageError(stale)).toBe(stale);
    expect(toStorageError(abort)).toBe(abort);
    expect(toStorageError('odd')).toMatchObject({ message: 'storage operation failed', cause: 'odd' });
  });
});

describe('withStorageErrors', () => {
  it('rejects with the mapped error instead of hanging or leaking the raw one', async () => {
    await expect(withStorageErrors(() => Promise.reject(quota()))).rejects.toBeInstanceOf(StorageFullError);
    await expect(withStorageErrors(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
