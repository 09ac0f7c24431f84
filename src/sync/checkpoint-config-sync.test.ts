// The config sync step over the tablet's real store (fake-indexeddb) and a scripted server: outcomes of a pushed edit.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckpointConfigUpdate } from '../contract/checkpoint-config.ts';
import { createCheckpointConfigStore, type CheckpointConfigStore } from '../db/checkpoint-config-store.ts';
import type { KakouDatabase } from '../db/database.ts';
import { createSettingsRepository } from '../db/settings-repository.ts';
import { openTestDatabase } from '../../tests/support/db/fixtures.ts';
import { DEFAULT_CHECKPOINT_CONFIG, type CheckpointConfig } from '../domain/shift-schedule.ts';
import { ConfigConflictError, type CheckpointConfigRemote } from './checkpoint-config-client.ts';
import { syncCheckpointConfig } from './checkpoint-config-sync.ts';
import { SyncNetworkError, SyncRequestRejectedError } from './transport.ts';

let db: KakouDatabase;
let cache: CheckpointConfigStore;
beforeEach(() => {
  db = openTestDatabase();
  cache = createCheckpointConfigStore(db);
});
afterEach(async () => {
  await db.delete();
});

const NOW_MS = 1_795_000_000_000;
const body = (teams: string[]) => ({ teams, shifts: [{ name: '全天', start: '08:00' }], rotationAnchor: '2026-11-01' });
const serverAt = (version: number, teams: string[]): CheckpointConfig => ({
  ...body(teams),
  version,
  updatedAt: `2026-11-28T0${version}:00:00.000Z`,
});

/** A server holding `config`, whose put does what `onPut` says. */
function remote(
  config: CheckpointConfig,
  onPut: (update: CheckpointConfigUpdate) => Promise<CheckpointConfig>,
): CheckpointConfigRemote & { puts: CheckpointConfigUpdate[] } {
  const puts: CheckpointConfigUpdate[] = [];
  return {
    puts,
    get: () => Promise.resolve(config),
    put(update) {
      puts.push(update);
      return onPut(update);
    },
  };
}

describe('syncCheckpointConfig', () => {
  it('takes the server configuration when there is no edit, and sends nothing', async () => {
    const server = remote(serverAt(3, ['甲', '乙']), () => Promise.reject(new Error('no put expected')));
    await syncCheckpointConfig(server, cache, () => NOW_MS);
    expect(await cache.get()).toEqual(serverAt(3, ['甲', '乙']));
    expect(server.puts).toEqual([]);
  });

  it('bases an edit on the configuration held, and a second edit before the push on the same base', async () => {
    await cache.applyServer(serverAt(2, ['A']));
    await cache.saveEdit(body(['A', 'B']), 10);
    expect((await cache.saveEdit(body(['A', 'B', 'C']), 20)).baseVersion).toBe(2);
    const server = remote(DEFAULT_CHECKPOINT_CONFIG, (update) => Promise.resolve({ ...serverAt(3, update.teams) }));
    await syncCheckpointConfig(server, cache, () => NOW_MS);
    expect(server.puts).toEqual([{ ...body(['A', 'B', 'C']), baseVersion: 2 }]);
    expect(await cache.get()).toEqual(serverAt(3, ['A', 'B', 'C']));
    expect(await cache.getEdit()).toBeNull();
  });

  it('keeps the edit pending when the server cannot be reached', async () => {
    await cache.saveEdit(body(['A', 'B']), 10);
    const server = remote(DEFAULT_CHECKPOINT_CONFIG, () => Promise.reject(new SyncNetworkError('offline')));
    await expect(syncCheckpointConfig(server, cache, () => NOW_MS)).rejects.toBeInstanceOf(SyncNetworkError);
    expect(await cache.getEdit()).toEqual({ body: body(['A', 'B']), baseVersion: 0, editedAt: 10 });
  });

  it("on 409 keeps the server's configuration, drops the edit and records when the other change was made", async () => {
    await cache.saveEdit(body(['X']), 10);
    const server = remote(serverAt(4, ['甲']), () =>
      Promise.reject(new ConfigConflictError('version 4 is stored now', 4)),
    );
    await syncCheckpointConfig(server, cache, () => NOW_MS);
    expect(await cache.get()).toEqual(serverAt(4, ['甲']));
    expect(await cache.getEdit()).toBeNull();
    expect(await createSettingsRepository(db).get('checkpointConfigConflict')).toEqual({
      kind: 'conflict',
      detectedAt: NOW_MS,
      editedAt: 10,
      serverVersion: 4,
      serverUpdatedAt: '2026-11-28T04:00:00.000Z',
      detail: 'version 4 is stored now',
    });
  });

  it('on 400 drops the edit as refused, with the server reason', async () => {
    await cache.saveEdit(body(['A', 'a']), 10);
    const server = remote(serverAt(1, ['A']), () =>
      Promise.reject(new SyncRequestRejectedError(400, 'teams[1] repeats an earlier team.', null)),
    );
    await syncCheckpointConfig(server, cache, () => NOW_MS);
    expect(await createSettingsRepository(db).get('checkpointConfigConflict')).toMatchObject({
      kind: 'refused',
      detail: 'teams[1] repeats an earlier team.',
    });
    expect(await cache.getEdit()).toBeNull();
  });

  it('keeps an edit saved while the push was in flight, rebased on the version just accepted', async () => {
    await cache.saveEdit(body(['A', 'B']), 10);
    const server = remote(DEFAULT_CHECKPOINT_CONFIG, async (update) => {
      await cache.saveEdit(body(['A', 'B', 'C']), 20);
      return serverAt(1, update.teams);
    });
    await syncCheckpointConfig(server, cache, () => NOW_MS);
    expect(await cache.getEdit()).toEqual({ body: body(['A', 'B', 'C']), baseVersion: 1, editedAt: 20 });
    expect((await cache.get())?.version).toBe(1);
  });
});
