// The browser's storage manager: whether this origin's data is persistent, how much it uses, and asking to keep it.
// Every answer is null where the browser lacks the call (old WebViews, insecure contexts) or refuses to answer.

export interface StorageStatus {
  /** true: the browser will not evict our data under storage pressure. */
  persisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/** The parts of StorageManager we use, each possibly missing. */
interface StorageManagerLike {
  persisted?: () => Promise<boolean>;
  persist?: () => Promise<boolean>;
  estimate?: () => Promise<StorageEstimate>;
}

function storageManager(): StorageManagerLike | undefined {
  // The DOM types claim navigator.storage always exists; jsdom and older WebViews disagree.
  const nav = globalThis.navigator as { storage?: StorageManagerLike } | undefined;
  return nav?.storage;
}

async function orNull<T>(call: (() => Promise<T>) | undefined): Promise<T | null> {
  if (!call) return null;
  try {
    return await call();
  } catch {
    // A rejected query is as good as no answer: the screen shows "unknown" rather than a wrong value.
    return null;
  }
}

function finiteOrNull(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) ? value : null;
}

export async function storageStatus(): Promise<StorageStatus> {
  const manager = storageManager();
  const [persisted, estimate] = await Promise.all([
    orNull(manager?.persisted?.bind(manager)),
    orNull(manager?.estimate?.bind(manager)),
  ]);
  return {
    persisted,
    usageBytes: finiteOrNull(estimate?.usage),
    quotaBytes: finiteOrNull(estimate?.quota),
  };
}

/** Asks the browser to keep our data under storage pressure; the answer is whether it agreed. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const manager = storageManager();
  return orNull(manager?.persist?.bind(manager));
}
