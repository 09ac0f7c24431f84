// What every repository factory is given: the database, which dialect it speaks, and the clock.
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type StoreDialect = 'sqlite' | 'postgres';

export interface StoreContext {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** Epoch ms; a parameter so tests can move time (last-seen throttling, policy effectivity). */
  now: () => number;
}

export const isoAt = (epochMs: number): string => new Date(epochMs).toISOString();
