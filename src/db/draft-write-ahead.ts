// A synchronous copy of a draft's latest edit, kept only until IndexedDB has committed it.
//
// Why: an IndexedDB write completes some milliseconds after the tap that made it. A tab killed in between (the
// officer swipes the app away, the tablet's browser reclaims the tab's process) lost that tap. localStorage is
// written before the tap's handler returns, and the browser holds it outside the tab's process, so it survives
// the tab. It is not the store: it holds one pending edit per draft and is emptied as soon as IndexedDB has the edit.

/** The part of the Web Storage API this needs: tests give a plain map, the app gives localStorage. */
export type WriteAheadStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface PendingDraftEdit {
  updatedAt: number;
  payload: unknown;
}

export interface DraftWriteAhead {
  /** Called before the IndexedDB put; returns what `settle` needs to drop this very copy afterwards. */
  record(id: string, edit: PendingDraftEdit): string | null;
  /** Drops the copy once IndexedDB has committed it, unless a newer edit has replaced it meanwhile. */
  settle(id: string, token: string | null): void;
  /** The copy a killed tab left behind, if any. */
  read(id: string): PendingDraftEdit | null;
  forget(id: string): void;
}

const KEY_PREFIX = 'kakou.draft-write-ahead.';

interface StoredEdit extends PendingDraftEdit {
  token: string;
}

function isStoredEdit(value: unknown): value is StoredEdit {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry['token'] === 'string' && typeof entry['updatedAt'] === 'number' && 'payload' in entry;
}

export function createDraftWriteAhead(store: WriteAheadStore | null): DraftWriteAhead {
  // Tokens tell two edits of the same millisecond apart; the counter is enough within one tab.
  let written = 0;

  function readStored(id: string): StoredEdit | null {
    if (!store) return null;
    try {
      const text = store.getItem(KEY_PREFIX + id);
      if (text === null) return null;
      const parsed: unknown = JSON.parse(text);
      return isStoredEdit(parsed) ? parsed : null;
    } catch {
      // Unreadable storage or a damaged copy: IndexedDB's version stands.
      return null;
    }
  }

  function remove(id: string): void {
    try {
      store?.removeItem(KEY_PREFIX + id);
    } catch {
      // Storage gone mid-session: there is nothing left to remove from.
    }
  }

  return {
    record(id, edit) {
      if (!store) return null;
      written += 1;
      const token = `${String(edit.updatedAt)}-${String(written)}`;
      try {
        store.setItem(KEY_PREFIX + id, JSON.stringify({ token, ...edit } satisfies StoredEdit));
        return token;
      } catch {
        // Full or blocked storage: the IndexedDB write still goes ahead; only the kill window stays open.
        return null;
      }
    },
    settle(id, token) {
      if (token === null) return;
      if (readStored(id)?.token === token) remove(id);
    },
    read(id) {
      const stored = readStored(id);
      return stored ? { updatedAt: stored.updatedAt, payload: stored.payload } : null;
    },
    forget: remove,
  };
}

/** The browser's localStorage, or none where the page may not use it (some private modes throw on access). */
export function browserWriteAheadStore(): WriteAheadStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
