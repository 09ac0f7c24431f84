// How one frame is read with zxing-wasm: its own luminance pass first, then the darkest channel for pale colours.
// Shared by the scanner's worker and the decoder benchmark, so the benchmark measures what ships.
import type { ReaderOptions, ReadResult } from 'zxing-wasm/reader';
import { suggestCodeColour } from './code-colour.ts';
import type { Quad, RgbaFrame } from './code-colour.ts';
import type { SuggestedCodeColor } from './qr-scanner.ts';

export type ReadBarcodes = (image: ImageData, options: ReaderOptions) => Promise<ReadResult[]>;

/** An ImageData where the platform has one (browser, worker); zxing only reads data, width and height (Node bench). */
function imageOf(data: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): ImageData {
  if (typeof ImageData === 'function') return new ImageData(data, width, height);
  const image: Pick<ImageData, 'data' | 'width' | 'height' | 'colorSpace'> = {
    data,
    width,
    height,
    colorSpace: 'srgb',
  };
  return image;
}

export const GREY_CONVERSIONS = ['luminance', 'darkest-channel'] as const;
export type GreyConversion = (typeof GREY_CONVERSIONS)[number];

/** One try at a frame: how it is turned grey, and the reader options for that try. */
export interface ZxingPass {
  readonly grey: GreyConversion;
  readonly options: ReaderOptions;
}

/**
 * Measured (ADR 015, bench/zxing-passes.ts, 110 synthetic frames): tryInvert is what reads light-on-dark codes;
 * tryHarder, tryRotate and tryDownscale (zxing's defaults) showed no cost within the noise at 640×480 and stay, the
 * last for high-resolution tablet cameras. tryDenoise reads blurred, dim codes under glare but triples the time of
 * an empty frame, so only the second pass, which runs when the first found nothing, uses it.
 */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: true,
  tryInvert: true,
  tryDownscale: true,
  tryDenoise: false,
  maxNumberOfSymbols: 1,
};

/** zxing's own luminance first (cheapest, reads most); then the darkest channel, for pale yellow under glare. */
export const ZXING_PASSES: readonly ZxingPass[] = [
  { grey: 'luminance', options: READER_OPTIONS },
  { grey: 'darkest-channel', options: { ...READER_OPTIONS, tryDenoise: true } },
];

export interface ZxingRead {
  readonly text: string;
  readonly pass: GreyConversion;
  readonly quad: Quad;
  readonly suggestedColor: SuggestedCodeColor | null;
}

/**
 * The darkest channel of every pixel, written to all three: a bright-yellow module (R and G high, B near 0) turns
 * almost black on white paper, where the usual luma keeps it at ~75 % of white.
 */
export function toDarkestChannel(frame: RgbaFrame): Uint8ClampedArray<ArrayBuffer> {
  const { data } = frame;
  const out = new Uint8ClampedArray(data.length);
  for (let i = 0; i < data.length; i += 4) {
    const r = data[i] ?? 0;
    const g = data[i + 1] ?? 0;
    const b = data[i + 2] ?? 0;
    const darkest = r < g ? (r < b ? r : b) : g < b ? g : b;
    out[i] = darkest;
    out[i + 1] = darkest;
    out[i + 2] = darkest;
    out[i + 3] = 255;
  }
  return out;
}

/** Reads the first code in the frame through the given passes in order; null when none reads it. */
export async function readFrame(
  readBarcodes: ReadBarcodes,
  frame: RgbaFrame,
  passes: readonly ZxingPass[] = ZXING_PASSES,
): Promise<ZxingRead | null> {
  for (const pass of passes) {
    const data = pass.grey === 'luminance' ? new Uint8ClampedArray(frame.data) : toDarkestChannel(frame);
    const results = await readBarcodes(imageOf(data, frame.width, frame.height), pass.options);
    const found = results.find((result) => result.isValid);
    if (found) {
      const quad: Quad = found.position;
      return { text: found.text, pass: pass.grey, quad, suggestedColor: suggestCodeColour(frame, quad) };
    }
  }
  return null;
}
