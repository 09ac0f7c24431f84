import { expect, it } from 'vitest';
import { sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import { sampleCountyIndex, sampleVillages4313 } from '../../tests/support/domain/sample-divisions.ts';
import { countyIndexChunkSchema, villageChunkSchema } from './divisions.ts';
import { destinationSchema, vehicleCheckSchema } from './vehicle-check.ts';

const place = { province: '湖南', city: '娄底', county: '双峰县', township: '三塘铺镇', village: '黄河村' };

it('takes a destination without codes, as clients before them send it', () => {
  const check = sampleVehicleCheck({ id: '7c1f0e6a-1f0b-4f4e-9a53-3f1f8f0f6a11', checkpointId: 'cp', deviceId: 'd' });
  expect(vehicleCheckSchema.safeParse(check).success).toBe(true);
  expect(destinationSchema.parse(place)).toEqual(place);
});

it('takes the codes beside the names, each beginning with the one above', () => {
  const coded = { ...place, countyCode: '431321', townshipCode: '431321109', villageCode: '431321109203' };
  expect(destinationSchema.parse(coded)).toEqual(coded);
  expect(destinationSchema.parse({ ...place, countyCode: '431321' })).toMatchObject({ countyCode: '431321' });
});

it('refuses codes that contradict each other or are not codes', () => {
  for (const codes of [
    { townshipCode: '431321109' },
    { countyCode: '431302', townshipCode: '431321109' },
    { countyCode: '431321', townshipCode: '431321109', villageCode: '431321101001' },
    { countyCode: '43132X' },
    { countyCode: '431321', villageCode: '431321109203' },
  ]) {
    expect(destinationSchema.safeParse({ ...place, ...codes }).success, JSON.stringify(codes)).toBe(false);
  }
});

it('reads the chunks the build writes, and refuses one that is not', () => {
  expect(countyIndexChunkSchema.parse(sampleCountyIndex)).toEqual(sampleCountyIndex);
  expect(villageChunkSchema.parse(sampleVillages4313)).toEqual(sampleVillages4313);
  expect(villageChunkSchema.safeParse({ ...sampleVillages4313, villages: { '4313': [['1', '村']] } }).success).toBe(
    false,
  );
});
