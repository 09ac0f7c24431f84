import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCheckRepository, type CheckRepository } from '../db/check-repository.ts';
import { createLeadPinRepository } from '../db/lead-pin-repository.ts';
import type { KakouDatabase } from '../db/database.ts';
import {
  createSettingsRepository,
  UNENROLLED_CHECKPOINT_ID,
  type SettingsRepository,
} from '../db/settings-repository.ts';
import { makeVehicleCheck, openTestDatabase } from '../../tests/support/db/fixtures.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { enrollTablet } from './enroll-tablet.ts';
import { EnrollmentError, type FetchLike } from './transport.ts';

const SERVER = 'http://10.0.0.5:8080';
const NOW = 1_795_000_000_000;
const ENROLLED = {
  deviceId: 'dev-server-7',
  token: 'secret-token',
  checkpoint: { id: 'cp-lou-01', name: '娄底收费站', province: '湖南', city: '娄底', timezone: 'Asia/Shanghai' },
};
const PUBLISHED = { ...DEFAULT_POLICY, version: 3 };

let db: KakouDatabase;
let checks: CheckRepository;
let settings: SettingsRepository;

beforeEach(() => {
  db = openTestDatabase();
  checks = createCheckRepository(db);
  settings = createSettingsRepository(db);
});

afterEach(async () => {
  await db.delete();
});

function server(policy: 'ok' | 'down' = 'ok') {
  return vi.fn<FetchLike>((url) => {
    if (url.endsWith('/api/v1/devices')) return Promise.resolve(Response.json(ENROLLED, { status: 201 }));
    if (policy === 'ok') return Promise.resolve(Response.json(PUBLISHED));
    return Promise.reject(new TypeError('Failed to fetch'));
  });
}

describe('enrollTablet', () => {
  it('stores the server, token and checkpoint, adopts checks saved before, and caches the policy', async () => {
    const early = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID, deviceId: 'local-uuid' });
    await checks.saveCompleted(early, { timeZone: 'Asia/Shanghai', now: NOW });

    const result = await enrollTablet(
      { serverUrl: SERVER, enrollmentCode: 'K7QX-2MVP-9RTD-XXXX', deviceName: ' 3号平板 ' },
      { checks, settings, fetch: server(), now: () => NOW },
    );

    expect(result).toMatchObject({ adopted: 1, policyFetched: true });
    expect(await settings.get('device')).toEqual({
      checkpointId: 'cp-lou-01',
      checkpointName: '娄底收费站',
      province: '湖南',
      city: '娄底',
      timeZone: 'Asia/Shanghai',
      deviceId: 'dev-server-7',
      deviceName: '3号平板',
      serverUrl: SERVER,
      token: 'secret-token',
      enrolledAt: NOW,
    });
    expect((await checks.get(early.id))?.check).toMatchObject({ checkpointId: 'cp-lou-01', deviceId: 'dev-server-7' });
    expect(await settings.get('policy')).toEqual(PUBLISHED);
  });

  it('stores the first lead PIN hashed, and only once the server has enrolled the tablet', async () => {
    const refused = vi.fn<FetchLike>(() =>
      Promise.resolve(Response.json({ title: 'Unauthorized', status: 401, detail: 'unknown code' }, { status: 401 })),
    );
    await expect(
      enrollTablet(
        { serverUrl: SERVER, enrollmentCode: 'WRONG', deviceName: 'n', leadPin: '482913' },
        { checks, settings, fetch: refused, now: () => NOW },
      ),
    ).rejects.toBeInstanceOf(EnrollmentError);
    expect(await settings.get('leadPin')).toBeUndefined();

    const fetch = server();
    await enrollTablet(
      { serverUrl: SERVER, enrollmentCode: 'K7QX', deviceName: 'n', leadPin: '482913' },
      { checks, settings, fetch, now: () => NOW, leadPins: createLeadPinRepository(settings, { iterations: 1000 }) },
    );
    expect(await settings.get('leadPin')).toMatchObject({ algorithm: 'PBKDF2-SHA-256', setAt: NOW });
    expect(JSON.stringify(await settings.get('leadPin'))).not.toContain('482913');
    // The PIN never leaves the tablet.
    expect(JSON.stringify(fetch.mock.calls)).not.toContain('482913');
    await expect(createLeadPinRepository(settings).verify('482913', NOW)).resolves.toEqual({ kind: 'accepted' });
  });

  it('is enrolled even when the policy cannot be fetched yet', async () => {
    const result = await enrollTablet(
      { serverUrl: SERVER, enrollmentCode: 'K7QX', deviceName: 'n' },
      { checks, settings, fetch: server('down'), now: () => NOW },
    );

    expect(result.policyFetched).toBe(false);
    expect((await settings.get('device'))?.token).toBe('secret-token');
    expect(await settings.get('policy')).toBeUndefined();
  });

  it('stores nothing when the server refuses the code', async () => {
    const early = makeVehicleCheck({ checkpointId: UNENROLLED_CHECKPOINT_ID });
    await checks.saveCompleted(early, { timeZone: 'Asia/Shanghai', now: NOW });
    const fetch = vi.fn<FetchLike>(() =>
      Promise.resolve(Response.json({ title: 'Unauthorized', status: 401, detail: 'unknown code' }, { status: 401 })),
    );

    await expect(
      enrollTablet(
        { serverUrl: SERVER, enrollmentCode: 'WRONG', deviceName: 'n' },
        { checks, settings, fetch, now: () => NOW },
      ),
    ).rejects.toBeInstanceOf(EnrollmentError);

    expect(await settings.get('device')).toBeUndefined();
    expect((await checks.get(early.id))?.check.checkpointId).toBe(UNENROLLED_CHECKPOINT_ID);
  });
});
