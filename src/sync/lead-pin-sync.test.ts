// The lead PIN sync step against a scripted server: the server's PIN wins whenever it has one, this tablet's goes up
// when it has none, a race between first leads ends with the winner's PIN everywhere, and every pass asks.
import { describe, expect, it, vi } from 'vitest';
import type { StoredLeadPin } from '../db/settings-repository.ts';
import type { CheckpointLeadPin, LeadPinHash } from '../domain/lead-pin.ts';
import { LeadPinAlreadySetError, type LeadPinRemote } from './lead-pin-client.ts';
import { createLeadPinSync, syncLeadPin, type LeadPinCachePort } from './lead-pin-sync.ts';

const hash = (tag: string): LeadPinHash => ({
  algorithm: 'PBKDF2-SHA-256',
  iterations: 600_000,
  saltB64: `${tag}saltsaltsaltsaltsalt==`,
  hashB64: tag.padEnd(43, 'h') + '=',
});
const serverPin = (version: number, tag: string): CheckpointLeadPin => ({
  checkpointId: 'cp-1',
  version,
  setAt: '2026-11-28T08:00:00.000Z',
  setBy: 'admin',
  hash: hash(tag),
});
const NONE: CheckpointLeadPin = { checkpointId: 'cp-1', version: 0, setAt: null, setBy: null, hash: null };

function memoryCache(initial?: StoredLeadPin): LeadPinCachePort & { held: () => StoredLeadPin | undefined } {
  let held = initial;
  return {
    held: () => held,
    get: () => Promise.resolve(held),
    adopt(pin) {
      held = { ...pin.hash, setAt: Date.parse(pin.setAt), serverVersion: pin.version };
      return Promise.resolve();
    },
  };
}

function server(pins: CheckpointLeadPin[], onPush?: (h: LeadPinHash) => Promise<CheckpointLeadPin>) {
  const answers = [...pins];
  const get = vi.fn(() => Promise.resolve(answers.length > 1 ? answers.shift()! : answers[0]!));
  const remote: LeadPinRemote & { pushed: LeadPinHash[]; gets: typeof get } = {
    pushed: [],
    gets: get,
    get,
    pushFirst(h) {
      remote.pushed.push(h);
      return onPush ? onPush(h) : Promise.reject(new Error('no push expected'));
    },
  };
  return remote;
}

const localPin = (tag: string, serverVersion?: number): StoredLeadPin => ({
  ...hash(tag),
  setAt: 1_000,
  ...(serverVersion === undefined ? {} : { serverVersion }),
});

describe('syncLeadPin', () => {
  it("takes the server's PIN on a tablet that has none, and again when it moves, and not while it stays", async () => {
    const cache = memoryCache();
    expect(await syncLeadPin(server([serverPin(1, 'a')]), cache)).toBe('adopted');
    expect(cache.held()).toMatchObject({ ...hash('a'), serverVersion: 1 });
    expect(await syncLeadPin(server([serverPin(1, 'a')]), cache)).toBe('unchanged');
    expect(await syncLeadPin(server([serverPin(2, 'b')]), cache)).toBe('adopted');
    expect(cache.held()).toMatchObject({ ...hash('b'), serverVersion: 2 });
  });

  it("replaces a PIN set on this tablet by the checkpoint's when the server already has one", async () => {
    const cache = memoryCache(localPin('mine'));
    const remote = server([serverPin(3, 'theirs')]);
    expect(await syncLeadPin(remote, cache)).toBe('adopted');
    expect(cache.held()?.hashB64).toBe(hash('theirs').hashB64);
    expect(remote.pushed).toEqual([]);
  });

  it("hands the server this tablet's PIN when it has none (a tablet enrolled before), and keeps the version", async () => {
    const cache = memoryCache(localPin('mine'));
    const remote = server([NONE], (h) => Promise.resolve({ ...serverPin(1, 'x'), setBy: 'tablet', hash: h }));
    expect(await syncLeadPin(remote, cache)).toBe('pushed');
    expect(remote.pushed).toEqual([hash('mine')]);
    expect(cache.held()).toMatchObject({ ...hash('mine'), serverVersion: 1 });
  });

  it("takes the other tablet's PIN when its first lead was quicker", async () => {
    const cache = memoryCache(localPin('mine'));
    const remote = server([NONE, serverPin(1, 'quicker')], () =>
      Promise.reject(new LeadPinAlreadySetError(409, 'already set', null)),
    );
    expect(await syncLeadPin(remote, cache)).toBe('adopted');
    expect(cache.held()?.hashB64).toBe(hash('quicker').hashB64);
  });

  it('does nothing while neither has a PIN', async () => {
    const cache = memoryCache();
    expect(await syncLeadPin(server([NONE]), cache)).toBe('unchanged');
    expect(cache.held()).toBeUndefined();
  });
});

describe('createLeadPinSync', () => {
  it('asks the server on every pass, so a change made anywhere arrives with the next sync', async () => {
    const remote = server([serverPin(1, 'a'), serverPin(2, 'b')]);
    const cache = memoryCache();
    const sync = createLeadPinSync({ remote, cache });
    await sync.run();
    await sync.run();
    expect(remote.gets).toHaveBeenCalledTimes(2);
    expect(cache.held()?.serverVersion).toBe(2);
  });
});
