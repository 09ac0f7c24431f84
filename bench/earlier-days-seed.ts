// Earlier days on the tablet, for the cold reload with 20,000 stored checks (figure 28): the shift's own synced checks
// copied into the days before, each copy a check of its own (new id, its times moved back whole days) with its sync
// mark and its entries in the report's quarter-hour slots, as the app would have stored them then. Driving 17,000
// more checks through the screens would take hours and store the same rows.
//
// Handed to page.evaluate(): it must hold everything it uses.

export interface SeedArgs {
  databaseName: string;
  /** How many checks to add, taken from the stored ones day after day back in time. */
  copies: number;
}

export interface SeedResult {
  checks: number;
  days: number;
}

export async function seedEarlierDays(args: SeedArgs): Promise<SeedResult> {
  const DAY_MS = 86_400_000;
  const SLOT_MS = 15 * 60_000;
  const BATCH_ROWS = 1_000;
  type Row = Record<string, unknown> & { id: string };
  const request = <T>(r: IDBRequest<T>) =>
    new Promise<T>((resolve, reject) => {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
    });
  const db = await request(indexedDB.open(args.databaseName));
  const done = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  const read = db.transaction(['checks', 'syncMarks', 'tallySlots'], 'readonly');
  const [checks, marks, slots] = await Promise.all([
    request(read.objectStore('checks').getAll() as IDBRequest<Row[]>),
    request(read.objectStore('syncMarks').getAll() as IDBRequest<Row[]>),
    request(read.objectStore('tallySlots').getAll() as IDBRequest<(Row & { key: string; entries: unknown[][] })[]>),
  ]);
  if (checks.length === 0) throw new Error('no stored checks to copy');
  const markOf = new Map(marks.map((mark) => [mark.id, mark]));
  /** '2026-12-06…' with its date moved back `days`; the rest (time of day, offset) kept. */
  const back = (stamp: string, days: number) =>
    new Date(Date.parse(`${stamp.slice(0, 10)}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10) +
    stamp.slice(10);

  let added = 0;
  let days = 0;
  while (added < args.copies) {
    days += 1;
    const take = checks.slice(0, Math.min(checks.length, args.copies - added));
    const idOf = new Map(take.map((row) => [row.id, crypto.randomUUID()]));
    const rows = take.map((row) => {
      const check = row['check'] as Record<string, unknown>;
      const id = idOf.get(row.id) ?? '';
      return {
        ...row,
        id,
        day: back(row['day'] as string, days),
        completedAt: back(row['completedAt'] as string, days),
        savedAt: (row['savedAt'] as number) - days * DAY_MS,
        check: {
          ...check,
          id,
          startedAt: back(check['startedAt'] as string, days),
          completedAt: back(check['completedAt'] as string, days),
        },
      };
    });
    const newMarks = take.flatMap((row) => {
      const mark = markOf.get(row.id);
      return mark ? [{ ...mark, id: idOf.get(row.id), syncedAt: (mark['syncedAt'] as number) - days * DAY_MS }] : [];
    });
    const newSlots = slots.flatMap((slot) => {
      const entries = slot.entries
        .filter((entry) => idOf.has(entry[0] as string))
        .map((entry) => {
          const copy = [...entry];
          copy[0] = idOf.get(entry[0] as string);
          copy[5] = back(entry[5] as string, days);
          return copy;
        });
      if (entries.length === 0) return [];
      const [day = '', quarter = '0'] = slot.key.split('|');
      const movedDay = back(day, days);
      return [{ key: `${movedDay}|${Number(quarter) - (days * DAY_MS) / SLOT_MS}`, day: movedDay, entries }];
    });
    for (let at = 0; at < rows.length; at += BATCH_ROWS) {
      const tx = db.transaction(['checks', 'syncMarks'], 'readwrite');
      const batch = rows.slice(at, at + BATCH_ROWS);
      for (const row of batch) tx.objectStore('checks').put(row);
      const ids = new Set(batch.map((row) => row.id));
      for (const mark of newMarks) if (ids.has(mark.id ?? '')) tx.objectStore('syncMarks').put(mark);
      await done(tx);
    }
    const tx = db.transaction('tallySlots', 'readwrite');
    for (const slot of newSlots) tx.objectStore('tallySlots').put(slot);
    await done(tx);
    added += rows.length;
  }
  db.close();
  return { checks: added, days };
}
