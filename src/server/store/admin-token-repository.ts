// Admin bearer tokens (stored hashed): they act for every checkpoint, so they can be revoked one by one.
import { randomUUID } from 'node:crypto';
import { isoAt, type StoreContext } from './store-context.ts';
import { hashSecret, randomToken } from './tokens.ts';

/** What an admin sees of a token: never the token, nor its hash. */
export interface AdminTokenListing {
  id: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface AdminTokenRepository {
  /** The token is returned once, here; `id` names it for revocation without revealing it. */
  create(): Promise<{ id: string; token: string }>;
  authenticate(token: string): Promise<boolean>;
  /** true when the token existed and was not yet revoked. */
  revoke(id: string): Promise<boolean>;
  /** Every token, revoked ones too, most recently created first. */
  list(): Promise<AdminTokenListing[]>;
}

export function createAdminTokenRepository({ db, now }: StoreContext): AdminTokenRepository {
  return {
    async create() {
      const id = randomUUID();
      const token = randomToken();
      await db
        .insertInto('admin_tokens')
        .values({ id, token_hash: hashSecret(token), created_at: isoAt(now()), revoked_at: null })
        .execute();
      return { id, token };
    },

    async authenticate(token) {
      if (token === '') return false;
      const row = await db
        .selectFrom('admin_tokens')
        .select('id')
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },

    async revoke(id) {
      const result = await db
        .updateTable('admin_tokens')
        .set({ revoked_at: isoAt(now()) })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async list() {
      const rows = await db
        .selectFrom('admin_tokens')
        .select(['id', 'created_at', 'revoked_at'])
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({ id: row.id, createdAt: row.created_at, revokedAt: row.revoked_at }));
    },
  };
}
