// One checkpoint's stored checks of one local day, with each person's flags as the server derived them.
import type { Kysely } from 'kysely';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import type { Flag } from '../../domain/vocabulary.ts';
import type { Database } from './schema.ts';

/**
 * Read through the (checkpoint_id, local_day) index. A row holds the highest rev stored for its id, so each
 * check comes once; the tablet's flags are replaced by the server's (stored in server_flags).
 */
export async function readChecksOfDay(
  db: Kysely<Database>,
  checkpointId: string,
  localDay: string,
): Promise<VehicleCheck[]> {
  const rows = await db
    .selectFrom('vehicle_checks')
    .select(['body', 'server_flags'])
    .where('checkpoint_id', '=', checkpointId)
    .where('local_day', '=', localDay)
    .execute();
  return rows.map((row) => {
    // The body was stored as validated by vehicleCheckSchema; re-parsing every row would only cost time.
    const check = JSON.parse(row.body) as VehicleCheck;
    const serverFlags = JSON.parse(row.server_flags) as Flag[][];
    return {
      ...check,
      persons: check.persons.map((person, index) => ({ ...person, flags: serverFlags[index] ?? [] })),
    };
  });
}
