// Messages between the page and the zxing-wasm worker: one frame (an ImageBitmap, transferred) in, one answer out.
import type { SuggestedCodeColor } from './qr-scanner.ts';
import type { GreyConversion } from './zxing-passes.ts';

export interface ZxingRequest {
  readonly id: number;
  readonly bitmap: ImageBitmap;
}

export type ZxingResponse =
  | {
      readonly id: number;
      readonly ok: true;
      readonly read: {
        readonly text: string;
        readonly pass: GreyConversion;
        readonly suggestedColor: SuggestedCodeColor | null;
      } | null;
      /** The colour of the frame's middle, for a code another decoder read where zxing found none. */
      readonly centralColor: SuggestedCodeColor | null;
      readonly ms: number;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
