import { expect, it } from 'vitest';
import {
  memoryDivisionStore,
  sampleDivisionLists,
} from '../../tests/support/features/checkpoint/sample-division-lists.ts';

it('keeps what the checkpoint needs while online, and serves it offline after', async () => {
  const store = memoryDivisionStore();
  const online = sampleDivisionLists({ store });
  expect(await online.warmUp({ countyCode: '431321', province: '湖南', city: '娄底' })).toEqual([
    'counties',
    'townships-43',
    'villages-4313',
  ]);

  const offline = sampleDivisionLists({ store, offline: true });
  const lookup = await offline.lookupFor([
    { province: '湖南', city: '娄底', county: '双峰县', township: '三塘铺镇', village: '黄河村' },
  ]);
  expect(lookup?.village('431321109203')?.name).toBe('黄河村');
  expect(offline.requested).toEqual([]);
  expect(await offline.townships('11')).toBeNull();
  expect(offline.requested).toEqual(['/divisions/cd-2.7.0-1/townships-11.json']);
});

it('finds the prefecture by the names the checkpoint was created with when no county was named', async () => {
  const store = memoryDivisionStore();
  await sampleDivisionLists({ store }).warmUp({ province: '湖南省', city: '娄底' });
  expect(await store.keys('cd-2.7.0-1')).toEqual(['counties', 'townships-43', 'villages-4313']);
});
