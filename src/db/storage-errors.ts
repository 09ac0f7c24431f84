// Errors the storage layer throws, and the mapping of IndexedDB/Dexie failures onto them.

/** The device's storage quota is used up: the write was rolled back, nothing was saved. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(options?: { cause?: unknown }) {
    super('device storage is full; the write was not saved', options);
  }
}

/** A save carried a rev that is not newer than the one already stored for that check. */
export class StaleRevisionError extends Error {
  override name = 'StaleRevisionError';
  readonly checkId: string;
  readonly storedRev: number;
  readonly attemptedRev: number;
  constructor(checkId: string, storedRev: number, attemptedRev: number) {
    super(`check ${checkId}: rev ${attemptedRev} is not newer than stored rev ${storedRev}`);
    this.checkId = checkId;
    this.storedRev = storedRev;
    this.attemptedRev = attemptedRev;
  }
}

// Dexie nests the browser's error: a quota failure at commit arrives as AbortError{inner}, in bulk
// operations as BulkError{failures}. The depth cap only guards against a cyclic chain.
const ERROR_CHAIN_MAX_DEPTH = 5;

function isQuotaError(e: unknown, depth = 0): boolean {
  if (depth > ERROR_CHAIN_MAX_DEPTH || typeof e !== 'object' || e === null) return false;
  if ('name' in e && e.name === 'QuotaExceededError') return true;
  const nested: unknown[] = [];
  if ('inner' in e) nested.push(e.inner);
  if ('cause' in e) nested.push(e.cause);
  if ('failures' in e && Array.isArray(e.failures)) nested.push(...(e.failures as unknown[]));
  return nested.some((inner) => isQuotaError(inner, depth + 1));
}

/** Maps a caught failure to what callers handle: StorageFullError for quota, the error itself otherwise. */
export function toStorageError(e: unknown): Error {
  if (e instanceof StorageFullError || e instanceof StaleRevisionError) return e;
  if (isQuotaError(e)) return new StorageFullError({ cause: e });
  if (e instanceof Error) return e;
  return new Error('storage operation failed', { cause: e });
}

/** Runs a storage operation so that every failure reaches the caller already mapped. */
export async function withStorageErrors<T>(work: () => PromiseLike<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw toStorageError(e);
  }
}
