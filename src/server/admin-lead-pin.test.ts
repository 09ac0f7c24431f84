// `npm run admin -- set-lead-pin --checkpoint ID` with the PIN on standard input: the checkpoint's PIN, as the tablets
// will fetch it, and every lead session of the checkpoint ended.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminUsageError, runAdmin } from './admin.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore, type Store } from './store/create-store.ts';
import { leadPinMatches } from './store/lead-pin-hash.ts';

const PIN = '482915';

describe('set-lead-pin', () => {
  let dir: string;
  let config: ServerConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakou-admin-pin-'));
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

  const typed = (line: string) => ({ readSecret: () => Promise.resolve(line) });

  it("sets the checkpoint's PIN from standard input and ends its lead sessions", async () => {
    const { checkpointId, session } = await withStore(async (store) => {
      const { checkpoint } = await store.checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' });
      const { deviceId } = await store.devices.enroll(checkpoint.id, 'tablet');
      return {
        checkpointId: checkpoint.id,
        session: await store.leadSessions.create({ deviceId, checkpointId: checkpoint.id }),
      };
    });

    const output = await runAdmin(['set-lead-pin', '--checkpoint', checkpointId], config, typed(PIN));
    expect(output).toMatchObject({ checkpointId, leadPinVersion: 1 });
    expect(JSON.stringify(output)).not.toContain(PIN);
    await withStore(async (store) => {
      const { hash, setBy } = await store.leadPins.get(checkpointId);
      expect(setBy).toBe('admin');
      expect(hash?.iterations).toBeGreaterThanOrEqual(600_000);
      expect(hash && (await leadPinMatches(PIN, hash))).toBe(true);
      expect((await store.leadSessions.authenticate(session.token)).kind).toBe('unknown');
    });
    // A reset is the next version.
    expect(await runAdmin(['set-lead-pin', '--checkpoint', checkpointId], config, typed('730518'))).toMatchObject({
      leadPinVersion: 2,
    });
  });

  it('refuses a weak PIN, no PIN, and an unknown checkpoint, in words', async () => {
    const checkpointId = await withStore(
      async (store) =>
        (await store.checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' })).checkpoint.id,
    );
    const args = ['set-lead-pin', '--checkpoint', checkpointId];
    await expect(runAdmin(args, config, typed('123456'))).rejects.toThrow(/run of digits/u);
    await expect(runAdmin(args, config, typed(''))).rejects.toThrow(/no PIN on standard input/u);
    await expect(runAdmin(['set-lead-pin', '--checkpoint', 'nope'], config, typed(PIN))).rejects.toBeInstanceOf(
      AdminUsageError,
    );
    await expect(runAdmin(['set-lead-pin'], config, typed(PIN))).rejects.toThrow(/--checkpoint is required/u);
  });

  it('reads the PIN from the real standard input of the command', async () => {
    const checkpointId = await withStore(
      async (store) =>
        (await store.checkpoints.create({ name: '娄底东', province: '湖南', city: '娄底' })).checkpoint.id,
    );
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', 'set-lead-pin', '--checkpoint', checkpointId],
      { env: { ...process.env, KAKOU_DB: config.sqliteFile, DATABASE_URL: '' } },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stdin.end(`${PIN}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ checkpointId, leadPinVersion: 1 });
    await withStore(async (store) => {
      const { hash } = await store.leadPins.get(checkpointId);
      expect(hash && (await leadPinMatches(PIN, hash))).toBe(true);
    });
  });
});
