// Admin accounts (ADR 038): a username, a scrypt hash of the password and a scope. Created, reset and disabled from
// the command line; checked by POST /api/v1/sessions. Listing never returns a hash.
import { randomUUID } from 'node:crypto';
import type { AdminScope } from '../../domain/admin-scope.ts';
import { adminPasswordProblem, hashAdminPassword, verifyAdminPassword, type ScryptCost } from './admin-password.ts';
import type { AdminAccountsTable } from './schema.ts';
import { isoAt, type StoreContext } from './store-context.ts';
import { StoreInputError } from './store-errors.ts';

/** Letters (Chinese too), digits, '.', '_' and '-': what reads unambiguously in a log line and on a console. */
const USERNAME_PATTERN = /^[\p{L}\p{N}._-]{2,64}$/u;

export interface AdminAccount {
  adminId: string;
  username: string;
  scope: AdminScope;
}

export interface AdminAccountListing extends AdminAccount {
  createdAt: string;
  disabledAt: string | null;
}

export interface AdminAccountRepository {
  /** Throws StoreInputError for a malformed or taken username or a too short password. */
  create(input: { username: string; password: string; scope: AdminScope }): Promise<AdminAccount>;
  /** The account when the password is right and the account not disabled; null otherwise (also for no such user). */
  verify(username: string, password: string): Promise<AdminAccount | null>;
  /** A new password; every session of the account ends. false when there is no such account. */
  resetPassword(username: string, password: string): Promise<boolean>;
  /** The account can no longer sign in; every session of it ends. false when there is no such enabled account. */
  disable(username: string): Promise<boolean>;
  list(): Promise<AdminAccountListing[]>;
}

/** Usernames compare without regard to case or Unicode form: 'Zhang.Wei' signs in as 'zhang.wei'. */
export function canonicalUsername(username: string): string {
  return username.normalize('NFC').trim().toLowerCase();
}

function checkedUsername(username: string): string {
  const canonical = canonicalUsername(username);
  if (!USERNAME_PATTERN.test(canonical)) {
    throw new StoreInputError('a username has 2–64 letters, digits, ".", "_" or "-"');
  }
  return canonical;
}

function checkedPassword(password: string): string {
  const problem = adminPasswordProblem(password);
  if (problem !== null) throw new StoreInputError(problem);
  return password;
}

type AccountRow = Pick<AdminAccountsTable, 'id' | 'username' | 'scope_kind' | 'scope_province' | 'scope_city'>;

export function scopeOfRow(row: Pick<AccountRow, 'scope_kind' | 'scope_province' | 'scope_city'>): AdminScope {
  if (row.scope_kind === 'province' && row.scope_province !== null) {
    return { kind: 'province', province: row.scope_province };
  }
  if (row.scope_kind === 'city' && row.scope_province !== null && row.scope_city !== null) {
    return { kind: 'city', province: row.scope_province, city: row.scope_city };
  }
  if (row.scope_kind === 'all') return { kind: 'all' };
  // A row this code did not write: seeing nothing is the safe reading of a scope it cannot read.
  return { kind: 'city', province: '', city: '' };
}

function scopeColumns(scope: AdminScope): Pick<AdminAccountsTable, 'scope_kind' | 'scope_province' | 'scope_city'> {
  switch (scope.kind) {
    case 'all':
      return { scope_kind: 'all', scope_province: null, scope_city: null };
    case 'province':
      return { scope_kind: 'province', scope_province: scope.province.trim(), scope_city: null };
    case 'city':
      return { scope_kind: 'city', scope_province: scope.province.trim(), scope_city: scope.city.trim() };
  }
}

const accountOf = (row: AccountRow): AdminAccount => ({
  adminId: row.id,
  username: row.username,
  scope: scopeOfRow(row),
});

export function createAdminAccountRepository(
  { db, now }: StoreContext,
  passwordCost?: ScryptCost,
): AdminAccountRepository {
  // A hash to check against when the username is unknown, so that the answer takes as long as for a known one and
  // timing does not tell which usernames exist. Made once, on first need.
  let decoyHash: Promise<string> | null = null;
  const decoy = () => (decoyHash ??= hashAdminPassword(randomUUID(), passwordCost));

  async function endSessions(adminId: string): Promise<void> {
    await db
      .updateTable('admin_sessions')
      .set({ revoked_at: isoAt(now()) })
      .where('admin_id', '=', adminId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  return {
    async create({ username, password, scope }) {
      const canonical = checkedUsername(username);
      const passwordHash = await hashAdminPassword(checkedPassword(password), passwordCost);
      const taken = await db
        .selectFrom('admin_accounts')
        .select('id')
        .where('username', '=', canonical)
        .executeTakeFirst();
      if (taken !== undefined) throw new StoreInputError(`the username ${canonical} is taken`);
      const id = randomUUID();
      const at = isoAt(now());
      await db
        .insertInto('admin_accounts')
        .values({
          id,
          username: canonical,
          password_hash: passwordHash,
          ...scopeColumns(scope),
          created_at: at,
          password_changed_at: at,
          disabled_at: null,
        })
        .execute();
      return { adminId: id, username: canonical, scope };
    },

    async verify(username, password) {
      const row = await db
        .selectFrom('admin_accounts')
        .select(['id', 'username', 'password_hash', 'scope_kind', 'scope_province', 'scope_city'])
        .where('username', '=', canonicalUsername(username))
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) {
        await verifyAdminPassword(password, await decoy());
        return null;
      }
      return (await verifyAdminPassword(password, row.password_hash)) ? accountOf(row) : null;
    },

    async resetPassword(username, password) {
      const passwordHash = await hashAdminPassword(checkedPassword(password), passwordCost);
      const row = await db
        .selectFrom('admin_accounts')
        .select('id')
        .where('username', '=', canonicalUsername(username))
        .executeTakeFirst();
      if (row === undefined) return false;
      await db
        .updateTable('admin_accounts')
        .set({ password_hash: passwordHash, password_changed_at: isoAt(now()) })
        .where('id', '=', row.id)
        .execute();
      await endSessions(row.id);
      return true;
    },

    async disable(username) {
      const row = await db
        .selectFrom('admin_accounts')
        .select('id')
        .where('username', '=', canonicalUsername(username))
        .where('disabled_at', 'is', null)
        .executeTakeFirst();
      if (row === undefined) return false;
      await db
        .updateTable('admin_accounts')
        .set({ disabled_at: isoAt(now()) })
        .where('id', '=', row.id)
        .execute();
      await endSessions(row.id);
      return true;
    },

    async list() {
      const rows = await db
        .selectFrom('admin_accounts')
        .select(['id', 'username', 'scope_kind', 'scope_province', 'scope_city', 'created_at', 'disabled_at'])
        .orderBy('username')
        .execute();
      return rows.map((row) => ({ ...accountOf(row), createdAt: row.created_at, disabledAt: row.disabled_at }));
    },
  };
}
