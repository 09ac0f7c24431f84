import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUuid } from './random-uuid.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u;

describe('randomUuid', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('makes version 4 UUIDs, each different', () => {
    const ids = new Set(Array.from({ length: 200 }, () => randomUuid()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });

  it('makes them from getRandomValues on an engine without crypto.randomUUID (Chrome 87, Safari 14)', () => {
    const getRandomValues = crypto.getRandomValues.bind(crypto);
    const drawn = vi.fn((array: Uint8Array<ArrayBuffer>) => getRandomValues(array));
    vi.stubGlobal('crypto', { getRandomValues: drawn });
    const ids = new Set(Array.from({ length: 200 }, () => randomUuid()));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(drawn).toHaveBeenCalledTimes(200);
  });
});
