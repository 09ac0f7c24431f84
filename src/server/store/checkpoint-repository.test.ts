import { expect, it } from 'vitest';
import { StoreInputError } from './store-errors.ts';
import { forEachStore } from '../../../tests/support/server/store/stores.ts';
import { canonicalEnrollmentCode } from './tokens.ts';

const LOUDI = { name: '娄底东卡口', province: '湖南', city: '娄底' };

forEachStore('checkpoint repository', ({ store }) => {
  it('creates a checkpoint in Asia/Shanghai by default and finds it by its enrollment code as typed', async () => {
    const { checkpoint, enrollmentCode } = await store().checkpoints.create(LOUDI);
    expect(checkpoint).toMatchObject({ ...LOUDI, timezone: 'Asia/Shanghai' });
    expect(await store().checkpoints.get(checkpoint.id)).toEqual(checkpoint);
    expect(await store().checkpoints.findByEnrollmentCode(enrollmentCode)).toEqual(checkpoint);
    const typed = canonicalEnrollmentCode(enrollmentCode).toLowerCase();
    expect(await store().checkpoints.findByEnrollmentCode(typed)).toEqual(checkpoint);
  });

  it('finds nothing for a wrong or empty code', async () => {
    const { enrollmentCode } = await store().checkpoints.create(LOUDI);
    const wrong = enrollmentCode.replace(/^./u, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await store().checkpoints.findByEnrollmentCode(wrong)).toBeUndefined();
    expect(await store().checkpoints.findByEnrollmentCode('')).toBeUndefined();
    expect(await store().checkpoints.findByEnrollmentCode('---')).toBeUndefined();
  });

  it('keeps only a hash of the enrollment code', async () => {
    const { enrollmentCode } = await store().checkpoints.create(LOUDI);
    const rows = await store().db.selectFrom('checkpoints').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(enrollmentCode);
    expect(dump).not.toContain(canonicalEnrollmentCode(enrollmentCode));
  });

  it('rotating the code makes the old one stop working at once', async () => {
    const { checkpoint, enrollmentCode: old } = await store().checkpoints.create(LOUDI);
    const fresh = await store().checkpoints.rotateEnrollmentCode(checkpoint.id);
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(old);
    expect(await store().checkpoints.findByEnrollmentCode(old)).toBeUndefined();
    expect(await store().checkpoints.findByEnrollmentCode(fresh ?? '')).toEqual(checkpoint);
  });

  it('rotating the code of an unknown checkpoint says so', async () => {
    expect(await store().checkpoints.rotateEnrollmentCode('no-such-checkpoint')).toBeUndefined();
  });

  it('refuses an unknown time zone or an empty name', async () => {
    await expect(store().checkpoints.create({ ...LOUDI, timezone: 'Mars/Olympus' })).rejects.toThrow(StoreInputError);
    await expect(store().checkpoints.create({ ...LOUDI, name: '  ' })).rejects.toThrow(StoreInputError);
    expect(await store().checkpoints.count()).toBe(0);
  });

  it('keeps the county a checkpoint stands in, named at creation or later, and refuses what is no county code', async () => {
    const { checkpoint } = await store().checkpoints.create({ ...LOUDI, countyCode: '431302' });
    expect(checkpoint.countyCode).toBe('431302');
    expect((await store().checkpoints.get(checkpoint.id))?.countyCode).toBe('431302');
    expect(await store().checkpoints.setCountyCode(checkpoint.id, '431321')).toBe(true);
    expect((await store().checkpoints.list())[0]?.countyCode).toBe('431321');
    await expect(store().checkpoints.setCountyCode(checkpoint.id, '4313')).rejects.toThrow(StoreInputError);
    await expect(store().checkpoints.create({ ...LOUDI, countyCode: '双峰县' })).rejects.toThrow(StoreInputError);
    expect(await store().checkpoints.setCountyCode('no-such-checkpoint', '431321')).toBe(false);
    expect((await store().checkpoints.create(LOUDI)).checkpoint.countyCode).toBeNull();
  });

  it('counts checkpoints (the server seeds a demo one on an empty store)', async () => {
    expect(await store().checkpoints.count()).toBe(0);
    await store().checkpoints.create(LOUDI);
    await store().checkpoints.create({ ...LOUDI, name: '双峰卡口', timezone: 'Asia/Urumqi' });
    expect(await store().checkpoints.count()).toBe(2);
  });
});
