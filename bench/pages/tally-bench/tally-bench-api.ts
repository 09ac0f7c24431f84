// What the tally-bench page puts on window for bench/tablet-tally.ts to call.

/** 'tally-slots': what the report screen does (ADR 013). 'whole-checks': toArray of the full check rows, then the same fold. */
export type TallyWay = 'tally-slots' | 'whole-checks';

export interface TallyRun {
  ms: number;
  /** The tally's vehicle count: both ways must count the same day. */
  vehicles: number;
}

/** Stores n checks of one day in a fresh database, as saves would have left them; resolves with the day. */
export type FillTallyBench = (n: number) => Promise<string>;
export type RunTallyBench = (way: TallyWay) => Promise<TallyRun>;

declare global {
  interface Window {
    fillTallyBench: FillTallyBench;
    runTallyBench: RunTallyBench;
  }
}
