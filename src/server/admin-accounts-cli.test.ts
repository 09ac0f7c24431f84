// The admin command line's accounts on both stores: an account made with its scope signs in with the password typed on
// standard input, a reset or a disable ends its sessions, and no answer carries a password or a hash of one.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_COMMANDS, type SecretInput } from './admin-accounts-cli.ts';
import type { AdminOptions } from './admin-inventory.ts';
import { ADMIN_USAGE, AdminUsageError, runAdmin } from './admin.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore, type Store } from './store/create-store.ts';
import { StoreInputError } from './store/store-errors.ts';
import { forEachStore } from '../../tests/support/server/store/stores.ts';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple 2026 lanterns';

const typed = (line: string): SecretInput => ({ readSecret: () => Promise.resolve(line) });
/** Standard input that must not be read: the command refuses what was typed on its line first. */
const unread: SecretInput = { readSecret: () => Promise.reject(new Error('the password was asked for')) };

forEachStore('admin account commands', ({ store }) => {
  async function run(
    command: string,
    options: AdminOptions = {},
    input: SecretInput = typed(PASSWORD),
  ): Promise<Record<string, unknown>> {
    const handler = ACCOUNT_COMMANDS[command];
    if (handler === undefined) throw new Error(`no command ${command}`);
    return handler(store(), options, input);
  }

  it('creates an admin of every checkpoint when no scope is given, whose password from standard input signs in', async () => {
    const created = await run('create-admin', { username: 'Zhang.Wei' });
    expect(created).toEqual({ adminId: expect.any(String) as string, username: 'zhang.wei', scope: 'all' });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    // Any case of the name signs in; a wrong password does not.
    expect(await store().adminAccounts.verify('ZHANG.WEI', PASSWORD)).toEqual({
      adminId: created['adminId'],
      username: 'zhang.wei',
      scope: { kind: 'all' },
    });
    expect(await store().adminAccounts.verify('zhang.wei', NEW_PASSWORD)).toBeNull();
  });

  it('creates a province’s or a city’s admin, printing the scope as --scope spells it', async () => {
    expect(await run('create-admin', { username: 'hunan', scope: 'province:湖南' })).toMatchObject({
      scope: 'province:湖南',
    });
    expect(await run('create-admin', { username: 'loudi', scope: ' city:湖南/娄底 ' })).toMatchObject({
      username: 'loudi',
      scope: 'city:湖南/娄底',
    });
    expect((await store().adminAccounts.verify('loudi', PASSWORD))?.scope).toEqual({
      kind: 'city',
      province: '湖南',
      city: '娄底',
    });
    expect((await store().adminAccounts.verify('hunan', PASSWORD))?.scope).toEqual({
      kind: 'province',
      province: '湖南',
    });
  });

  it('refuses a malformed scope in words before asking for the password, and creates nobody', async () => {
    for (const scope of [
      'city:湖南',
      'county:湖南/娄底/双峰',
      'province:',
      'city:湖南/',
      'everything',
      '',
      'city:湖\u0000南/娄底',
    ]) {
      const refused = run('create-admin', { username: 'loudi', scope }, unread);
      await expect(refused, scope).rejects.toThrow(StoreInputError);
      await expect(refused, scope).rejects.toThrow(/--scope is "all", "province:湖南" or "city:湖南\/娄底"/u);
    }
    expect(await store().adminAccounts.list()).toEqual([]);
  });

  it('refuses a short or missing password, a missing, malformed or taken username, in words', async () => {
    await expect(run('create-admin', { username: 'loudi' }, typed('123456789'))).rejects.toThrow(
      /at least 10 characters/u,
    );
    await expect(run('create-admin', { username: 'loudi' }, typed(''))).rejects.toThrow(
      /no password on standard input/u,
    );
    await expect(run('create-admin', {}, unread)).rejects.toThrow(/--username is required/u);
    await expect(run('create-admin', { username: 'a b' })).rejects.toThrow(/a username has 2–64 letters/u);
    await run('create-admin', { username: 'loudi' });
    await expect(run('create-admin', { username: 'LOUDI' })).rejects.toThrow(/the username loudi is taken/u);
    expect((await store().adminAccounts.list()).map((account) => account.username)).toEqual(['loudi']);
  });

  it('resets a password from standard input: the old one no longer signs in, and the account’s sessions end', async () => {
    const { adminId } = (await run('create-admin', { username: 'loudi' })) as { adminId: string };
    const session = await store().adminSessions.create(adminId);
    expect((await store().adminSessions.authenticate(session.token)).kind).toBe('valid');

    const reset = await run('reset-admin-password', { username: 'Loudi' }, typed(NEW_PASSWORD));
    expect(reset).toEqual({ username: 'loudi', passwordReset: true, sessionsEnded: true });
    expect(JSON.stringify(reset)).not.toContain(NEW_PASSWORD);
    expect(await store().adminAccounts.verify('loudi', PASSWORD)).toBeNull();
    expect((await store().adminAccounts.verify('loudi', NEW_PASSWORD))?.adminId).toBe(adminId);
    expect((await store().adminSessions.authenticate(session.token)).kind).toBe('unknown');

    await expect(run('reset-admin-password', { username: 'nobody' }, typed(NEW_PASSWORD))).rejects.toThrow(
      /there is no admin nobody/u,
    );
    await expect(run('reset-admin-password', { username: 'loudi' }, typed('short'))).rejects.toThrow(
      /at least 10 characters/u,
    );
  });

  it('disables an account: it no longer signs in and its sessions end; disabling it again says so', async () => {
    const { adminId } = (await run('create-admin', { username: 'loudi' })) as { adminId: string };
    const session = await store().adminSessions.create(adminId);
    expect(await run('disable-admin', { username: 'loudi' })).toEqual({ username: 'loudi', disabled: true });
    expect(await store().adminAccounts.verify('loudi', PASSWORD)).toBeNull();
    expect((await store().adminSessions.authenticate(session.token)).kind).toBe('unknown');
    await expect(run('disable-admin', { username: 'loudi' })).rejects.toThrow(/no enabled admin loudi/u);
    await expect(run('disable-admin', {})).rejects.toThrow(/--username is required/u);
  });

  it('lists the admins with their scopes as --scope spells them and whether disabled, without any hash', async () => {
    await run('create-admin', { username: 'loudi', scope: 'city:湖南/娄底' });
    await run('create-admin', { username: 'command' });
    await run('disable-admin', { username: 'loudi' });
    const listed = await run('list-admins');
    expect(listed).toEqual({
      admins: [
        {
          adminId: expect.any(String) as string,
          username: 'command',
          scope: 'all',
          createdAt: '2026-11-28T00:00:00.000Z',
          disabledAt: null,
        },
        {
          adminId: expect.any(String) as string,
          username: 'loudi',
          scope: 'city:湖南/娄底',
          createdAt: '2026-11-28T00:00:00.000Z',
          disabledAt: '2026-11-28T00:00:00.000Z',
        },
      ],
    });
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|hash|password/iu);
  });
});

describe('admin account commands on the command line', () => {
  let dir: string;
  let config: ServerConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakou-admin-accounts-'));
    config = readConfig({ KAKOU_DB: join(dir, 'kakou.sqlite') });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function withStore<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await createStore({ sqliteFile: config.sqliteFile });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('reads --username and --scope, names the commands in its usage, and says a mistake as one', async () => {
    expect(ADMIN_USAGE).toMatch(/create-admin --username NAME \[--scope province:湖南 \| --scope city:湖南\/娄底\]/u);
    expect(ADMIN_USAGE).toMatch(/reset-admin-password --username/u);
    const created = await runAdmin(
      ['create-admin', '--username', 'loudi', '--scope', 'city:湖南/娄底'],
      config,
      typed(PASSWORD),
    );
    expect(created).toMatchObject({ username: 'loudi', scope: 'city:湖南/娄底' });
    expect(await runAdmin(['list-admins'], config)).toMatchObject({
      admins: [{ username: 'loudi', scope: 'city:湖南/娄底', disabledAt: null }],
    });
    await expect(
      runAdmin(['create-admin', '--username', 'other', '--scope', 'city:娄底'], config, typed(PASSWORD)),
    ).rejects.toBeInstanceOf(AdminUsageError);
    await expect(runAdmin(['disable-admin', '--username', 'nobody'], config)).rejects.toThrow(AdminUsageError);
  });

  it('reads the password from the real standard input of the command, and prints one JSON line', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', 'create-admin', '--username', 'loudi', '--scope', 'province:湖南'],
      { env: { ...process.env, KAKOU_DB: config.sqliteFile, DATABASE_URL: '' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stdin.end(`${PASSWORD}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const lines = stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      adminId: expect.any(String) as string,
      username: 'loudi',
      scope: 'province:湖南',
    });
    expect(stdout).not.toContain(PASSWORD);
    expect((await withStore((store) => store.adminAccounts.verify('loudi', PASSWORD)))?.username).toBe('loudi');
  }, 60_000);
});
