import { describe, expect, it } from 'vitest';
import { SHIFT_PRESETS } from './shift-config-rules.ts';
import {
  DEFAULT_CHECKPOINT_CONFIG,
  receivingTeamFor,
  shiftAt,
  shiftsFrom,
  type CheckpointConfigBody,
} from './shift-schedule.ts';

const SHANGHAI = 'Asia/Shanghai';
const NEW_YORK = 'America/New_York';
const SECOND_MS = 1000;
const HOUR_MS = 3_600_000;

const config = (
  preset: Omit<CheckpointConfigBody, 'rotationAnchor'>,
  rotationAnchor = '2026-11-01',
): CheckpointConfigBody => ({
  teams: [...preset.teams],
  shifts: preset.shifts.map((slot) => ({ ...slot })),
  rotationAnchor,
});

const at = (iso: string, offsetMs: number): string => new Date(Date.parse(iso) + offsetMs).toISOString();

describe('shiftAt: three teams on one 24-hour shift, rotating daily', () => {
  const rotation = config(SHIFT_PRESETS.rotation24h);

  it('gives teams[0] the anchor day from the first shift start, then the next team each day', () => {
    expect(shiftAt(rotation, '2026-11-01T08:00:00+08:00', SHANGHAI)).toEqual({
      team: 'A',
      slotName: '全天',
      slotIndex: 0,
      shiftDate: '2026-11-01',
      startsAt: '2026-11-01T08:00:00+08:00',
      endsAt: '2026-11-02T08:00:00+08:00',
    });
    expect(shiftAt(rotation, '2026-11-02T03:00:00+08:00', SHANGHAI).team).toBe('A');
    expect(shiftAt(rotation, '2026-11-02T08:00:00+08:00', SHANGHAI).team).toBe('B');
    expect(shiftAt(rotation, '2026-11-03T12:00:00+08:00', SHANGHAI).team).toBe('C');
    expect(shiftAt(rotation, '2026-11-04T12:00:00+08:00', SHANGHAI).team).toBe('A');
  });

  it('changes team exactly at 08:00, not a second before', () => {
    const before = shiftAt(rotation, at('2026-11-02T00:00:00Z', -SECOND_MS), SHANGHAI);
    const after = shiftAt(rotation, '2026-11-02T00:00:00Z', SHANGHAI);
    expect([before.team, before.endsAt]).toEqual(['A', '2026-11-02T08:00:00+08:00']);
    expect([after.team, after.startsAt]).toEqual(['B', '2026-11-02T08:00:00+08:00']);
  });

  it('rotates backwards before the anchor day', () => {
    expect(shiftAt(rotation, '2026-10-31T12:00:00+08:00', SHANGHAI).team).toBe('C');
    expect(shiftAt(rotation, '2026-10-30T12:00:00+08:00', SHANGHAI).team).toBe('B');
    expect(shiftAt(rotation, '2026-10-29T12:00:00+08:00', SHANGHAI).team).toBe('A');
    // The anchor day's early hours belong to the day before's shift.
    expect(shiftAt(rotation, '2026-11-01T07:59:59+08:00', SHANGHAI)).toMatchObject({
      team: 'C',
      shiftDate: '2026-10-31',
    });
  });

  it('reads the instant in the checkpoint zone whatever offset it was written with', () => {
    expect(shiftAt(rotation, '2026-11-01T23:59:59-01:00', SHANGHAI).team).toBe('B');
  });
});

describe('shiftAt: every boundary, a second either side', () => {
  const cases: [string, CheckpointConfigBody, string[]][] = [
    ['3 teams × 24 h', config(SHIFT_PRESETS.rotation24h), ['A', 'B', 'C', 'A', 'B', 'C']],
    ['4 teams × 2 shifts', config(SHIFT_PRESETS.fourTeams), ['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D']],
    ['morning/middle/night, 3 teams', config(SHIFT_PRESETS.threeShifts), ['A', 'B', 'C', 'A', 'B', 'C']],
    [
      'morning/middle/night, 4 teams',
      config({ ...SHIFT_PRESETS.threeShifts, teams: ['一', '二', '三', '四'] }),
      ['一', '二', '三', '四', '一', '二', '三'],
    ],
  ];

  it.each(cases)('%s: each shift ends where the next starts, and the team moves on there', (_name, schedule, teams) => {
    // The anchor day's first shift: teams[0]'s.
    let shift = shiftAt(schedule, `2026-11-01T${schedule.shifts[0]?.start ?? '00:00'}:00+08:00`, SHANGHAI);
    expect([shift.slotIndex, shift.shiftDate]).toEqual([0, '2026-11-01']);
    for (const team of teams) {
      expect(shift.team).toBe(team);
      const lastSecond = shiftAt(schedule, at(shift.endsAt, -SECOND_MS), SHANGHAI);
      const next = shiftAt(schedule, shift.endsAt, SHANGHAI);
      expect(lastSecond).toEqual(shift);
      expect(next.startsAt).toBe(shift.endsAt);
      expect(shiftAt(schedule, at(shift.startsAt, SECOND_MS), SHANGHAI)).toEqual(shift);
      shift = next;
    }
  });

  it('a night shift crossing midnight keeps its evening date and ends next morning', () => {
    const night = shiftAt(config(SHIFT_PRESETS.threeShifts), '2026-11-02T03:00:00+08:00', SHANGHAI);
    expect(night).toEqual({
      team: 'C',
      slotName: '夜班',
      slotIndex: 2,
      shiftDate: '2026-11-01',
      startsAt: '2026-11-01T22:00:00+08:00',
      endsAt: '2026-11-02T06:00:00+08:00',
    });
    const fourTeams = shiftAt(config(SHIFT_PRESETS.fourTeams), '2026-11-02T07:59:59+08:00', SHANGHAI);
    expect(fourTeams).toMatchObject({ team: 'B', slotName: '夜班', startsAt: '2026-11-01T20:00:00+08:00' });
  });

  it('previews the shift now and the next three', () => {
    const preview = shiftsFrom(config(SHIFT_PRESETS.threeShifts), '2026-11-01T13:00:00+08:00', SHANGHAI, 3);
    expect(preview.map((shift) => `${shift.team} ${shift.slotName} ${shift.startsAt}`)).toEqual([
      'A 早班 2026-11-01T06:00:00+08:00',
      'B 中班 2026-11-01T14:00:00+08:00',
      'C 夜班 2026-11-01T22:00:00+08:00',
      'A 早班 2026-11-02T06:00:00+08:00',
    ]);
  });
});

describe('shiftAt across daylight-saving changes (America/New_York)', () => {
  const rotation = config(SHIFT_PRESETS.rotation24h, '2026-03-01');

  it('a 24-hour shift over the spring change lasts 23 hours, over the autumn change 25', () => {
    const spring = shiftAt(rotation, '2026-03-07T12:00:00-05:00', NEW_YORK);
    expect([spring.startsAt, spring.endsAt]).toEqual(['2026-03-07T08:00:00-05:00', '2026-03-08T08:00:00-04:00']);
    expect(Date.parse(spring.endsAt) - Date.parse(spring.startsAt)).toBe(23 * HOUR_MS);
    const autumn = shiftAt(rotation, '2026-10-31T12:00:00-04:00', NEW_YORK);
    expect(Date.parse(autumn.endsAt) - Date.parse(autumn.startsAt)).toBe(25 * HOUR_MS);
    expect(shiftAt(rotation, at(spring.endsAt, -SECOND_MS), NEW_YORK).team).toBe(spring.team);
    expect(shiftAt(rotation, spring.endsAt, NEW_YORK).team).not.toBe(spring.team);
  });

  it('a shift starting in the skipped hour starts when the clock has jumped, one in the repeated hour at its first pass', () => {
    const schedule: CheckpointConfigBody = {
      teams: ['A', 'B'],
      shifts: [
        { name: 'early', start: '01:30' },
        { name: 'late', start: '02:30' },
      ],
      rotationAnchor: '2026-03-01',
    };
    // 02:30 does not exist on 8 March 2026: the late shift starts at 03:30 EDT, the wall reading an hour on.
    const gapDay = shiftAt(schedule, '2026-03-08T03:10:00-04:00', NEW_YORK);
    expect([gapDay.slotName, gapDay.endsAt]).toEqual(['early', '2026-03-08T03:30:00-04:00']);
    expect(shiftAt(schedule, '2026-03-08T03:30:00-04:00', NEW_YORK).slotName).toBe('late');
    // 01:30 happens twice on 1 November 2026: the early shift starts at the first.
    const repeated = shiftAt(schedule, '2026-11-01T01:45:00-05:00', NEW_YORK);
    expect([repeated.slotName, repeated.startsAt]).toEqual(['early', '2026-11-01T01:30:00-04:00']);
  });
});

describe('receivingTeamFor: who a closing team hands over to', () => {
  const rotation = config(SHIFT_PRESETS.rotation24h);

  it("is the next shift's team while the closing team is still on duty, and the team on duty once the boundary passed", () => {
    // Team A is on duty 2026-11-01 08:00 – 11-02 08:00; B follows.
    expect(receivingTeamFor(rotation, 'A', '2026-11-02T07:50:00+08:00', SHANGHAI)).toBe('B');
    expect(receivingTeamFor(rotation, 'A', '2026-11-02T08:10:00+08:00', SHANGHAI)).toBe('B');
    // A team closing outside its own shift hands over to whoever is on duty.
    expect(receivingTeamFor(rotation, 'C', '2026-11-02T07:50:00+08:00', SHANGHAI)).toBe('A');
  });

  it('follows a shift that crosses midnight', () => {
    const threeShifts = config(SHIFT_PRESETS.threeShifts);
    const night = shiftAt(threeShifts, '2026-11-01T23:30:00+08:00', SHANGHAI);
    const morning = shiftAt(threeShifts, night.endsAt, SHANGHAI);
    expect(receivingTeamFor(threeShifts, night.team, '2026-11-02T05:55:00+08:00', SHANGHAI)).toBe(morning.team);
  });

  it('says nothing when the configuration has no readable shift', () => {
    expect(
      receivingTeamFor({ ...DEFAULT_CHECKPOINT_CONFIG, shifts: [] }, 'A', '2026-11-02T07:50:00+08:00', SHANGHAI),
    ).toBeNull();
  });
});
