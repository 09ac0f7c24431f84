// Which team is on duty when: the checkpoint's shift configuration (its shape here, its wire schema in
// src/contract/checkpoint-config.ts), its default, and the rotation. What makes a configuration acceptable, and the
// presets a lead starts from, are shift-config-rules.ts's.
import { DEFAULT_TEAMS } from './teams.ts';
import { formatInZone, wallMinuteToEpochMs } from './time.ts';

/** One shift of the day. */
export interface ShiftSlot {
  /** Shown to officers and on the hand-over, e.g. "早班" or "全天". */
  name: string;
  /** "HH:MM" on the checkpoint's clock; it ends where the next slot (in day order, wrapping) starts. */
  start: string;
}

export interface CheckpointConfigBody {
  /** Team names (班组), in rotation order. */
  teams: string[];
  /** The shifts of one day, in day order starting from the first slot's start: one slot = 24-hour rotation. */
  shifts: ShiftSlot[];
  /**
   * The local date ('YYYY-MM-DD') on which teams[0] works the first slot. Each following slot (across days) goes to
   * the next team in order, so three teams on one 24-hour slot rotate daily, and on three slots work one each per day.
   */
  rotationAnchor: string;
}

/** As stored and served: the body plus the version the server gave it (1, 2, …; 0 = never configured) and when it changed. */
export interface CheckpointConfig extends CheckpointConfigBody {
  version: number;
  updatedAt: string | null;
}

const MS_PER_DAY = 86_400_000;
const MINUTES_PER_HOUR = 60;

/** Three teams, one 24-hour shift from 08:00, rotating daily (docs/domain.md); version 0 = never configured. */
export const DEFAULT_CHECKPOINT_CONFIG: CheckpointConfig = {
  teams: [...DEFAULT_TEAMS],
  shifts: [{ name: '全天', start: '08:00' }],
  rotationAnchor: '2026-01-01',
  version: 0,
  updatedAt: null,
};

/** Minutes after local midnight of an "HH:MM" clock time. */
export function clockMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(':').map(Number);
  return hours * MINUTES_PER_HOUR + minutes;
}

export interface ShiftOnDuty {
  team: string;
  slotName: string;
  slotIndex: number;
  /** The local date the shift belongs to: the day its first slot started (a night shift keeps its evening's date). */
  shiftDate: string;
  /** ISO with the zone's offset. */
  startsAt: string;
  endsAt: string;
}

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / MS_PER_DAY);

const mod = (n: number, m: number): number => ((n % m) + m) % m;

/**
 * Who is on duty at `instantIso` in the checkpoint's zone. The shifts of a day run from the first slot's start
 * to the same time next day; counting slots from teams[0]'s first slot on the anchor date, slot k goes to
 * teams[k mod teams], before the anchor too. Expects a config that passed checkCheckpointConfig.
 */
export function shiftAt(config: CheckpointConfigBody, instantIso: string, timeZone: string): ShiftOnDuty {
  const epochMs = Date.parse(instantIso);
  if (Number.isNaN(epochMs)) throw new RangeError(`not an ISO date-time: ${instantIso}`);
  const first = config.shifts[0];
  if (first === undefined || config.teams.length === 0)
    throw new RangeError('a configuration needs a shift and a team');
  const wall = formatInZone(epochMs, timeZone);
  const wallDate = wall.slice(0, 10);
  const wallMinute = clockMinutes(wall.slice(11, 16));
  const starts = config.shifts.map((slot) => clockMinutes(slot.start));
  const firstStart = clockMinutes(first.start);

  let shiftDate = wallDate;
  let slotIndex = starts.length - 1;
  if (wallMinute < firstStart) {
    // Before the day's first shift: still the previous shift day's last shift (it crosses midnight).
    shiftDate = addDays(wallDate, -1);
  } else {
    // The last slot begun by now, from the end (findLastIndex came with Chrome 97 and Safari 15.4).
    while (slotIndex > 0 && (starts[slotIndex] ?? firstStart) > wallMinute) slotIndex -= 1;
  }
  // Around a daylight-saving change the wall clock may read a slot whose real start is still ahead: step back.
  let startMs = wallMinuteToEpochMs(shiftDate, starts[slotIndex] ?? firstStart, timeZone);
  if (startMs > epochMs) {
    if (slotIndex === 0) {
      shiftDate = addDays(shiftDate, -1);
      slotIndex = starts.length - 1;
    } else {
      slotIndex -= 1;
    }
    startMs = wallMinuteToEpochMs(shiftDate, starts[slotIndex] ?? firstStart, timeZone);
  }
  const nextIndex = slotIndex + 1;
  const endsMs =
    nextIndex < starts.length
      ? wallMinuteToEpochMs(shiftDate, starts[nextIndex] ?? firstStart, timeZone)
      : wallMinuteToEpochMs(addDays(shiftDate, 1), firstStart, timeZone);

  const slotNumber = daysBetween(config.rotationAnchor, shiftDate) * starts.length + slotIndex;
  return {
    team: config.teams[mod(slotNumber, config.teams.length)] ?? '',
    slotName: config.shifts[slotIndex]?.name ?? '',
    slotIndex,
    shiftDate,
    startsAt: formatInZone(startMs, timeZone),
    endsAt: formatInZone(endsMs, timeZone),
  };
}

/** The shift on duty at `instantIso` and the `following` ones after it, for a preview of the rotation. */
export function shiftsFrom(
  config: CheckpointConfigBody,
  instantIso: string,
  timeZone: string,
  following: number,
): ShiftOnDuty[] {
  const shifts = [shiftAt(config, instantIso, timeZone)];
  for (let i = 0; i < following; i += 1) {
    const last = shifts[shifts.length - 1];
    if (last === undefined) break;
    shifts.push(shiftAt(config, last.endsAt, timeZone));
  }
  return shifts;
}

/**
 * The team a closing team most likely hands over to: the team of the next shift when the closing team is still the
 * one on duty (handing over just before the boundary), else the team on duty now (the boundary has passed). Null
 * when the configuration cannot say (no shift can be read from it).
 */
export function receivingTeamFor(
  config: CheckpointConfigBody,
  closingTeam: string,
  instantIso: string,
  timeZone: string,
): string | null {
  try {
    const [current, next] = shiftsFrom(config, instantIso, timeZone, 1);
    if (current === undefined) return null;
    return current.team === closingTeam ? (next?.team ?? null) : current.team;
  } catch {
    return null;
  }
}
