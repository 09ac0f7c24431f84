// The admin command line: each command's JSON, and that what it creates works against the store.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AdminUsageError, runAdmin } from './admin.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { createStore } from './store/create-store.ts';
import { writeSampleDivisionDist } from '../../tests/support/server/division-dist.ts';

const run = promisify(execFile);

describe('admin command line', () => {
  let dir: string;
  let config: ServerConfig;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kakou-admin-'));
    config = readConfig({ KAKOU_DB: join(dir, 'kakou.sqlite') });
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function withStore<T>(work: (store: Awaited<ReturnType<typeof createStore>>) => Promise<T>): Promise<T> {
    const store = await createStore({ sqliteFile: config.sqliteFile });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  it('creates a checkpoint whose enrollment code finds it, and rotates that code', async () => {
    const created = await runAdmin(
      ['create-checkpoint', '--name', '娄底东', '--province', '湖南', '--city', '娄底', '--timezone', 'Asia/Shanghai'],
      config,
    );
    expect(Object.keys(created).sort()).toEqual(['checkpointId', 'enrollmentCode']);
    const { checkpointId, enrollmentCode } = created as { checkpointId: string; enrollmentCode: string };
    expect(await withStore(async (s) => (await s.checkpoints.findByEnrollmentCode(enrollmentCode))?.id)).toBe(
      checkpointId,
    );

    const rotated = await runAdmin(['rotate-enrollment-code', '--checkpoint', checkpointId], config);
    expect(rotated['enrollmentCode']).not.toBe(enrollmentCode);
    expect(await withStore((s) => s.checkpoints.findByEnrollmentCode(enrollmentCode))).toBeUndefined();
  });

  it('names the county a checkpoint stands in, at creation or later, refusing a code the division lists do not know', async () => {
    const dist = writeSampleDivisionDist();
    try {
      const withLists = { ...config, distDir: dist.dir };
      const { checkpointId } = (await runAdmin(
        ['create-checkpoint', '--name', '娄底东', '--province', '湖南', '--city', '娄底', '--county', '431302'],
        withLists,
      )) as { checkpointId: string };
      expect(await withStore(async (s) => (await s.checkpoints.get(checkpointId))?.countyCode)).toBe('431302');
      expect(
        await runAdmin(['set-checkpoint-county', '--checkpoint', checkpointId, '--county', '431321'], withLists),
      ).toEqual({ checkpointId, countyCode: '431321' });
      await expect(
        runAdmin(['set-checkpoint-county', '--checkpoint', checkpointId, '--county', '431399'], withLists),
      ).rejects.toThrow(/431399 is no county code/u);
      await expect(
        runAdmin(['set-checkpoint-county', '--checkpoint', 'nope', '--county', '431321'], withLists),
      ).rejects.toThrow(AdminUsageError);
      expect(await withStore(async (s) => (await s.checkpoints.get(checkpointId))?.countyCode)).toBe('431321');
    } finally {
      dist.remove();
    }
  });

  it('creates an admin token that authenticates, lists it by the id it printed, and revokes it by that id', async () => {
    const created = (await runAdmin(['create-admin-token'], config)) as { adminTokenId: string; token: string };
    expect(Object.keys(created).sort()).toEqual(['adminTokenId', 'token']);
    expect(await withStore((s) => s.adminTokens.authenticate(created.token))).toBe(true);

    const listed = (await runAdmin(['list-admin-tokens'], config)) as { adminTokens: { id: string }[] };
    expect(listed.adminTokens.map((t) => t.id)).toEqual([created.adminTokenId]);
    expect(JSON.stringify(listed)).not.toContain(created.token);

    expect(await runAdmin(['revoke-admin-token', '--id', created.adminTokenId], config)).toEqual({
      adminTokenId: created.adminTokenId,
      revoked: true,
    });
    expect(await withStore((s) => s.adminTokens.authenticate(created.token))).toBe(false);
  });

  it('lists checkpoints, and every tablet when no --checkpoint is given', async () => {
    const { checkpointId } = (await runAdmin(
      ['create-checkpoint', '--name', '娄底东', '--province', '湖南', '--city', '娄底'],
      config,
    )) as { checkpointId: string };
    await withStore((s) => s.devices.enroll(checkpointId, '1号平板'));
    const checkpoints = (await runAdmin(['list-checkpoints'], config)) as { checkpoints: { id: string }[] };
    expect(checkpoints.checkpoints.map((c) => c.id)).toEqual([checkpointId]);
    const devices = (await runAdmin(['list-devices'], config)) as { devices: { name: string }[] };
    expect(devices.devices.map((d) => d.name)).toEqual(['1号平板']);
  });

  it("lists a checkpoint's tablets for finding a lost one, revokes it, and the list then shows it revoked", async () => {
    const { checkpointId, lost, kept } = await withStore(async (s) => {
      const { checkpoint } = await s.checkpoints.create({ name: 'A', province: '湖南', city: '娄底' });
      const { checkpoint: other } = await s.checkpoints.create({ name: 'B', province: '湖南', city: '长沙' });
      await s.devices.enroll(other.id, '别的卡口的平板');
      return {
        checkpointId: checkpoint.id,
        lost: (await s.devices.enroll(checkpoint.id, '1号平板')).deviceId,
        kept: (await s.devices.enroll(checkpoint.id, '2号平板')).deviceId,
      };
    });
    const listed = (await runAdmin(['list-devices', '--checkpoint', checkpointId], config)) as {
      devices: { id: string; name: string; revokedAt: string | null; createdAt: string }[];
    };
    expect(listed.devices.map((d) => [d.name, d.revokedAt]).sort()).toEqual([
      ['1号平板', null],
      ['2号平板', null],
    ]);
    // Nothing secret in the list: no token, no hash of one.
    expect(JSON.stringify(listed)).not.toMatch(/token/iu);

    expect(await runAdmin(['revoke-device', '--device', lost], config)).toEqual({ deviceId: lost, revoked: true });
    const after = (await runAdmin(['list-devices', '--checkpoint', checkpointId], config)) as typeof listed;
    expect(after.devices.find((d) => d.id === lost)?.revokedAt).not.toBeNull();
    expect(after.devices.find((d) => d.id === kept)?.revokedAt).toBeNull();
    await expect(runAdmin(['list-devices', '--checkpoint', 'nope'], config)).rejects.toThrow(/no checkpoint nope/u);
  });

  it('refuses a missing option, an unknown command, a bad time zone and an unknown device in words', async () => {
    await expect(runAdmin(['create-checkpoint', '--name', 'A', '--province', '湖南'], config)).rejects.toThrow(
      /--city is required/u,
    );
    await expect(runAdmin(['make-coffee'], config)).rejects.toThrow(AdminUsageError);
    await expect(
      runAdmin(
        ['create-checkpoint', '--name', 'A', '--province', 'P', '--city', 'C', '--timezone', 'Mars/Olympus'],
        config,
      ),
    ).rejects.toThrow(/time zone/u);
    await expect(runAdmin(['revoke-device', '--device', 'nope'], config)).rejects.toThrow(/no active device/u);
    // Said as a mistake in what was typed, like the command line's own: {"error"} and no stack.
    await expect(runAdmin(['revoke-admin-token', '--id', 'nope'], config)).rejects.toThrow(AdminUsageError);
    await expect(runAdmin(['make-coffee'], config)).rejects.toThrow(/revoke-admin-token --id/u);
  });

  it('prints exactly one JSON line on stdout, and an error as JSON on stderr with exit code 1', async () => {
    const env = { ...process.env, KAKOU_DB: config.sqliteFile, DATABASE_URL: '' };
    const ok = await run(process.execPath, ['--import', 'tsx', 'src/server/admin.ts', 'create-admin-token'], { env });
    const lines = ok.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(Object.keys(JSON.parse(lines[0] ?? '') as object)).toEqual(['adminTokenId', 'token']);

    const failed = await run(
      process.execPath,
      ['--import', 'tsx', 'src/server/admin.ts', 'revoke-device', '--device', 'nope'],
      { env },
    ).then(
      () => null,
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toBe('');
    expect(JSON.parse(failed?.stderr ?? '')).toEqual({ error: 'there is no active device nope' });
  }, 60_000);
});
