// Holds the draft being edited and writes every change through to IndexedDB, in order, so a reload,
// a crash or a killed tab restores the check exactly where the officer was.
import { useCallback, useEffect, useRef, useState } from 'react';
import { drafts } from '../../../db/db-instance.ts';
import { recordError } from '../../../platform/diagnostics.ts';
import { parseDraft } from './check-draft-schema.ts';
import type { CheckDraft } from './check-draft.ts';

export type DraftLoad = { status: 'loading' } | { status: 'missing' } | { status: 'ready'; draft: CheckDraft };

export interface CheckDraftHandle {
  load: DraftLoad;
  /** Applies an edit now and queues its write; writes land in the order the edits were made. */
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
  /** Resolves once every queued write has committed (before saving the check itself). */
  flush: () => Promise<void>;
  /** The last write error, if IndexedDB refused one (e.g. storage full); cleared by the next success. */
  writeError: Error | null;
}

export function useCheckDraft(id: string): CheckDraftHandle {
  const [load, setLoad] = useState<DraftLoad>({ status: 'loading' });
  const [writeError, setWriteError] = useState<Error | null>(null);
  const current = useRef<CheckDraft | null>(null);
  const writes = useRef<Promise<void>>(Promise.resolve());
  // Edits that arrive after the flow screen has gone (a late colour suggestion) must not write the draft back: the
  // check may have been saved or discarded since.
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    // The flow screen is keyed by the draft id, so this runs once per draft.
    let cancelled = false;
    void drafts.get(id).then(
      (row) => {
        if (cancelled) return;
        const draft = row ? parseDraft(row.payload) : null;
        current.current = draft;
        setLoad(draft ? { status: 'ready', draft } : { status: 'missing' });
      },
      () => {
        if (!cancelled) setLoad({ status: 'missing' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id]);

  const update = useCallback((edit: (draft: CheckDraft) => CheckDraft) => {
    const before = current.current;
    if (!before || !mounted.current) return;
    const next = edit(before);
    if (next === before) return;
    current.current = next;
    setLoad({ status: 'ready', draft: next });
    // Called now, not after the previous write: the repository keeps the edit synchronously (a tab killed before
    // IndexedDB commits loses nothing) and commits one draft's writes in order itself.
    // Its outcome is handled at once (a refusal waiting for the previous write would reach main.tsx's
    // unhandledrejection as a crash); the repository settles one draft's writes in order, so the last word wins.
    const written = drafts.save(next.id, next, Date.now()).then(
      () => {
        setWriteError(null);
      },
      (error: unknown) => {
        recordError('draft', error);
        setWriteError(error instanceof Error ? error : new Error(String(error)));
      },
    );
    writes.current = writes.current.then(() => written);
  }, []);

  const flush = useCallback(() => writes.current, []);

  return { load, update, flush, writeError };
}
