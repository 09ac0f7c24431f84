// The colour a health code is drawn in, estimated from the pixels of the decoded code: green, yellow, red, or null (unsure).
// Pure: RGBA pixels and the code's corners in, a suggestion out. The officer always confirms it (二看).
import { SUGGESTED_CODE_COLORS } from './qr-scanner.ts';
import type { SuggestedCodeColor } from './qr-scanner.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The code's corners in frame pixels, as zxing reports them. */
export interface Quad {
  readonly topLeft: Point;
  readonly topRight: Point;
  readonly bottomRight: Point;
  readonly bottomLeft: Point;
}

export interface RgbaFrame {
  readonly data: Uint8ClampedArray | Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Samples per side of the code: 48 × 48 covers every module of a version-10 code more than once in ~2 k reads. */
const SAMPLES_PER_SIDE = 48;
/**
 * Ink is told from paper by the darkest channel (min of R, G, B): paper is bright in all three, a module of any
 * health-code colour is dark in at least one. The cut sits this share of the way from the ink's to the paper's level.
 */
const INK_CUT_SHARE = 0.5;
/** Below this spread between ink and paper (darkest channel) there is no code to judge: washed out or too dark. */
const MIN_INK_PAPER_SPREAD = 40;
/** An ink pixel counts as coloured when its channels differ at least this much, and by this share of its brightest. */
const MIN_CHROMA = 28;
const MIN_SATURATION = 0.3;
/** The winning colour needs this share of the pixels judged: black ink, or ink split between hues, means "unsure". */
const MIN_WINNING_SHARE = 0.6;

/**
 * Hue ranges in degrees. Real codes: green #00A050 ≈ 150°, yellow #F5C400 ≈ 48°, #FFB800 ≈ 43°, #FFA000 ≈ 38°,
 * #D4A017 ≈ 44°, orange #FF8C00 ≈ 33° (shown as yellow, as the health-code apps mean it), red #E02020 = 0°.
 * The gaps between ranges (16–21°, 71–84°, 176–339°) are hues no health code uses: they vote for "unsure".
 */
const HUE_RANGES: readonly { readonly color: SuggestedCodeColor; readonly from: number; readonly to: number }[] = [
  { color: 'red', from: 340, to: 360 },
  { color: 'red', from: 0, to: 16 },
  { color: 'yellow', from: 22, to: 71 },
  { color: 'green', from: 85, to: 176 },
];

function hueOf(r: number, g: number, b: number): number {
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  if (chroma === 0) return 0;
  let hue: number;
  if (max === r) hue = ((g - b) / chroma) % 6;
  else if (max === g) hue = (b - r) / chroma + 2;
  else hue = (r - g) / chroma + 4;
  const degrees = hue * 60;
  return degrees < 0 ? degrees + 360 : degrees;
}

function colorOfHue(hue: number): SuggestedCodeColor | null {
  for (const range of HUE_RANGES) if (hue >= range.from && hue < range.to) return range.color;
  return null;
}

/** Bilinear point inside the quad for (u, v) in [0, 1]². */
function pointIn(quad: Quad, u: number, v: number): Point {
  const top = {
    x: quad.topLeft.x + (quad.topRight.x - quad.topLeft.x) * u,
    y: quad.topLeft.y + (quad.topRight.y - quad.topLeft.y) * u,
  };
  const bottom = {
    x: quad.bottomLeft.x + (quad.bottomRight.x - quad.bottomLeft.x) * u,
    y: quad.bottomLeft.y + (quad.bottomRight.y - quad.bottomLeft.y) * u,
  };
  return { x: top.x + (bottom.x - top.x) * v, y: top.y + (bottom.y - top.y) * v };
}

/** A square of half the frame's smaller side in its middle: where a code held up to the camera is. */
export function centralQuad(width: number, height: number): Quad {
  const half = Math.min(width, height) / 4;
  const cx = width / 2;
  const cy = height / 2;
  return {
    topLeft: { x: cx - half, y: cy - half },
    topRight: { x: cx + half, y: cy - half },
    bottomRight: { x: cx + half, y: cy + half },
    bottomLeft: { x: cx - half, y: cy + half },
  };
}

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(share * (sorted.length - 1))))] ?? 0;
}

/** The colour the code's ink suggests, or null when it is black, grey, washed out, or not clearly one colour. */
export function suggestCodeColour(frame: RgbaFrame, quad: Quad): SuggestedCodeColor | null {
  const { data, width, height } = frame;
  const samples: number[] = [];
  for (let row = 0; row < SAMPLES_PER_SIDE; row += 1) {
    for (let column = 0; column < SAMPLES_PER_SIDE; column += 1) {
      const p = pointIn(quad, (column + 0.5) / SAMPLES_PER_SIDE, (row + 0.5) / SAMPLES_PER_SIDE);
      const x = Math.round(p.x);
      const y = Math.round(p.y);
      if (x >= 0 && y >= 0 && x < width && y < height) samples.push((y * width + x) * 4);
    }
  }
  if (samples.length === 0) return null;

  // Ink and paper are told apart by the darkest channel first (a coloured module is dark in at least one channel,
  // white paper in none); a light-on-dark code with coloured light modules (inverted) is split by the brightest.
  for (const level of [darkestChannel, brightestChannel]) {
    const color = colourBy(data, samples, level);
    if (color) return color;
  }
  return null;
}

const darkestChannel = (r: number, g: number, b: number): number => Math.min(r, g, b);
const brightestChannel = (r: number, g: number, b: number): number => Math.max(r, g, b);

function colourBy(
  data: RgbaFrame['data'],
  samples: readonly number[],
  level: (r: number, g: number, b: number) => number,
): SuggestedCodeColor | null {
  const levels = samples.map((offset) => level(data[offset] ?? 0, data[offset + 1] ?? 0, data[offset + 2] ?? 0));
  const sorted = [...levels].sort((a, b) => a - b);
  // Percentiles, not extremes: a glare spot or a speck of sensor noise must not set the levels.
  const inkLevel = percentile(sorted, 0.1);
  const paperLevel = percentile(sorted, 0.9);
  if (paperLevel - inkLevel < MIN_INK_PAPER_SPREAD) return null;
  const cut = inkLevel + (paperLevel - inkLevel) * INK_CUT_SHARE;
  // The ink first; a light-on-dark (inverted) code has its colour in the light modules, so those are asked next.
  const isInk = (index: number): boolean => (levels[index] ?? 255) <= cut;
  return winnerAmong(data, samples, isInk) ?? winnerAmong(data, samples, (index) => !isInk(index));
}

/** The colour most of the chosen pixels agree on, or null (black, grey or white pixels, or no clear majority). */
function winnerAmong(
  data: RgbaFrame['data'],
  samples: readonly number[],
  chosen: (index: number) => boolean,
): SuggestedCodeColor | null {
  const votes = { green: 0, yellow: 0, red: 0 };
  let count = 0;
  samples.forEach((offset, index) => {
    if (!chosen(index)) return;
    count += 1;
    const r = data[offset] ?? 0;
    const g = data[offset + 1] ?? 0;
    const b = data[offset + 2] ?? 0;
    const max = Math.max(r, g, b);
    const chroma = max - Math.min(r, g, b);
    if (chroma < MIN_CHROMA || chroma < max * MIN_SATURATION) return; // black, grey or white votes for "unsure"
    const color = colorOfHue(hueOf(r, g, b));
    if (color) votes[color] += 1;
  });
  if (count === 0) return null;
  let best: SuggestedCodeColor | null = null;
  for (const color of SUGGESTED_CODE_COLORS) {
    if (best === null || votes[color] > votes[best]) best = color;
  }
  return best !== null && votes[best] >= count * MIN_WINNING_SHARE ? best : null;
}
