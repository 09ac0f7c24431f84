// Which zxing-wasm passes and reader options earn their milliseconds (ADR 015): each variant reads the same synthetic
// camera frames in Node (the decoder's own wasm, no browser), and its read rate and time per frame are printed.
// Run: npx tsx bench/zxing-passes.ts
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReaderOptions } from 'zxing-wasm/reader';
import { suggestCodeColour } from '../src/platform/scanner/code-colour.ts';
import { READER_OPTIONS, ZXING_PASSES, readFrame } from '../src/platform/scanner/zxing-passes.ts';
import type { ReadBarcodes, ZxingPass } from '../src/platform/scanner/zxing-passes.ts';
import { median } from './stats.ts';

const WIDTH = 640;
const HEIGHT = 480;

type Rgb = readonly [number, number, number];

interface FrameSpec {
  readonly name: string;
  readonly ink: string;
  /** Code side in px, quiet zone excluded. */
  readonly codePx: number;
  readonly rotateDeg?: number;
  /** Perspective: the top edge shrinks by this share (a phone tilted back). */
  readonly keystone?: number;
  readonly blurPx?: number;
  readonly glare?: boolean;
  readonly noise?: number;
  readonly inverted?: boolean;
  readonly light?: number;
}

function hex(color: string): Rgb {
  return [
    Number.parseInt(color.slice(1, 3), 16),
    Number.parseInt(color.slice(3, 5), 16),
    Number.parseInt(color.slice(5, 7), 16),
  ];
}

/** Deterministic noise: the same frames on every run. */
function noiseSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
}

function renderFrame(text: string, spec: FrameSpec): Uint8ClampedArray {
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const count = modules.size;
  const ink = hex(spec.ink);
  const paper: Rgb = [255, 255, 255];
  const nearBlack: Rgb = [30, 30, 30];
  const [dark, light] = spec.inverted ? [nearBlack, ink] : [ink, paper];
  const quiet = 4;
  const side = (spec.codePx * (count + 2 * quiet)) / count;
  const toScreen = homographyFor(side, spec.rotateDeg ?? 0, spec.keystone ?? 0);
  const toCode = invert3(toScreen);
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  const background: Rgb = spec.inverted ? dark : [250, 250, 250];
  // A screen: the code with its quiet zone, projected (turned, tilted) into the frame; 2×2 supersampling as a lens blurs.
  const sample = (px: number, py: number): Rgb => {
    const [u, v] = apply3(toCode, px, py); // 0..1 across the code with its quiet zone
    if (u < 0 || v < 0 || u >= 1 || v >= 1) return background;
    const column = Math.floor(u * (count + 2 * quiet)) - quiet;
    const row = Math.floor(v * (count + 2 * quiet)) - quiet;
    if (column < 0 || row < 0 || column >= count || row >= count) return light;
    return modules.get(row, column) ? dark : light;
  };
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      const acc = [0, 0, 0];
      for (const [dx, dy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const rgb = sample(x + dx, y + dy);
        acc[0]! += rgb[0] / 4;
        acc[1]! += rgb[1] / 4;
        acc[2]! += rgb[2] / 4;
      }
      data.set([...acc, 255], (y * WIDTH + x) * 4);
    }
  }
  if (spec.blurPx) boxBlur(data, spec.blurPx);
  const noise = noiseSource(11);
  const lightShare = spec.light ?? 1;
  for (let y = 0; y < HEIGHT; y += 1) {
    // A glare band: a soft diagonal stripe washed up to 60 % of the way to white at its middle.
    for (let x = 0; x < WIDTH; x += 1) {
      const offset = (y * WIDTH + x) * 4;
      const glareShare = spec.glare === true ? 0.6 * Math.max(0, 1 - ((x - y - 80) / 50) ** 2) : 0;
      for (let c = 0; c < 3; c += 1) {
        let value = data[offset + c]! * lightShare;
        value += (255 - value) * glareShare;
        data[offset + c] = value + (spec.noise ?? 0) * noise();
      }
    }
  }
  return data;
}

type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

/** The projective map from the unit square to the quad (Heckbert's square-to-quad). */
function squareToQuad(q: readonly (readonly [number, number])[]): Matrix3 {
  const [[x0, y0], [x1, y1], [x2, y2], [x3, y3]] = q as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  const sx = x0 - x1 + x2 - x3;
  const sy = y0 - y1 + y2 - y3;
  const dx1 = x1 - x2;
  const dx2 = x3 - x2;
  const dy1 = y1 - y2;
  const dy2 = y3 - y2;
  const den = dx1 * dy2 - dx2 * dy1;
  const g = (sx * dy2 - dx2 * sy) / den;
  const h = (dx1 * sy - sx * dy1) / den;
  return [x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1];
}

function invert3(m: Matrix3): Matrix3 {
  const [a, b, c, d, e, f, g, h, i] = m;
  const A = e * i - f * h;
  const B = -(d * i - f * g);
  const C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    A / det,
    -(b * i - c * h) / det,
    (b * f - c * e) / det,
    B / det,
    (a * i - c * g) / det,
    -(a * f - c * d) / det,
    C / det,
    -(a * h - b * g) / det,
    (a * e - b * d) / det,
  ];
}

function apply3(m: Matrix3, x: number, y: number): [number, number] {
  const w = m[6] * x + m[7] * y + m[8];
  return [(m[0] * x + m[1] * y + m[2]) / w, (m[3] * x + m[4] * y + m[5]) / w];
}

/** The code's square, turned by rotateDeg and with its top edge shortened by keystone (a phone tilted back), centred. */
function homographyFor(side: number, rotateDeg: number, keystone: number): Matrix3 {
  const half = side / 2;
  const top = half * (1 - keystone);
  const corners: [number, number][] = [
    [-top, -half],
    [top, -half],
    [half, half],
    [-half, half],
  ];
  const angle = (rotateDeg * Math.PI) / 180;
  const placed = corners.map(
    ([x, y]) =>
      [
        WIDTH / 2 + x * Math.cos(angle) - y * Math.sin(angle),
        HEIGHT / 2 + x * Math.sin(angle) + y * Math.cos(angle),
      ] as const,
  );
  return squareToQuad(placed);
}

function boxBlur(data: Uint8ClampedArray, radius: number): void {
  const copy = new Float32Array(data);
  for (let y = 0; y < HEIGHT; y += 1) {
    for (let x = 0; x < WIDTH; x += 1) {
      const acc = [0, 0, 0];
      let n = 0;
      for (let dy = -radius; dy <= radius; dy += 1) {
        for (let dx = -radius; dx <= radius; dx += 1) {
          const sx = Math.min(WIDTH - 1, Math.max(0, x + dx));
          const sy = Math.min(HEIGHT - 1, Math.max(0, y + dy));
          const o = (sy * WIDTH + sx) * 4;
          acc[0]! += copy[o]!;
          acc[1]! += copy[o + 1]!;
          acc[2]! += copy[o + 2]!;
          n += 1;
        }
      }
      const o = (y * WIDTH + x) * 4;
      data[o] = acc[0]! / n;
      data[o + 1] = acc[1]! / n;
      data[o + 2] = acc[2]! / n;
    }
  }
}

const INKS = [
  '#000000',
  '#00A050',
  '#E02020',
  '#FFA000',
  '#FF8C00',
  '#D4A017',
  '#F5C400',
  '#FFB800',
  '#FFD000',
  '#FFE040',
] as const;
const SPECS: FrameSpec[] = [
  ...INKS.map((ink) => ({ name: `${ink} 220 px`, ink, codePx: 220 })),
  ...INKS.map((ink) => ({ name: `${ink} 100 px`, ink, codePx: 100 })),
  ...INKS.map((ink) => ({ name: `${ink} 25° 160 px`, ink, codePx: 160, rotateDeg: 25 })),
  ...INKS.map((ink) => ({ name: `${ink} keystone`, ink, codePx: 200, keystone: 0.35, rotateDeg: 8 })),
  ...INKS.map((ink) => ({ name: `${ink} blur`, ink, codePx: 200, blurPx: 2 })),
  ...INKS.map((ink) => ({ name: `${ink} glare`, ink, codePx: 220, glare: true })),
  ...INKS.map((ink) => ({ name: `${ink} noisy dim`, ink, codePx: 180, noise: 70, light: 0.55 })),
  ...INKS.map((ink) => ({ name: `${ink} inverted`, ink, codePx: 200, inverted: true })),
  // Several troubles at once, as a phone held up in a patrol car's window gives them.
  ...INKS.map((ink) => ({ name: `${ink} small blurred noisy`, ink, codePx: 110, blurPx: 1, noise: 50, rotateDeg: 12 })),
  ...INKS.map((ink) => ({
    name: `${ink} glare noisy tilted`,
    ink,
    codePx: 180,
    glare: true,
    noise: 50,
    keystone: 0.25,
    rotateDeg: 20,
  })),
  ...INKS.map((ink) => ({
    name: `${ink} dim blurred glare`,
    ink,
    codePx: 160,
    blurPx: 2,
    glare: true,
    light: 0.6,
    noise: 30,
  })),
];

interface Variant {
  readonly name: string;
  readonly passes: readonly ZxingPass[];
}

const luminance = (options: ReaderOptions = READER_OPTIONS): ZxingPass => ({ grey: 'luminance', options });
const darkest = (options: ReaderOptions = READER_OPTIONS): ZxingPass => ({ grey: 'darkest-channel', options });
const withOption = (option: Partial<ReaderOptions>): ZxingPass[] => [
  luminance({ ...READER_OPTIONS, ...option }),
  darkest({ ...READER_OPTIONS, ...option }),
];

const VARIANTS: Variant[] = [
  { name: 'shipped: luminance, then darkest channel with tryDenoise', passes: ZXING_PASSES },
  { name: 'luminance only', passes: [luminance()] },
  { name: 'darkest channel only', passes: [darkest()] },
  { name: 'luminance, then darkest channel', passes: [luminance(), darkest()] },
  { name: 'both, tryHarder off', passes: withOption({ tryHarder: false }) },
  { name: 'both, tryRotate off', passes: withOption({ tryRotate: false }) },
  { name: 'both, tryInvert off', passes: withOption({ tryInvert: false }) },
  { name: 'both, tryDownscale off', passes: withOption({ tryDownscale: false }) },
  { name: 'both, tryDenoise on', passes: withOption({ tryDenoise: true }) },
  {
    name: 'shipped, tryHarder off',
    passes: ZXING_PASSES.map((pass) => ({ ...pass, options: { ...pass.options, tryHarder: false } })),
  },
  {
    name: 'shipped, tryRotate off',
    passes: ZXING_PASSES.map((pass) => ({ ...pass, options: { ...pass.options, tryRotate: false } })),
  },
];

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const require = createRequire(import.meta.url);
  const wasm = await readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
  });
  const read: ReadBarcodes = (image, options) => readBarcodes(image, options);
  const frames = SPECS.map((spec, index) => {
    const text = `KAKOU-${String(index).padStart(3, '0')} 健康码 ${spec.name}`;
    return { spec, text, data: renderFrame(text, spec) };
  });
  const blank = new Uint8ClampedArray(WIDTH * HEIGHT * 4).fill(250);
  await readFrame(read, { data: blank, width: WIDTH, height: HEIGHT }); // warm the module up
  process.stdout.write(`${frames.length} frames of ${WIDTH}×${HEIGHT}\n`);
  for (const variant of VARIANTS) {
    const times: number[] = [];
    const missed: string[] = [];
    // Timed as the median of three reads per frame: the machine is shared, one read alone is noisy.
    const colourWrong: string[] = [];
    for (const frame of frames) {
      const runs: number[] = [];
      let result: Awaited<ReturnType<typeof readFrame>> = null;
      for (let run = 0; run < 3; run += 1) {
        const started = performance.now();
        result = await readFrame(read, { data: frame.data, width: WIDTH, height: HEIGHT }, variant.passes);
        runs.push(performance.now() - started);
      }
      times.push(median(runs));
      if (result?.text !== frame.text) missed.push(frame.spec.name);
      else {
        const expected =
          frame.spec.ink === '#000000'
            ? null
            : frame.spec.ink === '#00A050'
              ? 'green'
              : frame.spec.ink === '#E02020'
                ? 'red'
                : 'yellow';
        if (suggestCodeColour({ data: frame.data, width: WIDTH, height: HEIGHT }, result.quad) !== expected)
          colourWrong.push(frame.spec.name);
      }
    }
    const blankTimes: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const started = performance.now();
      await readFrame(read, { data: blank, width: WIDTH, height: HEIGHT }, variant.passes);
      blankTimes.push(performance.now() - started);
    }
    process.stdout.write(
      `${variant.name}: read ${frames.length - missed.length}/${frames.length}, median ${median(times).toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms, ` +
        `empty frame ${median(blankTimes).toFixed(1)} ms, colour wrong: ${colourWrong.join(', ') || 'none'}; missed: ${missed.join(', ') || 'none'}\n`,
    );
  }
}

await main();
