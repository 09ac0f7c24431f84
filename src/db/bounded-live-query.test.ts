// A live query that lives through a shift of writes it does not watch still sees the one write it does watch, and
// stops when unsubscribed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundedLiveQuery, WRITES_PER_SUBSCRIPTION } from './bounded-live-query.ts';
import { db } from './db-instance.ts';

const subscriptions: { unsubscribe(): void }[] = [];

beforeEach(async () => {
  await Promise.all(db.tables.map((table) => table.clear()));
});
afterEach(() => {
  for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
});

/** The watched row: the teams setting. */
const teams = () => db.settings.get('teams').then((row) => (row?.value as string[] | undefined) ?? null);

/** Writes the query does not read, one transaction (one storagemutated event) each. */
async function unrelatedWrites(count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) await db.drafts.put({ id: `draft-${i}`, updatedAt: i, payload: { n: i } });
}

function watch(): { seen: (string[] | null)[] } {
  const seen: (string[] | null)[] = [];
  subscriptions.push(boundedLiveQuery(teams).subscribe((value) => seen.push(value)));
  return { seen };
}

describe('boundedLiveQuery', () => {
  it('delivers the watched change after more unrelated writes than one subscription lives through', async () => {
    const { seen } = watch();
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toBeNull();

    await unrelatedWrites(2 * WRITES_PER_SUBSCRIPTION + 7);
    await db.settings.put({ key: 'teams', value: ['A', 'B'] });

    await expect.poll(() => seen.at(-1)).toEqual(['A', 'B']);
    // Each fresh subscription reads once and says the same: nothing else was ever seen.
    expect(seen.every((value) => value === null || JSON.stringify(value) === '["A","B"]')).toBe(true);
  });

  it('gives the latest value to a new reader and stops when unsubscribed', async () => {
    const query = boundedLiveQuery(teams);
    expect(query.hasValue()).toBe(false);
    const seen: (string[] | null)[] = [];
    const subscription = query.subscribe((value) => seen.push(value));
    await db.settings.put({ key: 'teams', value: ['C'] });
    await expect.poll(() => query.getValue()).toEqual(['C']);
    expect(query.hasValue()).toBe(true);

    subscription.unsubscribe();
    const count = seen.length;
    await db.settings.put({ key: 'teams', value: ['D'] });
    await unrelatedWrites(WRITES_PER_SUBSCRIPTION + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(count);
  });

  it('passes a failing query to the error callback', async () => {
    const failure = new Error('read failed');
    const errors: unknown[] = [];
    subscriptions.push(
      boundedLiveQuery(() => Promise.reject(failure)).subscribe(
        () => undefined,
        (error) => errors.push(error),
      ),
    );
    await expect.poll(() => errors).toEqual([failure]);
  });
});
