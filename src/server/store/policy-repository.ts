// Published screening policies: immutable once published, numbered 1, 2, 3 … ; version 1 is DEFAULT_POLICY.
import { policySchema } from '../../contract/policy.ts';
import type { Policy } from '../../domain/policy.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { PolicyVersionConflictError, StoreInputError } from './store-errors.ts';
import { writeTransaction } from './write-transaction.ts';

/** A policy to publish: its version is assigned (max + 1); when given, it must be that next version. */
export type PolicyDraft = Omit<Policy, 'version'> & { version?: number | undefined };

export interface PolicyRepository {
  /** The highest version already in effect at `nowIso` (default: the store's clock); if none is yet, the highest version. */
  current(nowIso?: string): Promise<Policy>;
  get(version: number): Promise<Policy | undefined>;
  /**
   * Validates with policySchema (throws its ZodError) and stores the next version.
   * Throws PolicyVersionConflictError when `draft.version` is not the next one, or when another
   * publisher took that version first.
   */
  publish(draft: PolicyDraft, publishedBy?: string | null): Promise<Policy>;
  /** Every published version, newest first, without its body: the console's history. */
  versions(): Promise<PolicyVersionListing[]>;
}

export interface PolicyVersionListing {
  version: number;
  effectiveFrom: string;
  publishedAt: string;
  /** An admin's username, 'admin-token', or null for version 1 and versions published before ADR 038. */
  publishedBy: string | null;
}

export function createPolicyRepository({ db, dialect, now }: StoreContext): PolicyRepository {
  // Published versions never change, so each body is parsed once per process.
  const cache = new Map<number, Policy>();

  async function get(version: number): Promise<Policy | undefined> {
    const cached = cache.get(version);
    if (cached !== undefined) return cached;
    const row = await db.selectFrom('policies').select('body').where('version', '=', version).executeTakeFirst();
    if (row === undefined) return undefined;
    const policy = policySchema.parse(JSON.parse(row.body));
    cache.set(version, policy);
    return policy;
  }

  return {
    get,

    async current(nowIso) {
      const nowMs = nowIso === undefined ? now() : Date.parse(nowIso);
      if (Number.isNaN(nowMs)) throw new StoreInputError(`not an ISO date-time: ${String(nowIso)}`);
      const inEffect = await db
        .selectFrom('policies')
        .select('version')
        .where('effective_from_ms', '<=', nowMs)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      const chosen =
        inEffect ??
        (await db.selectFrom('policies').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst());
      // Migration 001 inserts version 1, so an empty table means the database was tampered with.
      if (chosen === undefined) throw new Error('no policy is stored: the store was not migrated');
      const policy = await get(chosen.version);
      if (policy === undefined) throw new Error(`policy ${chosen.version} vanished while being read`);
      return policy;
    },

    async publish(draft, publishedBy = null) {
      return writeTransaction(db, dialect, async (trx) => {
        const top = await trx
          .selectFrom('policies')
          .select((eb) => eb.fn.max('version').as('max'))
          .executeTakeFirst();
        const next = (top?.max ?? 0) + 1;
        if (draft.version !== undefined && draft.version !== next) {
          throw new PolicyVersionConflictError(next, draft.version);
        }
        const policy = policySchema.parse({ ...draft, version: next });
        const inserted = await trx
          .insertInto('policies')
          .values({
            version: policy.version,
            effective_from: policy.effectiveFrom,
            effective_from_ms: Date.parse(policy.effectiveFrom),
            body: JSON.stringify(policy),
            created_at: isoAt(now()),
            published_by: publishedBy,
          })
          .onConflict((oc) => oc.column('version').doNothing())
          .returning('version')
          .executeTakeFirst();
        // Another server process published `next` between our read and our insert.
        if (inserted === undefined) throw new PolicyVersionConflictError(next + 1, next);
        cache.set(policy.version, policy);
        return policy;
      });
    },

    async versions() {
      const rows = await db
        .selectFrom('policies')
        .select(['version', 'effective_from', 'created_at', 'published_by'])
        .orderBy('version', 'desc')
        .execute();
      return rows.map((row) => ({
        version: row.version,
        effectiveFrom: row.effective_from,
        publishedAt: row.created_at,
        publishedBy: row.published_by,
      }));
    },
  };
}
