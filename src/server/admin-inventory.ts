// The admin command line's inventory: what checkpoints, tablets and admin tokens exist, and revoking an admin token.
// Each answer is one JSON object like the other commands'; no secret, no hash of one, is ever in it.
import type { Store } from './store/create-store.ts';
import { StoreInputError } from './store/store-errors.ts';

/** Options as node:util parseArgs gives them. */
export type AdminOptions = Record<string, string | boolean | undefined>;
export type AdminCommand = (store: Store, options: AdminOptions) => Promise<Record<string, unknown>>;

export const INVENTORY_USAGE: readonly string[] = [
  'npm run admin -- list-checkpoints',
  'npm run admin -- list-devices [--checkpoint CHECKPOINT_ID]',
  'npm run admin -- list-admin-tokens',
  'npm run admin -- revoke-admin-token --id ADMIN_TOKEN_ID',
];

/** The parseArgs options these commands read beside the command line's own. */
export const INVENTORY_OPTIONS = { id: { type: 'string' } } as const;

function optional(options: AdminOptions, name: string): string | undefined {
  const given = options[name];
  if (given === undefined) return undefined;
  const value = typeof given === 'string' ? given.trim() : '';
  // "--checkpoint" typed with nothing after it is a mistake, not "every checkpoint".
  if (value === '') throw new StoreInputError(`--${name} needs a value`);
  return value;
}

function required(options: AdminOptions, name: string): string {
  const value = optional(options, name);
  if (value === undefined) throw new StoreInputError(`--${name} is required`);
  return value;
}

export const INVENTORY_COMMANDS: Record<string, AdminCommand> = {
  'list-checkpoints': async (store) => ({ checkpoints: await store.checkpoints.list() }),

  'list-devices': async (store, options) => {
    const checkpointId = optional(options, 'checkpoint');
    // Names, enrollment and last-seen times only: nothing here opens a tablet's data or its token.
    if (checkpointId === undefined) return { devices: await store.devices.listAll() };
    if ((await store.checkpoints.get(checkpointId)) === undefined)
      throw new StoreInputError(`there is no checkpoint ${checkpointId}`);
    return { checkpointId, devices: await store.devices.listForCheckpoint(checkpointId) };
  },

  // Ids and times: enough to tell which one to revoke (create-admin-token printed the id beside the token).
  'list-admin-tokens': async (store) => ({ adminTokens: await store.adminTokens.list() }),

  'revoke-admin-token': async (store, options) => {
    const id = required(options, 'id');
    if (!(await store.adminTokens.revoke(id))) throw new StoreInputError(`there is no active admin token ${id}`);
    return { adminTokenId: id, revoked: true };
  },
};
