// The domain's daily tally is what the wire format carries: an empty day and a busy one both validate.
import { describe, expect, it } from 'vitest';
import { tallyDay } from '../domain/tally.ts';
import { samplePersonCheck, sampleVehicleCheck } from '../../tests/support/domain/sample-checks.ts';
import { DEFAULT_TIME_ZONE } from '../domain/time.ts';
import { dailyTallySchema } from './tally.ts';

const context = {
  checkpointId: 'cp-loudi-east',
  date: '2026-11-28',
  timeZone: DEFAULT_TIME_ZONE,
  province: '湖南省',
  city: '娄底市',
  generatedAt: '2026-11-29T09:00:00+08:00',
};

describe('dailyTallySchema', () => {
  it('accepts the tally of a day without checks: every heading at zero, 24 hour rows', () => {
    const tally = tallyDay([], context);
    expect(dailyTallySchema.parse(tally)).toEqual(tally);
  });

  it('accepts the tally of a day with a flagged person', () => {
    const flagged = samplePersonCheck({ codeColor: 'yellow', flags: ['yellow-code'], disposition: 'turn-back' });
    const check = sampleVehicleCheck(
      { id: '00000000-0000-4000-8000-000000000001', checkpointId: context.checkpointId, deviceId: 'tablet-1' },
      { persons: [flagged], disposition: 'turn-back' },
    );
    const tally = tallyDay([check], context);
    expect(tally.flags['yellow-code']).toBe(1);
    expect(dailyTallySchema.parse(tally)).toEqual(tally);
  });
});
