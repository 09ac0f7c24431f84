// The SQLite store on disk is the server user's alone: folder 0700, file and its -wal/-shm 0600, under any umask,
// and an existing store from before is tightened, while a folder shared with other files keeps its mode.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createStore, type Store } from './create-store.ts';

const LOUDI = { name: '娄底东', province: '湖南', city: '娄底', timezone: 'Asia/Shanghai' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kakou-private-store-'));
  cleanups.push(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

async function openStore(sqliteFile: string): Promise<Store> {
  const store = await createStore({ sqliteFile });
  cleanups.push(() => store.close());
  return store;
}

function modeOf(path: string): string {
  return (statSync(path).mode & 0o777).toString(8).padStart(3, '0');
}

async function withUmask<T>(mask: number, work: () => Promise<T>): Promise<T> {
  const previous = process.umask(mask);
  try {
    return await work();
  } finally {
    process.umask(previous);
  }
}

it.each([
  ['000 (everything allowed)', 0o000],
  ['022 (the usual)', 0o022],
  ['277 (even the owner may not write)', 0o277],
])('a first start under umask %s makes the folders 0700 and the file, its -wal and -shm 0600', async (_, umask) => {
  const root = tempDir();
  const sqliteFile = join(root, 'srv', 'data', 'kakou.sqlite');
  const store = await withUmask(umask, async () => {
    const opened = await openStore(sqliteFile);
    // A write, so SQLite has made its -wal and -shm beside the file.
    await opened.checkpoints.create(LOUDI);
    return opened;
  });
  expect(modeOf(join(root, 'srv'))).toBe('700');
  expect(modeOf(join(root, 'srv', 'data'))).toBe('700');
  expect(existsSync(`${sqliteFile}-wal`)).toBe(true);
  expect(existsSync(`${sqliteFile}-shm`)).toBe(true);
  for (const file of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) expect(modeOf(file), file).toBe('600');
  expect(await store.checkpoints.count()).toBe(1);
});

it('tightens a store an earlier version left readable (folder 0755, files 0644) and keeps its data', async () => {
  const dataDir = join(tempDir(), 'data');
  const sqliteFile = join(dataDir, 'kakou.sqlite');
  // The earlier process is still running, so its -wal and -shm are on disk too.
  const earlier = await openStore(sqliteFile);
  await earlier.checkpoints.create(LOUDI);
  chmodSync(dataDir, 0o755);
  for (const file of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) chmodSync(file, 0o644);

  const upgraded = await openStore(sqliteFile);
  expect(modeOf(dataDir)).toBe('700');
  for (const file of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) expect(modeOf(file), file).toBe('600');
  expect(await upgraded.checkpoints.count()).toBe(1);
});

it('tightens that folder also when the server keeps its TLS authority and a pre-migration backup beside the store', async () => {
  const dataDir = join(tempDir(), 'data');
  const sqliteFile = join(dataDir, 'kakou.sqlite');
  const earlier = await openStore(sqliteFile);
  await earlier.checkpoints.create(LOUDI);
  // With HTTPS on, the server makes data/tls before it opens the store.
  mkdirSync(join(dataDir, 'tls'));
  writeFileSync(join(dataDir, 'kakou.sqlite.before-004-20261204T153012Z.bak'), '');
  chmodSync(dataDir, 0o755);
  await openStore(sqliteFile);
  expect(modeOf(dataDir)).toBe('700');
});

it('leaves the mode of an existing folder that holds other files, and still makes the file 0600', async () => {
  const shared = tempDir();
  chmodSync(shared, 0o755);
  writeFileSync(join(shared, 'notes.txt'), 'not ours');
  const sqliteFile = join(shared, 'kakou.sqlite');
  await openStore(sqliteFile);
  expect(modeOf(shared)).toBe('755');
  expect(modeOf(sqliteFile)).toBe('600');
});

it('never loosens: a store folder the operator made stricter than 0700 keeps its mode', async () => {
  const dataDir = join(tempDir(), 'data');
  const sqliteFile = join(dataDir, 'kakou.sqlite');
  await (await createStore({ sqliteFile })).close();
  // Owner may enter and write but not list: odd, yet the operator's to choose.
  chmodSync(dataDir, 0o300);
  await openStore(sqliteFile);
  expect(modeOf(dataDir)).toBe('300');
  expect(modeOf(sqliteFile)).toBe('600');
});
