// Admin accounts in the store: a password checked against a slow hash, names without regard to case, a reset or a
// disable that ends the account's sessions, and nothing that reads a password back.
import { expect, it } from 'vitest';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { StoreInputError } from './store-errors.ts';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple 2026 lanterns';
const LOUDI = { kind: 'city', province: '湖南', city: '娄底' } as const;

forEachStore('admin account repository', ({ store }) => {
  const accounts = () => store().adminAccounts;

  it('verifies the right password under any case of the username, and nothing else', async () => {
    const created = await accounts().create({ username: 'Zhang.Wei', password: PASSWORD, scope: LOUDI });
    expect(created).toEqual({ adminId: expect.any(String) as string, username: 'zhang.wei', scope: LOUDI });
    expect(await accounts().verify('zhang.wei', PASSWORD)).toEqual(created);
    expect(await accounts().verify(' ZHANG.WEI ', PASSWORD)).toEqual(created);
    expect(await accounts().verify('zhang.wei', NEW_PASSWORD)).toBeNull();
    expect(await accounts().verify('zhang.wei', PASSWORD.toUpperCase())).toBeNull();
    expect(await accounts().verify('zhang.wei', '')).toBeNull();
    expect(await accounts().verify('li.na', PASSWORD)).toBeNull();
  });

  it('keeps a salted hash, never the password: the same password twice is stored twice differently', async () => {
    await accounts().create({ username: 'loudi', password: PASSWORD, scope: LOUDI });
    await accounts().create({ username: 'hunan', password: PASSWORD, scope: { kind: 'province', province: '湖南' } });
    const rows = await store().db.selectFrom('admin_accounts').select('password_hash').execute();
    expect(JSON.stringify(rows)).not.toContain(PASSWORD);
    expect(rows.map((row) => row.password_hash.split('$')[0])).toEqual(['scrypt', 'scrypt']);
    expect(rows[0]?.password_hash).not.toBe(rows[1]?.password_hash);
  });

  it('refuses a short password, a malformed username and a taken one (in any case), in words', async () => {
    const create = (username: string, password = PASSWORD) =>
      accounts().create({ username, password, scope: { kind: 'all' } });
    await expect(create('loudi', '123456789')).rejects.toThrow(/at least 10 characters/u);
    await expect(create('a')).rejects.toThrow(StoreInputError);
    await expect(create('two words')).rejects.toThrow(/a username has 2–64 letters/u);
    await expect(create('x'.repeat(65))).rejects.toThrow(StoreInputError);
    await create('娄底.admin');
    await expect(create('娄底.ADMIN')).rejects.toThrow(/is taken/u);
    expect((await accounts().list()).map((account) => account.username)).toEqual(['娄底.admin']);
  });

  it('a disabled account no longer signs in, and its sessions end', async () => {
    const { adminId } = await accounts().create({ username: 'loudi', password: PASSWORD, scope: LOUDI });
    const session = await store().adminSessions.create(adminId);
    expect(await accounts().disable('LOUDI')).toBe(true);
    expect(await accounts().verify('loudi', PASSWORD)).toBeNull();
    expect((await store().adminSessions.authenticate(session.token)).kind).toBe('unknown');
    // Disabling again, or nobody, changes nothing.
    expect(await accounts().disable('loudi')).toBe(false);
    expect(await accounts().disable('nobody')).toBe(false);
  });

  it('a reset password replaces the old one and ends every session of the account, not of the others', async () => {
    const loudi = await accounts().create({ username: 'loudi', password: PASSWORD, scope: LOUDI });
    const other = await accounts().create({ username: 'command', password: PASSWORD, scope: { kind: 'all' } });
    const first = await store().adminSessions.create(loudi.adminId);
    const second = await store().adminSessions.create(loudi.adminId);
    const kept = await store().adminSessions.create(other.adminId);

    expect(await accounts().resetPassword('Loudi', NEW_PASSWORD)).toBe(true);
    expect(await accounts().verify('loudi', PASSWORD)).toBeNull();
    expect(await accounts().verify('loudi', NEW_PASSWORD)).toEqual(loudi);
    expect((await store().adminSessions.authenticate(first.token)).kind).toBe('unknown');
    expect((await store().adminSessions.authenticate(second.token)).kind).toBe('unknown');
    expect((await store().adminSessions.authenticate(kept.token)).kind).toBe('valid');

    expect(await accounts().resetPassword('nobody', NEW_PASSWORD)).toBe(false);
    await expect(accounts().resetPassword('loudi', 'short')).rejects.toThrow(/at least 10 characters/u);
    expect(await accounts().verify('loudi', NEW_PASSWORD)).toEqual(loudi);
  });

  it('lists every account by name with its scope and times, without a hash', async () => {
    await accounts().create({ username: 'loudi', password: PASSWORD, scope: LOUDI });
    await accounts().create({ username: 'command', password: PASSWORD, scope: { kind: 'all' } });
    await accounts().disable('loudi');
    const listed = await accounts().list();
    expect(listed.map(({ username, scope, disabledAt }) => ({ username, scope, disabledAt }))).toEqual([
      { username: 'command', scope: { kind: 'all' }, disabledAt: null },
      { username: 'loudi', scope: LOUDI, disabledAt: '2026-11-28T00:00:00.000Z' },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|hash/iu);
  });
});
