import { describe, expect, it } from 'vitest';
import { vehicleCheckSchema } from '../../../src/contract/vehicle-check.ts';
import { makePersonCheck, makeVehicleCheck } from './fixtures.ts';

describe('makeVehicleCheck', () => {
  it('builds a check the wire schema accepts, with a new id each time', () => {
    const a = makeVehicleCheck();
    const b = makeVehicleCheck({ rev: 2, persons: [makePersonCheck(), makePersonCheck({ role: 'passenger' })] });
    expect(vehicleCheckSchema.safeParse(a).error).toBeUndefined();
    expect(vehicleCheckSchema.safeParse(b).error).toBeUndefined();
    expect(a.id).not.toBe(b.id);
  });
});
