// The generated code set is what it claims to be: the hardships the issue lists, each really in the frame (checked
// with zxing-wasm in Node on the .y4m as written), and ink of the colour each image says its code is.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { ReadResult } from 'zxing-wasm/reader';
import { launchBrowser } from '../support/browser.ts';
import {
  CODE_COLORS,
  CODE_SCENES,
  FRAME_HEIGHT_PX,
  FRAME_WIDTH_PX,
  generateCodeImages,
  y4mToRgba,
} from '../support/code-images.ts';
import type { CodeImage, CodeScene, ExpectedCodeColor } from '../support/code-images.ts';

type Frame = ReturnType<typeof y4mToRgba>;

const hardships = (s: CodeScene): number =>
  [
    s.sizePx < 200,
    s.rotateDeg !== 0,
    s.tiltDeg !== 0,
    s.turnDeg !== 0,
    s.blurPx > 0,
    s.glare,
    s.jpegQuality !== null,
    s.paper !== '#ffffff',
  ].filter(Boolean).length;

describe('the set covers the codes the issue lists', () => {
  it('has at least 40 named images with their own payloads, short and dense', () => {
    expect(CODE_SCENES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CODE_SCENES.map((s) => s.name)).size).toBe(CODE_SCENES.length);
    expect(new Set(CODE_SCENES.map((s) => s.text)).size).toBe(CODE_SCENES.length);
    expect(Math.max(...CODE_SCENES.map((s) => s.text.length))).toBeGreaterThan(120);
  });

  it('draws codes in every colour named, with the colour each stands for', () => {
    const inks = new Map(CODE_SCENES.map((s) => [s.ink.toUpperCase(), s.expectedColor]));
    const named: [string, ExpectedCodeColor][] = [
      ['#000000', 'none'],
      ['#00A050', 'green'],
      ['#1AAD19', 'green'],
      ['#F5C400', 'yellow'],
      ['#FFB800', 'yellow'],
      ['#FFA000', 'yellow'],
      ['#FF8C00', 'yellow'],
      ['#D4A017', 'yellow'],
      ['#E02020', 'red'],
      ['#C81E1E', 'red'],
    ];
    for (const [ink, expected] of named) expect(inks.get(ink), ink).toBe(expected);
  });

  it('has small and large codes, rotation up to 30°, tilt, blur of 1–2 px, glare, JPEG 30, inverted, and mixes', () => {
    const sizes = CODE_SCENES.map((s) => s.sizePx);
    expect(Math.min(...sizes)).toBeLessThanOrEqual(100);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...CODE_SCENES.map((s) => Math.abs(s.rotateDeg)))).toBe(30);
    expect(CODE_SCENES.filter((s) => s.tiltDeg !== 0).length).toBeGreaterThanOrEqual(3);
    expect(CODE_SCENES.filter((s) => s.turnDeg !== 0).length).toBeGreaterThanOrEqual(2);
    const blurs = new Set(CODE_SCENES.map((s) => s.blurPx).filter((b) => b > 0));
    expect([...blurs].every((b) => b >= 1 && b <= 2) && blurs.has(1) && blurs.has(2)).toBe(true);
    expect(CODE_SCENES.filter((s) => s.glare).length).toBeGreaterThanOrEqual(3);
    expect(CODE_SCENES.filter((s) => s.jpegQuality === 30).length).toBeGreaterThanOrEqual(3);
    expect(CODE_SCENES.filter((s) => s.paper !== '#ffffff').length).toBeGreaterThanOrEqual(2);
    // Bright yellow is the colour that matters most, so it carries most mixes.
    const mixes = CODE_SCENES.filter((s) => hardships(s) >= 2);
    expect(mixes.length).toBeGreaterThanOrEqual(6);
    expect(mixes.some((s) => s.ink === '#F5C400' && s.rotateDeg !== 0 && s.jpegQuality !== null)).toBe(true);
  });
});

// ---- Rendered frames, checked as the camera will play them ----

function sceneNamed(name: string): CodeScene {
  const found = CODE_SCENES.find((s) => s.name === name);
  if (!found) throw new Error(`no scene ${name} in the set`);
  return found;
}

const BASE = sceneNamed('brightYellow-220px');
const variant = (suffix: string, change: Partial<CodeScene>): CodeScene => ({
  ...BASE,
  ...change,
  name: `${BASE.name}-${suffix}`,
});

const VARIANTS = {
  plain: variant('plain', {}),
  small: variant('100px', { sizePx: 100 }),
  rotated: variant('rotated', { rotateDeg: 30 }),
  tilted: variant('tilted', { tiltDeg: 35 }),
  turned: variant('turned', { turnDeg: 35 }),
  blurred: variant('blurred', { blurPx: 2 }),
  glare: variant('glare', { glare: true }),
  jpeg: variant('jpeg', { jpegQuality: 30 }),
  inverted: variant('inverted', { ink: '#F0F0F0', paper: '#101010', expectedColor: 'none' }),
} as const;

const CLEAN_COLOURS = Object.keys(CODE_COLORS).map((name) => sceneNamed(`${name}-220px`));

let renderer: Browser;
const frames = new Map<string, { image: CodeImage; frame: Frame }>();

beforeAll(async () => {
  const wasm = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({
    overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) },
    fireImmediately: true,
  });
  renderer = await launchBrowser();
  for (const image of await generateCodeImages(renderer, [...Object.values(VARIANTS), ...CLEAN_COLOURS])) {
    frames.set(image.name, { image, frame: y4mToRgba(await readFile(image.file)) });
  }
});

afterAll(async () => {
  await renderer.close();
});

function frameOf(scene: CodeScene): Frame {
  const entry = frames.get(scene.name);
  if (!entry) throw new Error(`${scene.name} was not generated`);
  return entry.frame;
}

/** zxing-wasm on the frame's RGB, trying hard: the reference read that proves the code is in the frame. */
async function reference(scene: CodeScene): Promise<ReadResult> {
  const { data, width, height } = frameOf(scene);
  // Node has no ImageData; zxing-wasm reads any object of this shape.
  const imageData: ImageData = { data, width, height, colorSpace: 'srgb' };
  const [result] = await readBarcodes(imageData, {
    formats: ['QRCode'],
    tryHarder: true,
    tryInvert: true,
    maxNumberOfSymbols: 1,
  });
  if (!result?.isValid) throw new Error(`${scene.name}: zxing-wasm found no code in the frame`);
  return result;
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number => Math.hypot(b.x - a.x, b.y - a.y);

/** Per pixel of the central square of `side` px: the darkest channel, Rec. 601 luma, and RGB. */
function centralPixels(frame: Frame, side: number): { darkest: number; luma: number; rgb: [number, number, number] }[] {
  const out = [];
  const x0 = Math.round((frame.width - side) / 2);
  const y0 = Math.round((frame.height - side) / 2);
  for (let y = y0; y < y0 + side; y += 1) {
    for (let x = x0; x < x0 + side; x += 1) {
      const o = (y * frame.width + x) * 4;
      const rgb: [number, number, number] = [frame.data[o] ?? 0, frame.data[o + 1] ?? 0, frame.data[o + 2] ?? 0];
      out.push({ darkest: Math.min(...rgb), luma: 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2], rgb });
    }
  }
  return out;
}

const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** The code's ink: the mean colour of the pixels darker (darkest channel) than halfway between ink and paper. */
function inkColour(frame: Frame): [number, number, number] {
  const pixels = centralPixels(frame, 200);
  const levels = pixels.map((p) => p.darkest).sort((a, b) => a - b);
  const cut = ((levels[Math.floor(levels.length * 0.05)] ?? 0) + (levels[Math.floor(levels.length * 0.95)] ?? 255)) / 2;
  const ink = pixels.filter((p) => p.darkest < cut);
  return [0, 1, 2].map((c) => mean(ink.map((p) => p.rgb[c] ?? 0))) as [number, number, number];
}

function hueAndChroma([r, g, b]: [number, number, number]): { hue: number; chroma: number } {
  const max = Math.max(r, g, b);
  const chroma = max - Math.min(r, g, b);
  if (chroma === 0) return { hue: 0, chroma };
  const h = max === r ? ((g - b) / chroma + 6) % 6 : max === g ? (b - r) / chroma + 2 : (r - g) / chroma + 4;
  return { hue: h * 60, chroma };
}

/** Generous hue bands of the three code colours, as seen after the camera's 4:2:0 round trip. */
function colourClass(rgb: [number, number, number]): ExpectedCodeColor | 'other' {
  const { hue, chroma } = hueAndChroma(rgb);
  if (chroma < 40) return 'none';
  if (hue >= 345 || hue < 15) return 'red';
  if (hue >= 25 && hue < 62) return 'yellow';
  if (hue >= 90 && hue < 170) return 'green';
  return 'other';
}

describe('the frames as written', () => {
  it('are 640×480 and hold their code, readable by zxing-wasm, at the size asked', async () => {
    expect([frameOf(BASE).width, frameOf(BASE).height]).toEqual([FRAME_WIDTH_PX, FRAME_HEIGHT_PX]);
    for (const scene of [VARIANTS.plain, VARIANTS.small]) {
      const read = await reference(scene);
      expect(read.text).toBe(scene.text);
      // zxing's corners are the finder patterns' outer corners: the code's side, within a module or so.
      expect(Math.abs(distance(read.position.topLeft, read.position.topRight) - scene.sizePx)).toBeLessThan(
        scene.sizePx * 0.06,
      );
    }
  });

  it('rotate the code by the angle asked, and tilt or turn it so that its far edge is shorter', async () => {
    const rotated = await reference(VARIANTS.rotated);
    const { topLeft, topRight } = rotated.position;
    const degrees = (Math.atan2(topRight.y - topLeft.y, topRight.x - topLeft.x) * 180) / Math.PI;
    expect(Math.abs(degrees - VARIANTS.rotated.rotateDeg)).toBeLessThan(2);

    const tilted = await reference(VARIANTS.tilted);
    const top = distance(tilted.position.topLeft, tilted.position.topRight);
    const bottom = distance(tilted.position.bottomLeft, tilted.position.bottomRight);
    expect(top / bottom).toBeLessThan(0.9);

    // Turned about the vertical axis by a positive angle: the right edge goes away from the camera.
    const turned = await reference(VARIANTS.turned);
    const left = distance(turned.position.topLeft, turned.position.bottomLeft);
    const right = distance(turned.position.topRight, turned.position.bottomRight);
    expect(right / left).toBeLessThan(0.9);
  });

  it('blur, glare and JPEG change the pixels while the code stays readable', async () => {
    const plain = centralPixels(frameOf(VARIANTS.plain), 200);
    const midTones = (pixels: typeof plain) => pixels.filter((p) => p.darkest > 40 && p.darkest < 200).length;
    for (const scene of [VARIANTS.blurred, VARIANTS.glare, VARIANTS.jpeg])
      expect((await reference(scene)).text).toBe(scene.text);
    // Blur: soft edges, so many more pixels between ink and paper.
    expect(midTones(centralPixels(frameOf(VARIANTS.blurred), 200))).toBeGreaterThan(2 * midTones(plain));
    // Glare: the ink under the band washes towards white, so the code is brighter overall.
    expect(
      mean(centralPixels(frameOf(VARIANTS.glare), 200).map((p) => p.darkest)) - mean(plain.map((p) => p.darkest)),
    ).toBeGreaterThan(10);
    // JPEG at quality 30: block noise, every few pixels off by more than the 4:2:0 rounding.
    const jpeg = centralPixels(frameOf(VARIANTS.jpeg), 200);
    expect(mean(jpeg.map((p, i) => Math.abs(p.luma - (plain[i]?.luma ?? 0))))).toBeGreaterThan(1.5);
  });

  it('draw inverted codes light on dark', async () => {
    const read = await reference(VARIANTS.inverted);
    expect(read.text).toBe(VARIANTS.inverted.text);
    expect(read.isInverted).toBe(true);
    // The quiet zone left of the code is dark, the top-left finder pattern's outer ring light: the reverse of plain.
    const lightAt = (frame: Frame, x: number, y: number): boolean => {
      const o = (y * frame.width + x) * 4;
      return Math.min(frame.data[o] ?? 0, frame.data[o + 1] ?? 0, frame.data[o + 2] ?? 0) > 128;
    };
    const half = BASE.sizePx / 2;
    const quietZoneX = FRAME_WIDTH_PX / 2 - half - 10;
    const finderX = FRAME_WIDTH_PX / 2 - half + 3;
    const finderY = FRAME_HEIGHT_PX / 2 - half + 3;
    const inverted = frameOf(VARIANTS.inverted);
    const plain = frameOf(VARIANTS.plain);
    expect([lightAt(inverted, quietZoneX, FRAME_HEIGHT_PX / 2), lightAt(inverted, finderX, finderY)]).toEqual([
      false,
      true,
    ]);
    expect([lightAt(plain, quietZoneX, FRAME_HEIGHT_PX / 2), lightAt(plain, finderX, finderY)]).toEqual([true, false]);
  });

  it('keep each colour recognisable as its code colour after the camera format', () => {
    const seen = CLEAN_COLOURS.map((scene) => `${scene.name}: ${colourClass(inkColour(frameOf(scene)))}`);
    expect(seen).toEqual(CLEAN_COLOURS.map((scene) => `${scene.name}: ${scene.expectedColor}`));
  });
});
