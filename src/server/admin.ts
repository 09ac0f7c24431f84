// The admin command line (`npm run admin -- <command> …`): one JSON line on stdout, or {"error"} on stderr and exit 1.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore, type Store } from './store/create-store.ts';
import { StoreInputError } from './store/store-errors.ts';

export const ADMIN_USAGE = [
  'npm run admin -- create-checkpoint --name NAME --province P --city C [--timezone Asia/Shanghai]',
  'npm run admin -- create-admin-token',
  'npm run admin -- rotate-enrollment-code --checkpoint CHECKPOINT_ID',
  'npm run admin -- revoke-device --device DEVICE_ID',
].join('\n');

/** A mistake in what was typed: reported as {"error"} without a stack. */
export class AdminUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminUsageError';
  }
}

type Options = Record<string, string | undefined>;

function required(options: Options, name: string): string {
  const value = options[name]?.trim();
  if (value === undefined || value === '') throw new AdminUsageError(`--${name} is required`);
  return value;
}

const COMMANDS: Record<string, (store: Store, options: Options) => Promise<Record<string, unknown>>> = {
  'create-checkpoint': async (store, options) => {
    const timezone = options['timezone'];
    const { checkpoint, enrollmentCode } = await store.checkpoints.create({
      name: required(options, 'name'),
      province: required(options, 'province'),
      city: required(options, 'city'),
      ...(timezone === undefined ? {} : { timezone }),
    });
    return { checkpointId: checkpoint.id, enrollmentCode };
  },
  'create-admin-token': async (store) => {
    const { token } = await store.adminTokens.create();
    return { token };
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
};

/** Runs one command against the configured store and returns what to print. */
export async function runAdmin(argv: readonly string[], config: ServerConfig): Promise<Record<string, unknown>> {
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
        checkpoint: { type: 'string' },
        device: { type: 'string' },
      },
    });
  } catch (error) {
    throw new AdminUsageError(error instanceof Error ? error.message : String(error));
  }
  const [commandName, ...extra] = parsed.positionals;
  const command = commandName === undefined ? undefined : COMMANDS[commandName];
  if (command === undefined || extra.length > 0) {
    throw new AdminUsageError(`unknown command "${parsed.positionals.join(' ')}"; one of:\n${ADMIN_USAGE}`);
  }
  const store = await createStore({ sqliteFile: config.sqliteFile, databaseUrl: config.databaseUrl });
  try {
    return await command(store, parsed.values);
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
