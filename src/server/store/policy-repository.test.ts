import { expect, it } from 'vitest';
import { ZodError } from 'zod';
import { DEFAULT_POLICY } from '../../domain/policy.ts';
import type { PolicyDraft } from './policy-repository.ts';
import { PolicyVersionConflictError } from './store-errors.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';

const DRAFT: PolicyDraft = { ...DEFAULT_POLICY, version: undefined };

forEachStore('policy repository', ({ store, clock }) => {
  it('after migration, DEFAULT_POLICY is version 1 and current', async () => {
    expect(await store().policies.get(1)).toEqual(DEFAULT_POLICY);
    expect(await store().policies.current()).toEqual(DEFAULT_POLICY);
    expect(await store().policies.get(2)).toBeUndefined();
  });

  it('publishing assigns the next version, which becomes current once in effect', async () => {
    const effectiveFrom = new Date(clock().now() + 3_600_000).toISOString();
    const published = await store().policies.publish({ ...DRAFT, effectiveFrom, feverThresholdC: 37.5 });
    expect(published).toMatchObject({ version: 2, feverThresholdC: 37.5, effectiveFrom });
    expect(await store().policies.get(2)).toEqual(published);

    expect((await store().policies.current()).version).toBe(1);
    clock().advance(3_600_000);
    expect(await store().policies.current()).toEqual(published);
  });

  it('compares effective times as instants, whatever their offsets', async () => {
    // 08:30+08:00 is 00:30Z: before 01:00Z although its text sorts after it.
    await store().policies.publish({ ...DRAFT, effectiveFrom: '2026-12-01T08:30:00+08:00' });
    await store().policies.publish({ ...DRAFT, effectiveFrom: '2026-12-01T01:00:00Z' });
    expect((await store().policies.current('2026-12-01T00:45:00Z')).version).toBe(2);
    expect((await store().policies.current('2026-12-01T01:00:00Z')).version).toBe(3);
  });

  it('before any policy is in effect, the highest version is current', async () => {
    await store().policies.publish({ ...DRAFT, effectiveFrom: '2030-01-01T00:00:00+08:00' });
    expect((await store().policies.current('2020-01-01T00:00:00Z')).version).toBe(2);
  });

  it('a draft naming a version other than the next one is refused, and nothing is stored', async () => {
    await expect(store().policies.publish({ ...DRAFT, version: 3 })).rejects.toThrow(PolicyVersionConflictError);
    expect(await store().policies.get(3)).toBeUndefined();
    expect((await store().policies.publish({ ...DRAFT, version: 2 })).version).toBe(2);
  });

  it('an invalid policy is refused with the schema error', async () => {
    const draft = { ...DRAFT, allowedDispositions: { ...DRAFT.allowedDispositions, car: ['turn-back' as const] } };
    await expect(store().policies.publish(draft)).rejects.toThrow(ZodError);
    expect(await store().policies.get(2)).toBeUndefined();
  });
});
