// Dexie's liveQuery, started over every so many writes so that a whole shift of saves cannot pile up in it.
//
// Dexie 4.4.7's liveQuery adds the key ranges of every write anywhere in the database to a set (live-query.ts,
// accumMuts) that it empties only when its own query runs again. A query that the saves never touch — the signed-in
// officer, the refused checks, the settings — keeps each saved check's ids and index keys: random ids never merge
// into one range, so over a 3,000-check shift the app's dozen such queries held about 180 small objects per check,
// 11 MB per 1,000 checks (docs/benchmarks.md, figure 26). A fresh subscription starts with an empty set; the old one
// is dropped only after the new one is listening, so no write goes unseen.
import Dexie, { liveQuery, type Subscription } from 'dexie';

/** Writes (storagemutated events) a subscription lives through before it is replaced: a few dozen saved checks. */
export const WRITES_PER_SUBSCRIPTION = 200;

/** What useObservable (dexie-react-hooks) and the repositories' observers subscribe to. */
export interface BoundedLiveQuery<T> {
  subscribe(next: (value: T) => void, error?: (error: unknown) => void): { unsubscribe(): void };
  hasValue(): boolean;
  getValue(): T | undefined;
}

export function boundedLiveQuery<T>(querier: () => T | Promise<T>): BoundedLiveQuery<T> {
  let latest: { value: T } | null = null;
  return {
    subscribe(next, error) {
      const observer = {
        next: (value: T) => {
          latest = { value };
          next(value);
        },
        error: (e: unknown) => error?.(e),
      };
      let inner: Subscription = liveQuery(querier).subscribe(observer);
      let writes = 0;
      const onWrite = () => {
        writes += 1;
        if (writes < WRITES_PER_SUBSCRIPTION) return;
        writes = 0;
        const old = inner;
        inner = liveQuery(querier).subscribe(observer);
        old.unsubscribe();
      };
      Dexie.on.storagemutated.subscribe(onWrite);
      return {
        unsubscribe() {
          Dexie.on.storagemutated.unsubscribe(onWrite);
          inner.unsubscribe();
        },
      };
    },
    hasValue: () => latest !== null,
    getValue: () => latest?.value,
  };
}
