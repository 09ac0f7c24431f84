// The save-bench page: times the app's own save (check + outbox + draft in one transaction) in a real browser.
import { createCheckRepository } from '../../../src/db/check-repository.ts';
import { openKakouDatabase } from '../../../src/db/database.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import type { Durability, RunSaveBench } from './save-bench-api.ts';

const TIME_ZONE = 'Asia/Shanghai';
// The first saves open the database, create the schema and warm the JIT: not what an officer waits for mid-shift.
const WARM_UP_SAVES = 10;

let runSerial = 0;

// What the browser was actually asked for: a bench of "strict" saves that ran relaxed would flatter the app.
const readWriteDurabilities = new Set<IDBTransactionDurability>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-bound with .call below
const openTransaction = IDBDatabase.prototype.transaction;
IDBDatabase.prototype.transaction = function transaction(
  this: IDBDatabase,
  storeNames: string | string[],
  mode?: IDBTransactionMode,
  options?: IDBTransactionOptions,
): IDBTransaction {
  const tx = openTransaction.call(this, storeNames, mode, options);
  if (tx.mode === 'readwrite') readWriteDurabilities.add(tx.durability);
  return tx;
};

const runSaveBench: RunSaveBench = async (durability: Durability, n: number) => {
  runSerial += 1;
  const db = openKakouDatabase({ name: `kakou-save-bench-${durability}-${runSerial}`, durability });
  const repository = createCheckRepository(db);
  try {
    for (let i = 0; i < WARM_UP_SAVES; i += 1) {
      await repository.saveCompleted(makeVehicleCheck(), { timeZone: TIME_ZONE, now: Date.now() });
    }
    readWriteDurabilities.clear();
    const durationsMs: number[] = [];
    for (let i = 0; i < n; i += 1) {
      const check = makeVehicleCheck();
      const startMs = performance.now();
      await repository.saveCompleted(check, { timeZone: TIME_ZONE, now: Date.now() });
      durationsMs.push(performance.now() - startMs);
    }
    const seen = [...readWriteDurabilities];
    if (seen.length === 0) throw new Error('no read-write transaction was seen: the durability check is blind');
    if (seen.some((d) => d !== durability))
      throw new Error(`asked for ${durability} saves, the transactions ran ${seen.join(', ')}`);
    return durationsMs;
  } finally {
    await db.delete();
  }
};

window.runSaveBench = runSaveBench;
document.body.dataset['ready'] = 'true';
