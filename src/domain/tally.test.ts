// The daily report as a shift lead reads it: which checks count on which day and hour, and under which heading.
import { describe, expect, it } from 'vitest';
import { originFromPlate } from './plate.ts';
import { originClass, tallyDay, type DailyTally } from './tally.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import { formatInZone } from './time.ts';
import type { PersonCheck, VehicleCheck } from './vehicle-check.ts';
import { DISPOSITIONS, FLAGS, type Disposition, type Flag } from './vocabulary.ts';

const CHECKPOINT = 'cp-loudi-east';
const GENERATED_AT = '2026-11-29T09:00:00+08:00';
const context = {
  checkpointId: CHECKPOINT,
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南省',
  city: '娄底市',
  generatedAt: GENERATED_AT,
};

const person = (overrides?: Partial<PersonCheck>): PersonCheck => samplePersonCheck({ codeDigest: null, ...overrides });

let serial = 0;
const check = (overrides?: Partial<VehicleCheck>): VehicleCheck => {
  serial += 1;
  const id = `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`;
  return sampleVehicleCheck(
    { id, checkpointId: CHECKPOINT, deviceId: 'tablet-1' },
    { shiftId: 'shift-a', persons: [person()], ...overrides },
  );
};

const tally = (checks: VehicleCheck[]): DailyTally => tallyDay(checks, context);

describe('tallyDay', () => {
  it('answers an empty day with every heading at zero and 24 hour rows', () => {
    const result = tally([]);
    expect(result).toMatchObject({ checkpointId: CHECKPOINT, date: '2026-11-28', timezone: 'Asia/Shanghai' });
    expect(result.vehicles).toBe(0);
    expect(result.persons).toBe(0);
    expect(result.vehiclesByType).toEqual({ car: 0, bus: 0, truck: 0, van: 0, motorcycle: 0, other: 0 });
    expect(result.vehiclesByOrigin).toEqual({ local: 0, 'in-province': 0, 'out-of-province': 0 });
    expect(Object.keys(result.flags)).toEqual([...FLAGS]);
    expect(Object.values(result.flags).every((n) => n === 0)).toBe(true);
    expect(Object.keys(result.personDispositions)).toEqual([...DISPOSITIONS]);
    expect(Object.keys(result.vehicleDispositions)).toEqual([...DISPOSITIONS]);
    expect(result.byHour).toEqual(Array.from({ length: 24 }, (_, hour) => ({ hour, vehicles: 0, persons: 0 })));
    expect(result.byTeam).toEqual({});
    expect(result.devices).toBe(0);
    expect(result.generatedAt).toBe(GENERATED_AT);
    expect(result.newestCompletedAt).toBeNull();
  });

  it.each([
    ['00:00:00 local (+08:00)', '2026-11-28T00:00:00+08:00', true, 0],
    ['00:00:00 local (Z)', '2026-11-27T16:00:00Z', true, 0],
    ['23:59:59 local (+08:00)', '2026-11-28T23:59:59+08:00', true, 23],
    ['23:59:59 local (Z)', '2026-11-28T15:59:59Z', true, 23],
    ['23:59:59 the day before (+08:00)', '2026-11-27T23:59:59+08:00', false, null],
    ['23:59:59 the day before (Z)', '2026-11-27T15:59:59Z', false, null],
    ['00:00:00 the day after (+08:00)', '2026-11-29T00:00:00+08:00', false, null],
    ['00:00:00 the day after (Z)', '2026-11-28T16:00:00Z', false, null],
    ['08:30 local, sent from another offset', '2026-11-28T01:30:00+01:00', true, 8],
  ])('a check completed at %s counts on this day: %s, hour %s', (_label, completedAt, counts, hour) => {
    const result = tally([check({ completedAt })]);
    expect(result.vehicles).toBe(counts ? 1 : 0);
    expect(result.persons).toBe(counts ? 1 : 0);
    const busyHours = result.byHour.filter((row) => row.vehicles > 0).map((row) => row.hour);
    expect(busyHours).toEqual(hour === null ? [] : [hour]);
  });

  it('days follow the checkpoint zone, not UTC', () => {
    const completedAt = '2026-11-28T20:00:00Z'; // 2026-11-29 04:00 in Shanghai, 2026-11-28 15:00 in New York
    expect(tallyDay([check({ completedAt })], { ...context, date: '2026-11-28' }).vehicles).toBe(0);
    expect(tallyDay([check({ completedAt })], { ...context, date: '2026-11-29' }).byHour[4]).toEqual({
      hour: 4,
      vehicles: 1,
      persons: 1,
    });
    const newYork = tallyDay([check({ completedAt })], { ...context, timeZone: 'America/New_York' });
    expect(newYork.byHour[15]).toEqual({ hour: 15, vehicles: 1, persons: 1 });
    expect(newYork.timezone).toBe('America/New_York');
  });

  it.each([
    // New York leaves daylight time on 2026-11-01 at 02:00 EDT (06:00Z): 01:00–01:59 happens twice.
    ['2026-11-01', '2026-11-01T04:00:00Z', 0],
    ['2026-11-01', '2026-11-01T05:59:59Z', 1],
    ['2026-11-01', '2026-11-01T06:00:00Z', 1],
    ['2026-11-01', '2026-11-01T07:00:00Z', 2],
    ['2026-11-01', '2026-11-02T04:59:59Z', 23],
    ['2026-11-02', '2026-11-02T05:00:00Z', 0],
    ['2026-10-31', '2026-11-01T03:59:59Z', 23],
    // …and enters it on 2026-03-08 at 02:00 EST (07:00Z): the clock jumps to 03:00.
    ['2026-03-08', '2026-03-08T06:59:59.500Z', 1],
    ['2026-03-08', '2026-03-08T07:00:00Z', 3],
    ['2026-03-08', '2026-03-09T03:59:59Z', 23],
    ['2026-03-09', '2026-03-09T04:00:00Z', 0],
  ])('in a zone with daylight time, counts on %s a check completed at %s, hour %s', (date, completedAt, hour) => {
    const zone = { ...context, timeZone: 'America/New_York', date };
    const alone = tallyDay([check({ completedAt })], zone);
    expect(alone.vehicles).toBe(1);
    expect(alone.byHour.filter((row) => row.vehicles > 0).map((row) => row.hour)).toEqual([hour]);
    // Neighbours in the same and nearby quarter hours, against the zone's wall clock formatted one by one.
    const around = [-3_600_000, -600_000, -1000, 0, 1000, 600_000, 3_600_000].map(
      (deltaMs) => Date.parse(completedAt) + deltaMs,
    );
    const result = tallyDay(
      around.map((ms) => check({ completedAt: new Date(ms).toISOString() })),
      zone,
    );
    const expectedHours = Array.from({ length: 24 }, () => 0);
    for (const ms of around) {
      const wall = formatInZone(ms, 'America/New_York');
      const hourOfWall = Number(wall.slice(11, 13));
      if (wall.startsWith(date)) expectedHours[hourOfWall] = (expectedHours[hourOfWall] ?? 0) + 1;
    }
    expect(result.byHour.map((row) => row.vehicles)).toEqual(expectedHours);
  });

  it('places checks right around an offset change that is not on a quarter hour', () => {
    // Liberia moved from −00:44:30 to UTC at 1972-01-07T00:44:30Z, mid-way through a quarter hour.
    const zone = { ...context, timeZone: 'Africa/Monrovia' };
    const checks = [
      check({ completedAt: '1972-01-07T00:30:00Z' }),
      check({ completedAt: '1972-01-07T00:44:30Z', team: 'B' }),
    ];
    expect(tallyDay(checks, { ...zone, date: '1972-01-06' }).byTeam).toEqual({ A: { vehicles: 1, persons: 1 } });
    const after = tallyDay(checks, { ...zone, date: '1972-01-07' });
    expect(after.byTeam).toEqual({ B: { vehicles: 1, persons: 1 } });
    expect(after.byHour[0]).toEqual({ hour: 0, vehicles: 1, persons: 1 });
  });

  it('counts a check once, at its highest rev and with that rev’s content, in any order', () => {
    const first = check({ persons: [person()], disposition: 'release' });
    const amended: VehicleCheck = {
      ...first,
      rev: 2,
      team: 'B',
      vehicle: { ...first.vehicle, type: 'truck' },
      persons: [person({ flags: ['fever'], disposition: 'fever-clinic' }), person({ role: 'passenger' })],
      disposition: 'fever-clinic',
    };
    for (const order of [
      [first, amended],
      [amended, first],
      [first, amended, first, amended],
    ]) {
      const result = tally(order);
      expect(result.vehicles).toBe(1);
      expect(result.persons).toBe(2);
      expect(result.vehiclesByType).toMatchObject({ car: 0, truck: 1 });
      expect(result.flags.fever).toBe(1);
      expect(result.vehicleDispositions).toMatchObject({ release: 0, 'fever-clinic': 1 });
      expect(result.personDispositions).toMatchObject({ release: 1, 'fever-clinic': 1 });
      expect(result.byTeam).toEqual({ B: { vehicles: 1, persons: 2 } });
    }
  });

  it('counts an amended check on the day of its newest completedAt only', () => {
    const first = check({ completedAt: '2026-11-28T23:50:00+08:00' });
    const amended = { ...first, rev: 2, completedAt: '2026-11-29T00:10:00+08:00' };
    expect(tally([first, amended]).vehicles).toBe(0);
    expect(tallyDay([first, amended], { ...context, date: '2026-11-29' }).vehicles).toBe(1);
  });

  it.each(FLAGS.map((flag) => [flag]))('counts persons flagged %s, once each', (flag: Flag) => {
    const result = tally([
      check({
        persons: [
          person({ flags: [flag, flag] }),
          person({ role: 'passenger', flags: [flag, 'fever'] }),
          person({ role: 'passenger' }),
        ],
      }),
    ]);
    const expected = Object.fromEntries(FLAGS.map((f) => [f, 0]));
    expected[flag] = 2;
    if (flag !== 'fever') expected['fever'] = 1;
    expect(result.flags).toEqual(expected);
  });

  it.each(DISPOSITIONS.map((disposition) => [disposition]))(
    'counts vehicles and persons given %s',
    (disposition: Disposition) => {
      const result = tally([
        check({ persons: [person({ disposition }), person({ role: 'passenger', disposition })], disposition }),
        check({ persons: [person()], disposition: 'release' }),
      ]);
      const vehicleCounts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0]));
      const personCounts = Object.fromEntries(DISPOSITIONS.map((d) => [d, 0]));
      vehicleCounts[disposition] = (vehicleCounts[disposition] ?? 0) + 1;
      vehicleCounts['release'] = (vehicleCounts['release'] ?? 0) + 1;
      personCounts[disposition] = (personCounts[disposition] ?? 0) + 2;
      personCounts['release'] = (personCounts['release'] ?? 0) + 1;
      expect(result.vehicleDispositions).toEqual(vehicleCounts);
      expect(result.personDispositions).toEqual(personCounts);
    },
  );

  it.each([
    ['the checkpoint city', { province: '湖南', city: '娄底' }, 'local'],
    ['the checkpoint city, full names', { province: '湖南省', city: '娄底市' }, 'local'],
    ['another city of the province', { province: '湖南', city: '长沙' }, 'in-province'],
    ['a prefecture of the province', { province: '湖南省', city: '湘西土家族苗族自治州' }, 'in-province'],
    ['a city of the same name in another province', { province: '广东', city: '娄底' }, 'out-of-province'],
    ['another province', { province: '广东省', city: '深圳市' }, 'out-of-province'],
    ['an unknown origin', { province: '', city: '' }, 'out-of-province'],
  ] as const)('classes a vehicle from %s', (_label, origin, expected) => {
    const base = check();
    const result = tally([check({ vehicle: { ...base.vehicle, origin } })]);
    expect(result.vehiclesByOrigin).toEqual({ local: 0, 'in-province': 0, 'out-of-province': 0, [expected]: 1 });
  });

  it.each([
    // A checkpoint configured in any province, and the origins its plates prefill.
    [{ province: '广东省', city: '深圳市' }, '粤B12345', 'local'],
    [{ province: '广东', city: '深圳' }, '粤BD12345', 'local'],
    [{ province: '广东省', city: '深圳市' }, '粤A12345', 'in-province'],
    [{ province: '广东省', city: '深圳市' }, '粤Z1234港', 'in-province'],
    [{ province: '广东省', city: '深圳市' }, '湘A12345', 'out-of-province'],
    [{ province: '江苏省', city: '苏州市' }, '苏U12345', 'local'],
    [{ province: '浙江省', city: '杭州市' }, '浙A12345', 'local'],
    [{ province: '内蒙古自治区', city: '兴安盟' }, '蒙F12345', 'local'],
    [{ province: '内蒙古自治区', city: '兴安盟' }, '蒙A12345', 'in-province'],
    [{ province: '新疆维吾尔自治区', city: '巴音郭楞蒙古自治州' }, '新M12345', 'local'],
    [{ province: '湖北省', city: '恩施土家族苗族自治州' }, '鄂Q12345', 'local'],
    [{ province: '海南省', city: '琼海市' }, '琼C12345', 'in-province'],
    [{ province: '北京市', city: '北京市' }, '京A12345', 'local'],
    [{ province: '北京市', city: '大兴区' }, '京Q12345', 'local'],
    [{ province: '北京市', city: '大兴区' }, '冀F12345', 'out-of-province'],
    [{ province: '重庆市', city: '万州区' }, '渝A12345', 'local'],
  ] as const)('at a checkpoint in %o, a vehicle with plate %s is %s', (checkpoint, plate, expected) => {
    const origin = originFromPlate(plate);
    if (origin === null) throw new Error(`no origin for ${plate}`);
    expect(originClass(origin, checkpoint)).toBe(expected);
  });

  it('counts any origin in a municipality as local at a checkpoint there, whatever district either names', () => {
    const beijing = { ...context, province: '北京市', city: '大兴区' };
    const base = check();
    const from = (province: string, city: string) =>
      check({ vehicle: { ...base.vehicle, origin: { province, city } } });
    const result = tallyDay(
      [from('北京', '北京'), from('北京市', '朝阳区'), from('北京', ''), from('河北省', '廊坊市'), from('', '')],
      beijing,
    );
    expect(result.vehiclesByOrigin).toEqual({ local: 3, 'in-province': 0, 'out-of-province': 2 });
  });

  it('counts vehicles by type, persons, teams, hours and contributing tablets', () => {
    const base = check();
    const checks = [
      check({ team: 'A', deviceId: 'tablet-1', completedAt: '2026-11-28T08:10:00+08:00' }),
      check({
        team: 'A',
        deviceId: 'tablet-2',
        completedAt: '2026-11-28T08:50:00+08:00',
        vehicle: { ...base.vehicle, type: 'bus' },
        persons: [person(), person({ role: 'passenger' }), person({ role: 'passenger' })],
      }),
      check({
        team: 'B',
        deviceId: 'tablet-2',
        completedAt: '2026-11-28T21:00:00+08:00',
        vehicle: { ...base.vehicle, type: 'motorcycle' },
      }),
      // Another checkpoint's check (an admin export mixed in) is not this checkpoint's day.
      check({ checkpointId: 'cp-other', deviceId: 'tablet-9', team: 'C' }),
    ];
    const result = tally(checks);
    expect(result.vehicles).toBe(3);
    expect(result.persons).toBe(5);
    expect(result.vehiclesByType).toEqual({ car: 1, bus: 1, truck: 0, van: 0, motorcycle: 1, other: 0 });
    expect(result.byTeam).toEqual({ A: { vehicles: 2, persons: 4 }, B: { vehicles: 1, persons: 1 } });
    expect(result.byHour.filter((row) => row.vehicles > 0)).toEqual([
      { hour: 8, vehicles: 2, persons: 4 },
      { hour: 21, vehicles: 1, persons: 1 },
    ]);
    expect(result.devices).toBe(2);
    expect(result.newestCompletedAt).toBe('2026-11-28T21:00:00+08:00');
  });

  it('counts each flagged person once, however many flags they carry, beside the count per flag', () => {
    const checks = [
      check({
        persons: [
          person({ flags: ['yellow-code', 'fever'] }),
          person({ role: 'passenger', flags: ['fever'] }),
          person({ role: 'passenger' }),
        ],
      }),
      check({ persons: [person()] }),
    ];
    const result = tally(checks);
    expect(result.flaggedPersons).toBe(2);
    expect(result.flags.fever).toBe(2);
    expect(result.flags['yellow-code']).toBe(1);
  });

  it('names the newest check by instant, whatever offset it was sent with', () => {
    const result = tally([
      check({ completedAt: '2026-11-28T21:00:00+08:00' }),
      check({ completedAt: '2026-11-28T13:30:00Z' }), // 21:30 in Shanghai
      check({ completedAt: '2026-11-28T22:00:00+09:00' }), // 21:00 in Shanghai
    ]);
    expect(result.newestCompletedAt).toBe('2026-11-28T13:30:00Z');
  });

  it('lists the tablets whose clocks were off that day: name, largest skew either way, checks made meanwhile', () => {
    const on = (deviceId: string, time: string, clockSkewSeconds?: number) =>
      check({
        deviceId,
        completedAt: `2026-11-28T${time}+08:00`,
        ...(clockSkewSeconds === undefined ? {} : { clockSkewSeconds }),
      });
    const amended = on('tablet-2', '09:00:00', -400);
    const result = tallyDay(
      [
        on('tablet-1', '08:00:00', -418),
        on('tablet-1', '08:10:00', -425),
        on('tablet-1', '08:20:00', 300),
        // Its clock was set: checks after the next sync carry nothing.
        on('tablet-1', '10:00:00'),
        amended,
        // Amended: the newest rev says what the check recorded.
        { ...amended, rev: 2, clockSkewSeconds: -900 },
        // Within two minutes: not a clock that is off, whoever sent it.
        on('tablet-3', '11:00:00', 119),
        on('tablet-3', '11:30:00', -60),
        // Another day's.
        check({ deviceId: 'tablet-4', completedAt: '2026-11-29T00:00:01+08:00', clockSkewSeconds: 600 }),
      ],
      { ...context, deviceNames: new Map([['tablet-1', '3号平板']]) },
    );
    expect(result.skewedClocks).toEqual([
      { deviceId: 'tablet-2', deviceName: null, largestSkewSeconds: -900, checks: 1 },
      { deviceId: 'tablet-1', deviceName: '3号平板', largestSkewSeconds: -425, checks: 3 },
    ]);
    expect(tally([check()]).skewedClocks).toEqual([]);
  });
});
