// The tablet's clock against the server's, on every answer of a sync (ADR 035): each round trip and Date header the
// one HTTP client hands on is read (src/domain/clock-skew.ts), and what it proves is kept where the banner and the
// next saved check read it. Plain TypeScript: the store comes in as a port (the app's settings row).
import { readClock, type ClockSkewRecord, type ServerDateSample } from '../domain/clock-skew.ts';

/** Where the finding is kept: read by the officer's banner and by each check saved meanwhile. */
export interface ClockSkewPort {
  /** Undefined when never measured, as null: nothing to say. */
  get(): Promise<ClockSkewRecord | null | undefined>;
  set(record: ClockSkewRecord | null): Promise<void>;
}

export interface ClockCheck {
  /** For the transport's onServerDate: reads the sample and keeps what it proves, in the order samples came. */
  observe(sample: ServerDateSample): void;
  /** Resolves once every sample observed so far is kept (or failed to be). */
  settled(): Promise<void>;
}

const sameRecord = (a: ClockSkewRecord | null | undefined, b: ClockSkewRecord | null): boolean =>
  (a ?? null) === null ? b === null : b !== null && a?.skewSeconds === b.skewSeconds;

/**
 * A sample that proves the clock off keeps its skew; one that proves it right clears it (the banner goes); an unsure
 * one (near the threshold, a slow answer) changes nothing. A write happens only when the finding changed.
 */
export function createClockCheck(port: ClockSkewPort): ClockCheck {
  let chain: Promise<void> = Promise.resolve();

  return {
    observe(sample) {
      const reading = readClock(sample);
      if (reading.kind === 'unsure') return;
      const next: ClockSkewRecord | null = reading.kind === 'off' ? { skewSeconds: reading.skewSeconds } : null;
      chain = chain
        .then(async () => {
          // Read each time: the row is every tab's, and a tab that held the sync before may have written it.
          if (!sameRecord(await port.get(), next)) await port.set(next);
        })
        .catch(() => {
          // A write the database refused: the next answer, seconds or minutes later, tries again.
        });
    },
    settled: () => chain,
  };
}
