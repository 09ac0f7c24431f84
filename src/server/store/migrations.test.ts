// The schema follows the vocabulary through migrations, never by editing one: a fresh store counts every flag and
// every person disposition of today's lists in a column of its own (docs/decisions/022, "Adding a flag").
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { FLAG_COLUMNS, PERSON_DISPOSITION_COLUMNS } from './check-tallies.ts';
import type { Store } from './create-store.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

/** check_tallies as migration 003 made it, written out as the migration writes it. */
const MIGRATION_003_COLUMNS = [
  'id',
  'checkpoint_id',
  'local_day',
  'local_hour',
  'team',
  'device_id',
  'completed_at',
  'completed_at_ms',
  'vehicle_type',
  'origin_province_key',
  'origin_city_key',
  'vehicle_disposition',
  'person_count',
  'flag_red_code',
  'flag_yellow_code',
  'flag_grey_code',
  'flag_itinerary_star',
  'flag_risk_area',
  'flag_fever',
  'flag_no_valid_test',
  'flag_positive_test',
  'flag_unvaccinated',
  'persons_release',
  'persons_push_destination',
  'persons_sample_on_site',
  'persons_turn_back',
  'persons_hold',
  'persons_escort',
  'persons_fever_clinic',
  'persons_hand_over',
];

/** check_tallies' columns in the order the migrations made them. */
async function checkTalliesColumns(store: Store): Promise<string[]> {
  const rows =
    store.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info('check_tallies') order by cid`.execute(store.db)
      : await sql<{ name: string }>`select column_name as name from information_schema.columns
                                    where table_schema = current_schema() and table_name = 'check_tallies'
                                    order by ordinal_position`.execute(store.db);
  return rows.rows.map((row) => row.name);
}

forEachStore('migrations', ({ store }) => {
  it('give check_tallies one count column per flag and per person disposition, and no other', async () => {
    const counts = (await checkTalliesColumns(store())).filter((name) => /^(flag|persons)_/u.test(name));
    expect([...counts].sort()).toEqual([...FLAG_COLUMNS, ...PERSON_DISPOSITION_COLUMNS].sort());
  });

  it('keep the columns of migration 003 first, as it made them: later migrations only add after them', async () => {
    const columns = await checkTalliesColumns(store());
    expect(columns.slice(0, MIGRATION_003_COLUMNS.length)).toEqual(MIGRATION_003_COLUMNS);
  });
});
