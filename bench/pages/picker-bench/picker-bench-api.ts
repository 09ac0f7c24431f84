// What the picker-bench page puts on window for bench/picker-open.ts to call.

export interface PickerOpen {
  /** From the tap on 选择目的地 to the checkpoint's counties on screen. */
  ms: number;
  /** The county buttons shown: the checkpoint's prefecture. */
  counties: number;
}

/** Fetches and keeps the checkpoint's lists (online); resolves with the keys now held in IndexedDB. */
export type KeepPickerLists = () => Promise<string[]>;
/** Mounts a fresh picker (fresh lists: nothing in memory, IndexedDB only), taps it open and times it. */
export type OpenPickerBench = () => Promise<PickerOpen>;

declare global {
  interface Window {
    keepPickerLists: KeepPickerLists;
    openPickerBench: OpenPickerBench;
  }
}
