// The real server as the browser tests meet it: Fastify on a fresh SQLite file in a temporary folder, serving the
// built PWA, with one checkpoint created as `npm run admin -- create-checkpoint` would, ready for tablets to enroll.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildApp } from '../../src/server/app.ts';
import { createStore, type Store } from '../../src/server/store/create-store.ts';

export const SERVED_CHECKPOINT = {
  name: '娄底东收费站',
  province: '湖南',
  city: '娄底',
  timezone: 'Asia/Shanghai',
} as const;

export interface ServedApp {
  /** The server's store, for asserting what arrived and for admin steps (revoking a device). */
  readonly store: Store;
  /** The server's own address, which is also where the PWA is served. */
  readonly baseUrl: string;
  readonly checkpointId: string;
  readonly enrollmentCode: string;
  /** Stops the server, closes the store and removes its folder. */
  close(): Promise<void>;
}

export interface ServedCheckpoint {
  readonly name: string;
  readonly province: string;
  readonly city: string;
  readonly timezone: string;
}

/**
 * `checkpoint`: where the one checkpoint is, as an admin would write it (SERVED_CHECKPOINT, in Hunan, by default);
 * `countyCode`: the county it stands in, as `--county` names it (none by default).
 */
export async function startServedApp(
  name: string,
  options: { checkpoint?: ServedCheckpoint; countyCode?: string } = {},
): Promise<ServedApp> {
  const dataDir = await mkdtemp(join(tmpdir(), `kakou-${name}-`));
  const store = await createStore({ sqliteFile: join(dataDir, 'kakou.sqlite') });
  const { checkpoint = SERVED_CHECKPOINT, countyCode } = options;
  const created = await store.checkpoints.create(countyCode === undefined ? checkpoint : { ...checkpoint, countyCode });
  const server = await buildApp({ store, distDir: resolve('dist') });
  const baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  return {
    store,
    baseUrl,
    checkpointId: created.checkpoint.id,
    enrollmentCode: created.enrollmentCode,
    async close() {
      await server.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
