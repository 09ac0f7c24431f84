// The admin command line's accounts (ADR 038): create an admin account with a scope, reset its password, disable it,
// list them. A password is read from standard input, never from an argument, which the process list and the shell's
// history would show; no answer ever carries a password or its hash.
import { formatAdminScope, parseAdminScope, WHOLE_SCOPE, type AdminScope } from '../domain/admin-scope.ts';
import { isSafeText } from '../domain/safe-text.ts';
import type { AdminOptions } from './admin-inventory.ts';
import { canonicalUsername } from './store/admin-account-repository.ts';
import type { Store } from './store/create-store.ts';
import { StoreInputError } from './store/store-errors.ts';

/** What these commands read besides their options: the AdminInput of admin.ts, named here without importing it. */
export interface SecretInput {
  readSecret(): Promise<string>;
}

export type AccountCommand = (
  store: Store,
  options: AdminOptions,
  input: SecretInput,
) => Promise<Record<string, unknown>>;

export const ACCOUNT_USAGE: readonly string[] = [
  'npm run admin -- create-admin --username NAME [--scope province:湖南 | --scope city:湖南/娄底]   (the password on standard input; no --scope: all)',
  'npm run admin -- reset-admin-password --username NAME   (the new password on standard input; its sessions end)',
  'npm run admin -- disable-admin --username NAME',
  'npm run admin -- list-admins',
];

/** The parseArgs options these commands read beside the command line's own. */
export const ACCOUNT_OPTIONS = { username: { type: 'string' }, scope: { type: 'string' } } as const;

const SCOPE_SPELLINGS = '"all", "province:湖南" or "city:湖南/娄底"';

function requiredUsername(options: AdminOptions): string {
  const given = options['username'];
  const value = typeof given === 'string' ? given.trim() : '';
  if (value === '') throw new StoreInputError('--username is required');
  return value;
}

/** No --scope is every checkpoint; a scope that is none of the spellings is refused, never read as a wider one. */
function scopeOption(options: AdminOptions): AdminScope {
  const given = options['scope'];
  if (given === undefined) return WHOLE_SCOPE;
  const typed = typeof given === 'string' ? given : '';
  const scope = isSafeText(typed, 'line') ? parseAdminScope(typed) : null;
  if (scope === null) throw new StoreInputError(`--scope is ${SCOPE_SPELLINGS}, not ${JSON.stringify(typed)}`);
  return scope;
}

/** The password as typed (spaces kept: sign-in keeps them too); an empty line says how to send one. */
async function passwordFrom(input: SecretInput, command: string): Promise<string> {
  const password = await input.readSecret();
  if (password === '') {
    throw new StoreInputError(
      `no password on standard input (e.g. read -rs PW && printf '%s\\n' "$PW" | npm run -s admin -- ${command} --username NAME)`,
    );
  }
  return password;
}

export const ACCOUNT_COMMANDS: Record<string, AccountCommand> = {
  'create-admin': async (store, options, input) => {
    const username = requiredUsername(options);
    // The scope is checked before the password is read, so a mistyped scope costs no typing.
    const scope = scopeOption(options);
    const account = await store.adminAccounts.create({
      username,
      password: await passwordFrom(input, 'create-admin'),
      scope,
    });
    return { adminId: account.adminId, username: account.username, scope: formatAdminScope(account.scope) };
  },

  'reset-admin-password': async (store, options, input) => {
    const username = requiredUsername(options);
    const password = await passwordFrom(input, 'reset-admin-password');
    if (!(await store.adminAccounts.resetPassword(username, password))) {
      throw new StoreInputError(`there is no admin ${canonicalUsername(username)}`);
    }
    return { username: canonicalUsername(username), passwordReset: true, sessionsEnded: true };
  },

  'disable-admin': async (store, options) => {
    const username = requiredUsername(options);
    if (!(await store.adminAccounts.disable(username))) {
      throw new StoreInputError(`there is no enabled admin ${canonicalUsername(username)}`);
    }
    return { username: canonicalUsername(username), disabled: true };
  },

  // Names, scopes and times: enough to tell who may do what; the repository never reads the hashes out.
  'list-admins': async (store) => ({
    admins: (await store.adminAccounts.list()).map((account) => ({
      adminId: account.adminId,
      username: account.username,
      scope: formatAdminScope(account.scope),
      createdAt: account.createdAt,
      disabledAt: account.disabledAt,
    })),
  }),
};
