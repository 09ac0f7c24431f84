// Admin bearer tokens (stored hashed): they act for every checkpoint, so they can be revoked one by one.
import { randomUUID } from 'node:crypto';
import { isoAt, type StoreContext } from './store-context.ts';
import { hashSecret, randomToken } from './tokens.ts';

export interface AdminTokenRepository {
  /** The token is returned once, here; `id` names it for revocation without revealing it. */
  create(): Promise<{ id: string; token: string }>;
  authenticate(token: string): Promise<boolean>;
  /** true when the token existed and was not yet revoked. */
  revoke(id: string): Promise<boolean>;
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
  };
}
