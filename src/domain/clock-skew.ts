// How far the tablet's clock is from the server's, read from one HTTP answer's Date header, and what counts as off.
// Every time a check records (started, completed, a test's sampling, the day and shift it counts on) is the tablet's
// clock: a clock that is off must be seen by the officer and recorded with the checks it made (ADR 035).

/** Beyond this, either way, the tablet's clock is off: the banner asks the officer to set it. */
export const CLOCK_SKEW_THRESHOLD_SECONDS = 2 * 60;

/** An HTTP Date header names whole seconds (RFC 9110 §5.6.7), truncated: the server's clock read up to 1 s later. */
export const HTTP_DATE_RESOLUTION_MS = 1000;

const MS_PER_SECOND = 1000;
const SECONDS_PER_MINUTE = 60;
const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86_400;
const MINUTES_PER_HOUR = 60;
const HOURS_PER_DAY = 24;
// A skew is said in the largest unit of which it holds at least two (minutes below two hours, hours below two days):
// "119 minutes" reads worse than "2 hours", and a count of at least two reads the same in every language's plural.
const LEAST_OF_A_UNIT = 2;

/** One request and its answer, on the tablet's clock (epoch ms), and the Date its answer carried. */
export interface ServerDateSample {
  /** Just before the request was sent. */
  sentAtMs: number;
  /** When the answer's headers arrived. */
  receivedAtMs: number;
  /** The answer's Date header as epoch ms (whole seconds). */
  serverDateMs: number;
}

/** Tablet minus server, in ms: positive when the tablet is ahead. The true value lies within [lowMs, highMs]. */
export interface ClockSkewBounds {
  lowMs: number;
  highMs: number;
  /** The middle of the bounds: the best single figure. */
  estimateMs: number;
}

/**
 * The skew a sample allows. The server wrote its Date at some moment of the round trip, [sentAtMs, receivedAtMs] on
 * the tablet's clock, and its clock then read between the Date and a second after it (the header is truncated to
 * seconds). The skew is the tablet's time minus the server's at that moment, so it lies between
 * sentAtMs - (Date + 1 s) and receivedAtMs - Date: a slow answer widens the bounds.
 */
export function clockSkewBounds(sample: ServerDateSample): ClockSkewBounds {
  const lowMs = sample.sentAtMs - (sample.serverDateMs + HTTP_DATE_RESOLUTION_MS);
  const highMs = sample.receivedAtMs - sample.serverDateMs;
  return { lowMs, highMs, estimateMs: (lowMs + highMs) / 2 };
}

/**
 * What one sample says about the tablet's clock:
 * - off: the whole of its bounds lies beyond the threshold on one side; the skew in whole seconds (positive: ahead)
 * - right: the whole of its bounds lies within the threshold
 * - unsure: the bounds straddle the threshold (a skew near two minutes, or a slow answer), or the tablet's clock went
 *   backwards during the request (the officer set it meanwhile): the sample says nothing, what was known stands.
 */
export type ClockReading = { kind: 'off'; skewSeconds: number } | { kind: 'right' } | { kind: 'unsure' };

export function readClock(sample: ServerDateSample): ClockReading {
  if (sample.receivedAtMs < sample.sentAtMs) return { kind: 'unsure' };
  const { lowMs, highMs, estimateMs } = clockSkewBounds(sample);
  const thresholdMs = CLOCK_SKEW_THRESHOLD_SECONDS * MS_PER_SECOND;
  if (lowMs > thresholdMs || highMs < -thresholdMs) {
    return { kind: 'off', skewSeconds: Math.round(estimateMs / MS_PER_SECOND) };
  }
  if (lowMs >= -thresholdMs && highMs <= thresholdMs) return { kind: 'right' };
  return { kind: 'unsure' };
}

/**
 * What the tablet knows of its clock, as it keeps it: off by this much, or (null) right or never measured. Read by the
 * officer's banner and by each check saved meanwhile.
 */
export interface ClockSkewRecord {
  /** The tablet's clock minus the server's, in whole seconds: positive ahead, negative behind. */
  skewSeconds: number;
}

/**
 * Whether a skew recorded with a check counts as a clock that was off (the report lists only those). At the threshold
 * itself too: a reading is off only when all of its bounds lie beyond it, and its figure, rounded to seconds, may then
 * be the threshold.
 */
export function isClockOff(skewSeconds: number | null | undefined): skewSeconds is number {
  return typeof skewSeconds === 'number' && Math.abs(skewSeconds) >= CLOCK_SKEW_THRESHOLD_SECONDS;
}

export type ClockSkewDirection = 'ahead' | 'behind';
export type ClockSkewUnit = 'minutes' | 'hours' | 'days';

/** A skew as people say it: "7 minutes behind", "3 hours ahead". */
export interface ClockSkewAmount {
  direction: ClockSkewDirection;
  /** Rounded to the nearest whole unit; at least 2 for a clock that is off. */
  amount: number;
  unit: ClockSkewUnit;
}

export function clockSkewAmount(skewSeconds: number): ClockSkewAmount {
  const direction: ClockSkewDirection = skewSeconds < 0 ? 'behind' : 'ahead';
  const seconds = Math.abs(skewSeconds);
  const minutes = Math.round(seconds / SECONDS_PER_MINUTE);
  if (minutes < LEAST_OF_A_UNIT * MINUTES_PER_HOUR) return { direction, amount: minutes, unit: 'minutes' };
  const hours = Math.round(seconds / SECONDS_PER_HOUR);
  if (hours < LEAST_OF_A_UNIT * HOURS_PER_DAY) return { direction, amount: hours, unit: 'hours' };
  return { direction, amount: Math.round(seconds / SECONDS_PER_DAY), unit: 'days' };
}

const UNIT_ZH: Record<ClockSkewUnit, string> = { minutes: '分钟', hours: '小时', days: '天' };
const DIRECTION_ZH: Record<ClockSkewDirection, string> = { ahead: '快', behind: '慢' };

/** '慢 7 分钟': the skew as the exports write it beside a tablet (比服务器 understood). */
export function clockSkewZh(skewSeconds: number): string {
  const { direction, amount, unit } = clockSkewAmount(skewSeconds);
  return `${DIRECTION_ZH[direction]} ${amount} ${UNIT_ZH[unit]}`;
}
