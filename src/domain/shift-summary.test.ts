// The hand-over summary on crafted shifts: other shifts ignored, revisions counted once, every flag, the open
// flagged persons masked, and what has not reached the server.
import { describe, expect, it } from 'vitest';
import { summarizeShift, type ShiftCheck, type ShiftCheckSyncState } from './shift-summary.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import type { PersonCheck, VehicleCheck } from './vehicle-check.ts';
import { FLAGS } from './vocabulary.ts';

const SHIFT = 'shift-b-2026-11-28';
let serial = 0;

function check(overrides: Partial<VehicleCheck> = {}): VehicleCheck {
  serial += 1;
  return sampleVehicleCheck(
    { id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`, checkpointId: 'cp-1', deviceId: 'tablet-3' },
    { shiftId: SHIFT, ...overrides },
  );
}

const stored = (c: VehicleCheck, syncState: ShiftCheckSyncState = 'synced'): ShiftCheck => ({ check: c, syncState });

const held: PersonCheck = samplePersonCheck({
  role: 'passenger',
  codeColor: 'red',
  flags: ['red-code', 'fever', 'red-code'],
  disposition: 'hold',
  registration: { name: '王芳', idNumber: '430102198512120027', phone: '13812345678' },
});

describe('summarizeShift', () => {
  it('is all zeros for a shift without checks', () => {
    const summary = summarizeShift([stored(check({ shiftId: 'another' }))], SHIFT);
    expect(summary).toMatchObject({
      vehicles: 0,
      persons: 0,
      flaggedPersons: 0,
      unsynced: 0,
      rejected: 0,
      firstCompletedAt: null,
      openPersons: [],
    });
    expect(Object.values(summary.flags).every((n) => n === 0)).toBe(true);
  });

  it('counts vehicles, persons, types and dispositions of this shift only, each check once at its highest rev', () => {
    const car = check();
    const bus = check({
      vehicle: { ...car.vehicle, plate: '湘A88888', type: 'bus' },
      persons: [
        samplePersonCheck(),
        samplePersonCheck({ role: 'passenger' }),
        samplePersonCheck({ role: 'passenger' }),
      ],
      completedAt: '2026-11-28T09:30:00+08:00',
    });
    const amended = { ...bus, rev: 2, persons: [samplePersonCheck(), held], disposition: 'hold' as const };
    const summary = summarizeShift(
      [stored(car), stored(bus), stored(amended, 'pending'), stored(check({ shiftId: 'other' }))],
      SHIFT,
    );

    expect(summary.vehicles).toBe(2);
    expect(summary.persons).toBe(3);
    expect(summary.vehiclesByType).toMatchObject({ car: 1, bus: 1, truck: 0 });
    expect(summary.vehicleDispositions).toMatchObject({ release: 1, hold: 1 });
    expect(summary.personDispositions).toMatchObject({ release: 2, hold: 1 });
    // The sync state of the highest rev: the amendment waits to be sent.
    expect(summary.unsynced).toBe(1);
    expect(summary.rejected).toBe(0);
  });

  it('counts every flag once per person, and the persons with any flag', () => {
    const everyFlag = samplePersonCheck({ flags: [...FLAGS], disposition: 'fever-clinic' });
    const summary = summarizeShift([stored(check({ persons: [everyFlag, held, samplePersonCheck()] }))], SHIFT);
    for (const flag of FLAGS) expect(summary.flags[flag], flag).toBe(flag === 'red-code' || flag === 'fever' ? 2 : 1);
    expect(summary.flaggedPersons).toBe(2);
  });

  it('lists held and sampled persons, oldest first, with plate, time, flags and masked registration only', () => {
    const sampled = samplePersonCheck({
      flags: ['no-valid-test'],
      disposition: 'sample-on-site',
      registration: { name: '李强', idNumber: '430102198001010011', phone: '' },
    });
    const later = check({ completedAt: '2026-11-28T10:00:00+08:00', persons: [held] });
    const earlier = check({
      completedAt: '2026-11-28T08:10:00+08:00',
      vehicle: { ...later.vehicle, plate: '湘K00001' },
      persons: [samplePersonCheck(), sampled, samplePersonCheck({ flags: ['fever'], disposition: 'fever-clinic' })],
    });
    const summary = summarizeShift([stored(later), stored(earlier)], SHIFT);

    expect(summary.openPersons).toEqual([
      {
        checkId: earlier.id,
        plate: '湘K00001',
        completedAt: '2026-11-28T08:10:00+08:00',
        role: 'driver',
        flags: ['no-valid-test'],
        disposition: 'sample-on-site',
        name: '李强',
        idNumberMasked: '430102********0011',
        phoneMasked: null,
      },
      {
        checkId: later.id,
        plate: '湘K12345',
        completedAt: '2026-11-28T10:00:00+08:00',
        role: 'passenger',
        flags: ['red-code', 'fever'],
        disposition: 'hold',
        name: '王芳',
        idNumberMasked: '430102********0027',
        phoneMasked: '138****5678',
      },
    ]);
    expect(JSON.stringify(summary)).not.toContain('430102198512120027');
    expect(JSON.stringify(summary)).not.toContain('13812345678');
  });

  it('keeps a shift across midnight whole, and names its first and last check', () => {
    const night = [
      check({ completedAt: '2026-11-28T23:59:59+08:00' }),
      check({ completedAt: '2026-11-29T00:00:00+08:00' }),
      check({ completedAt: '2026-11-29T07:59:00+08:00' }),
    ];
    const summary = summarizeShift(night.map((c) => stored(c)).reverse(), SHIFT);
    expect(summary.vehicles).toBe(3);
    expect(summary.firstCompletedAt).toBe('2026-11-28T23:59:59+08:00');
    expect(summary.lastCompletedAt).toBe('2026-11-29T07:59:00+08:00');
  });

  it('counts checks refused by the server apart from those waiting to be sent', () => {
    const summary = summarizeShift(
      [stored(check(), 'pending'), stored(check(), 'rejected'), stored(check(), 'synced')],
      SHIFT,
    );
    expect(summary).toMatchObject({ vehicles: 3, unsynced: 1, rejected: 1 });
  });
});
