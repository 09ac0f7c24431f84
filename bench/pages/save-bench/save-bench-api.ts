// What the save-bench page puts on window for bench/durable-save.ts to call.
import type { Durability } from '../../../src/db/database.ts';

export type { Durability };

/** Saves n distinct checks one after another into a fresh database; resolves with each save's ms. */
export type RunSaveBench = (durability: Durability, n: number) => Promise<number[]>;

declare global {
  interface Window {
    runSaveBench: RunSaveBench;
  }
}
