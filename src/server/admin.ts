// The admin command line (`npm run admin -- <command> …`): one JSON line on stdout, or {"error"} on stderr and exit 1.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { ACCOUNT_COMMANDS, ACCOUNT_OPTIONS, ACCOUNT_USAGE } from './admin-accounts-cli.ts';
import { INVENTORY_COMMANDS, INVENTORY_OPTIONS, INVENTORY_USAGE } from './admin-inventory.ts';
import { readSecretLine, setLeadPinCommand } from './admin-lead-pin.ts';
import { createDivisionFiles } from './divisions/division-files.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore, type Store } from './store/create-store.ts';
import { backupStoreFile } from './store/sqlite-backup.ts';
import { restoreStoreFile } from './store/sqlite-restore.ts';
import { StoreInputError } from './store/store-errors.ts';

export const ADMIN_USAGE = [
  `npm run admin -- create-checkpoint --name NAME --province P --city C [--county CODE] [--timezone ${DEFAULT_TIME_ZONE}]`,
  'npm run admin -- set-checkpoint-county --checkpoint CHECKPOINT_ID --county CODE   (GB/T 2260, 6 digits)',
  'npm run admin -- create-admin-token',
  'npm run admin -- rotate-enrollment-code --checkpoint CHECKPOINT_ID',
  ...INVENTORY_USAGE,
  ...ACCOUNT_USAGE,
  'npm run admin -- revoke-device --device DEVICE_ID',
  'npm run admin -- set-lead-pin --checkpoint CHECKPOINT_ID   (the PIN on standard input)',
  'npm run admin -- backup --to FILE [--force]            (SQLite; while the server runs)',
  'npm run admin -- restore --from FILE [--force]         (SQLite; with the server stopped)',
].join('\n');

/** What PostgreSQL operators use instead: the same commands docs/decisions/020 and the README give. */
// umask 077: the dump holds every registration, as a SQLite backup does (0600).
export const PG_DUMP_COMMAND = '(umask 077; pg_dump --format=custom --file=kakou.dump "$DATABASE_URL")';
export const PG_RESTORE_COMMAND =
  'pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" kakou.dump';

/** A mistake in what was typed: reported as {"error"} without a stack. */
export class AdminUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminUsageError';
  }
}

type Options = Record<string, string | boolean | undefined>;

function required(options: Options, name: string): string {
  const given = options[name];
  const value = typeof given === 'string' ? given.trim() : '';
  if (value === '') throw new AdminUsageError(`--${name} is required`);
  return value;
}

/** PostgreSQL has its own tools for this; the reason and the command, in words. */
function refuseOnPostgres(config: ServerConfig, what: string, instead: string): void {
  if (config.databaseUrl === null) return;
  throw new AdminUsageError(
    `${what} works on the SQLite store; this server uses PostgreSQL (DATABASE_URL): ${instead}`,
  );
}

/**
 * Commands on the SQLite file itself. They never open the store through createStore: that would migrate it, under a
 * running server (backup) or before the file is replaced (restore).
 */
const FILE_COMMANDS: Record<string, (config: ServerConfig, options: Options) => Promise<Record<string, unknown>>> = {
  backup: async (config, options) => {
    refuseOnPostgres(config, 'backup', `use ${PG_DUMP_COMMAND}`);
    return {
      ...(await backupStoreFile(config.sqliteFile, required(options, 'to'), { overwrite: options['force'] === true })),
    };
  },
  restore: (config, options) => {
    refuseOnPostgres(config, 'restore', `stop the servers and use ${PG_RESTORE_COMMAND}`);
    return Promise.resolve({
      ...restoreStoreFile(config.sqliteFile, required(options, 'from'), { overwrite: options['force'] === true }),
    });
  },
};

/** What a command reads besides its options: a secret (a PIN) from standard input, never from the command line. */
export interface AdminInput {
  readSecret(): Promise<string>;
}

const STANDARD_INPUT: AdminInput = { readSecret: () => readSecretLine(process.stdin) };

/**
 * The county code as typed, refused when the division lists of the built app do not know it (a server without the
 * built app takes any 6 digits: the tablets' lists will tell).
 */
async function knownCountyCode(config: ServerConfig, code: string): Promise<string> {
  if (!(await createDivisionFiles(config.distDir).knowsCounty(code))) {
    throw new AdminUsageError(`${code} is no county code of the division lists (GB/T 2260, 6 digits, e.g. 431321)`);
  }
  return code;
}

const COMMANDS: Record<
  string,
  (store: Store, options: Options, input: AdminInput, config: ServerConfig) => Promise<Record<string, unknown>>
> = {
  ...INVENTORY_COMMANDS,
  ...ACCOUNT_COMMANDS,
  'create-checkpoint': async (store, options, _input, config) => {
    const timezone = options['timezone'];
    const county = options['county'];
    const { checkpoint, enrollmentCode } = await store.checkpoints.create({
      name: required(options, 'name'),
      province: required(options, 'province'),
      city: required(options, 'city'),
      ...(typeof timezone === 'string' ? { timezone } : {}),
      ...(typeof county === 'string' ? { countyCode: await knownCountyCode(config, county.trim()) } : {}),
    });
    return { checkpointId: checkpoint.id, enrollmentCode };
  },
  'set-checkpoint-county': async (store, options, _input, config) => {
    const checkpointId = required(options, 'checkpoint');
    const countyCode = await knownCountyCode(config, required(options, 'county'));
    if (!(await store.checkpoints.setCountyCode(checkpointId, countyCode))) {
      throw new AdminUsageError(`there is no checkpoint ${checkpointId}`);
    }
    return { checkpointId, countyCode };
  },
  'create-admin-token': async (store) => {
    const { id, token } = await store.adminTokens.create();
    return { adminTokenId: id, token };
  },
  'rotate-enrollment-code': async (store, options) => {
    const checkpointId = required(options, 'checkpoint');
    const enrollmentCode = await store.checkpoints.rotateEnrollmentCode(checkpointId);
    if (enrollmentCode === undefined) throw new AdminUsageError(`there is no checkpoint ${checkpointId}`);
    return { checkpointId, enrollmentCode };
  },
  'revoke-device': async (store, options) => {
    const deviceId = required(options, 'device');
    if (!(await store.devices.revoke(deviceId))) throw new AdminUsageError(`there is no active device ${deviceId}`);
    return { deviceId, revoked: true };
  },
  'set-lead-pin': async (store, options, input) =>
    setLeadPinCommand(store, required(options, 'checkpoint'), await input.readSecret()),
};

/** Runs one command against the configured store and returns what to print. */
export async function runAdmin(
  argv: readonly string[],
  config: ServerConfig,
  input: AdminInput = STANDARD_INPUT,
): Promise<Record<string, unknown>> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        name: { type: 'string' },
        province: { type: 'string' },
        city: { type: 'string' },
        timezone: { type: 'string' },
        county: { type: 'string' },
        checkpoint: { type: 'string' },
        device: { type: 'string' },
        to: { type: 'string' },
        from: { type: 'string' },
        force: { type: 'boolean' },
        ...INVENTORY_OPTIONS,
        ...ACCOUNT_OPTIONS,
      },
    });
  } catch (error) {
    throw new AdminUsageError(error instanceof Error ? error.message : String(error));
  }
  const [commandName, ...extra] = parsed.positionals;
  const unknown = () =>
    new AdminUsageError(`unknown command "${parsed.positionals.join(' ')}"; one of:\n${ADMIN_USAGE}`);
  if (commandName === undefined || extra.length > 0) throw unknown();
  // Own keys only: "constructor" is no command.
  const fileCommand = Object.hasOwn(FILE_COMMANDS, commandName) ? FILE_COMMANDS[commandName] : undefined;
  if (fileCommand !== undefined) {
    try {
      return await fileCommand(config, parsed.values);
    } catch (error) {
      if (error instanceof StoreInputError) throw new AdminUsageError(error.message);
      throw error;
    }
  }
  const command = Object.hasOwn(COMMANDS, commandName) ? COMMANDS[commandName] : undefined;
  if (command === undefined) throw unknown();
  const store = await createStore({ sqliteFile: config.sqliteFile, databaseUrl: config.databaseUrl });
  try {
    return await command(store, parsed.values, input, config);
  } catch (error) {
    if (error instanceof StoreInputError) throw new AdminUsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

async function main(): Promise<void> {
  try {
    const output = await runAdmin(process.argv.slice(2), readConfig());
    process.stdout.write(`${JSON.stringify(output)}\n`);
  } catch (error) {
    process.stderr.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
