// The tally-bench page: the day's report over 20,000 checks in real IndexedDB, read the report's way and the naive way.
import { createCheckRepository } from '../../../src/db/check-repository.ts';
import { openKakouDatabase, type KakouDatabase, type StoredCheck } from '../../../src/db/database.ts';
import { updateTallySlots } from '../../../src/db/tally-slots.ts';
import { makePersonCheck, makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { tallyDay } from '../../../src/domain/tally.ts';
import type { VehicleCheck } from '../../../src/domain/vehicle-check.ts';
import type { FillTallyBench, RunTallyBench } from './tally-bench-api.ts';

const TIME_ZONE = 'Asia/Shanghai';
const DAY = '2026-11-28';
const DAY_START_MS = Date.parse(`${DAY}T00:00:00+08:00`);
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
// Written in transactions of this many, as a day of saves would have left them (one transaction per save is ~40 s).
const FILL_CHUNK = 1_000;
const TYPES = ['car', 'car', 'car', 'truck', 'van', 'bus'] as const;
const TEAMS = ['A', 'B', 'C'] as const;
const ORIGINS = [
  { province: '湖南', city: '娄底' },
  { province: '湖南', city: '长沙' },
  { province: '广东', city: '深圳' },
] as const;

let db: KakouDatabase | null = null;

/** A varied day: every hour, three teams, a flagged registered passenger in one vehicle of twenty. */
function checkNumber(i: number, n: number): VehicleCheck {
  // The instant's wall time in Shanghai (UTC+8, no daylight time), labelled with its offset.
  const completedAt = new Date(DAY_START_MS + Math.floor(((i + 0.5) * DAY_MS) / n) + SHANGHAI_OFFSET_MS)
    .toISOString()
    .replace(/\.\d{3}Z$/u, '+08:00');
  const flagged = i % 20 === 0;
  const persons = [makePersonCheck()];
  if (i % 3 === 0) persons.push(makePersonCheck({ role: 'passenger' }));
  if (flagged) {
    persons.push(
      makePersonCheck({
        role: 'passenger',
        flags: ['yellow-code', 'no-valid-test'],
        codeColor: 'yellow',
        disposition: 'push-destination',
        registration: { name: '张三', idNumber: '11010519491231002X', phone: '13800138000' },
      }),
    );
  }
  return makeVehicleCheck({
    team: TEAMS[i % TEAMS.length] ?? 'A',
    completedAt,
    vehicle: {
      ...makeVehicleCheck().vehicle,
      type: TYPES[i % TYPES.length] ?? 'car',
      origin: { ...(ORIGINS[i % ORIGINS.length] ?? ORIGINS[0]) },
    },
    persons,
    disposition: flagged ? 'push-destination' : 'release',
  });
}

function storedCheck(check: VehicleCheck): StoredCheck {
  return {
    id: check.id,
    rev: check.rev,
    day: DAY,
    completedAt: check.completedAt,
    savedAt: Date.now(),
    syncState: 'pending',
    syncedAt: null,
    rejectReason: null,
    check,
  };
}

const fillTallyBench: FillTallyBench = async (n) => {
  if (db) await db.delete();
  db = openKakouDatabase({ name: `kakou-tally-bench-${Date.now()}`, durability: 'relaxed' });
  const database = db;
  for (let from = 0; from < n; from += FILL_CHUNK) {
    const rows = Array.from({ length: Math.min(FILL_CHUNK, n - from) }, (_, k) =>
      storedCheck(checkNumber(from + k, n)),
    );
    await database.transaction('rw', [database.checks, database.tallySlots], async () => {
      await database.checks.bulkPut(rows);
      await updateTallySlots(database, { add: rows });
    });
  }
  return DAY;
};

const runTallyBench: RunTallyBench = async (way) => {
  if (!db) throw new Error('fillTallyBench first');
  const repository = createCheckRepository(db);
  const context = {
    checkpointId: 'cp-hn-lou-01',
    date: DAY,
    timeZone: TIME_ZONE,
    province: '湖南',
    city: '娄底',
    generatedAt: new Date().toISOString(),
  };
  const startMs = performance.now();
  const tally =
    way === 'tally-slots'
      ? tallyDay(await repository.tallySourcesForDay(DAY), context)
      : tallyDay(
          (await db.checks.where('day').equals(DAY).toArray()).map((row) => row.check),
          context,
        );
  return { ms: performance.now() - startMs, vehicles: tally.vehicles };
};

window.fillTallyBench = fillTallyBench;
window.runTallyBench = runTallyBench;
document.body.dataset['ready'] = 'true';
