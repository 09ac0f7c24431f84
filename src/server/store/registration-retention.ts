// Retention on the server: registrations (name, ID number, phone) of checks completed before the current policy's
// retention are stripped from their stored bodies, a batch per transaction; the check row, its server flags and its
// check_tallies row stay as they were, so every count and report of those days is unchanged.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { VehicleCheck } from '../../domain/vehicle-check.ts';
import { registrationCount, retentionCutoffs, withoutRegistrations } from '../../domain/retention.ts';
import type { PolicyRepository } from './policy-repository.ts';
import type { StoreContext } from './store-context.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * Checks rewritten per transaction. SQLite has one writer: a batch holds it for a few milliseconds, and a tablet's
 * batch waiting on it gets in before the next one, so a large store is never locked for the length of a whole run.
 */
export const RETENTION_BATCH_ROWS = 500;

export interface RetentionRun {
  /** Checks whose registrations this run removed. */
  checks: number;
  /** Registered persons in them: the registrations removed. */
  registrations: number;
  /** The retention applied: the current policy's. */
  retentionDays: number;
}

export interface RetentionOptions {
  /** Aborted: the run stops after the batch in hand (what it stripped stays stripped; the next run goes on). */
  signal?: AbortSignal;
  batchRows?: number;
}

export interface RegistrationRetention {
  /** Epoch ms before which a completed check is past the current policy's retention, on the store's clock. */
  pastRetentionBefore(): Promise<number>;
  /** Strips every registration past retention; safe beside ingest and beside another run. */
  apply(options?: RetentionOptions): Promise<RetentionRun>;
}

interface Position {
  completedAtMs: number;
  id: string;
}

export function createRegistrationRetention(
  { db, dialect, now }: StoreContext,
  policies: Pick<PolicyRepository, 'current'>,
): RegistrationRetention {
  /** One batch after `after` in (completed_at_ms, id) order: how many it stripped, and where the next one starts. */
  function stripBatch(cutoffMs: number, after: Position | null, batchRows: number) {
    return writeTransaction(db, dialect, async (trx) => {
      // The literal 1 (not a parameter) lets PostgreSQL match the partial index's predicate.
      let select = trx
        .selectFrom('vehicle_checks')
        .select(['id', 'rev', 'body', 'completed_at_ms'])
        .where(sql<boolean>`has_registration = 1`)
        .where('completed_at_ms', '<', cutoffMs);
      if (after !== null) {
        select = select.where((eb) =>
          eb.or([
            eb('completed_at_ms', '>', after.completedAtMs),
            eb.and([eb('completed_at_ms', '=', after.completedAtMs), eb('id', '>', after.id)]),
          ]),
        );
      }
      const rows = await select.orderBy('completed_at_ms').orderBy('id').limit(batchRows).execute();
      let checks = 0;
      let registrations = 0;
      // Row locks in id order, as ingest takes them, so the two cannot deadlock on PostgreSQL.
      for (const row of [...rows].sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const check = JSON.parse(row.body) as VehicleCheck;
        // rev unchanged: a newer rev stored since the read (PostgreSQL) was already stripped when it was ingested.
        const updated = await trx
          .updateTable('vehicle_checks')
          .set({ body: JSON.stringify(withoutRegistrations(check)), has_registration: 0 })
          .where('id', '=', row.id)
          .where('rev', '=', row.rev)
          .returning('id')
          .executeTakeFirst();
        if (updated === undefined) continue;
        checks += 1;
        registrations += registrationCount(check);
      }
      const last = rows.at(-1);
      return {
        checks,
        registrations,
        next: last === undefined ? null : { completedAtMs: last.completed_at_ms, id: last.id },
      };
    });
  }

  async function pastRetentionBefore(): Promise<number> {
    return retentionCutoffs(await policies.current(), now()).pastRetentionBefore;
  }

  return {
    pastRetentionBefore,

    async apply({ signal, batchRows = RETENTION_BATCH_ROWS } = {}) {
      const policy = await policies.current();
      const cutoffMs = retentionCutoffs(policy, now()).pastRetentionBefore;
      const run: RetentionRun = { checks: 0, registrations: 0, retentionDays: policy.retentionDays };
      let after: Position | null = null;
      while (signal?.aborted !== true) {
        const batch = await stripBatch(cutoffMs, after, batchRows);
        run.checks += batch.checks;
        run.registrations += batch.registrations;
        if (batch.next === null) break;
        after = batch.next;
        // Requests waiting on the event loop (a tablet's batch) go before the next batch.
        await nextTurn();
      }
      return run;
    },
  };
}
