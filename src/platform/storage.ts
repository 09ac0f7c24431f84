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

// ——— Asked once, on the first saved check; a warning before the quota fills (ADR 036) ———

/** What the browser answered when the first saved check asked it to keep this tablet's data. */
export type PersistenceAnswer = 'granted' | 'denied' | 'unsupported';

/** From this share of the quota on, the officer is warned: room for thousands of checks still, but not for long. */
export const QUOTA_WARNING_SHARE = 0.8;

export interface QuotaWarning {
  usageBytes: number;
  quotaBytes: number;
}

export interface StorageNotices {
  /** The answer to the one request, until the officer has read it (null when there is nothing to say). */
  persistence: PersistenceAnswer | null;
  /** Set while usage is at or above QUOTA_WARNING_SHARE of the quota. */
  quota: QuotaWarning | null;
}

const PERSIST_ASKED_KEY = 'kakou.storage.persistAsked';

let notices: StorageNotices = { persistence: null, quota: null };
const noticeListeners = new Set<() => void>();

function publishNotices(change: Partial<StorageNotices>): void {
  notices = { ...notices, ...change };
  for (const listener of noticeListeners) listener();
}

export function storageNotices(): StorageNotices {
  return notices;
}

export function subscribeStorageNotices(listener: () => void): () => void {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

/** The officer has read the persistence answer. */
export function dismissPersistenceAnswer(): void {
  publishNotices({ persistence: null });
}

function askedBefore(): boolean {
  try {
    return globalThis.localStorage.getItem(PERSIST_ASKED_KEY) !== null;
  } catch {
    return false;
  }
}

function markAsked(answer: PersistenceAnswer | 'already'): void {
  try {
    globalThis.localStorage.setItem(PERSIST_ASKED_KEY, answer);
  } catch {
    // Not kept: the next save asks again, which the browser answers the same way without a prompt.
  }
}

/**
 * Asks the browser once, on this tablet's first saved check, to keep its data under storage pressure: from then on
 * there are records the tablet must not lose. Chromium decides without a prompt (installed apps are granted); the
 * answer is shown to the officer once. Data already persistent needs no question and no words.
 */
export async function askPersistenceOnce(): Promise<PersistenceAnswer | null> {
  if (askedBefore()) return null;
  const manager = storageManager();
  if ((await orNull(manager?.persisted?.bind(manager))) === true) {
    markAsked('already');
    return null;
  }
  const granted = await requestPersistentStorage();
  const answer: PersistenceAnswer = granted === null ? 'unsupported' : granted ? 'granted' : 'denied';
  markAsked(answer);
  publishNotices({ persistence: answer });
  return answer;
}

/** Reads usage and quota; warns at QUOTA_WARNING_SHARE and clears the warning when space is freed. */
export async function checkQuota(): Promise<QuotaWarning | null> {
  const { usageBytes, quotaBytes } = await storageStatus();
  const full =
    usageBytes !== null && quotaBytes !== null && quotaBytes > 0 && usageBytes >= quotaBytes * QUOTA_WARNING_SHARE;
  const quota = full ? { usageBytes, quotaBytes } : null;
  publishNotices({ quota });
  return quota;
}

/** After a check is saved: the first asks for persistent storage, each looks at the quota. Never throws. */
export async function afterCheckSaved(): Promise<void> {
  try {
    await askPersistenceOnce();
    await checkQuota();
  } catch {
    // Nothing here may fail a save that already committed.
  }
}
