// The colour suggested from a code's pixels, on synthetic codes: the hues real health codes use, under glare,
// JPEG-like noise and low light, and "unsure" for black, grey and washed-out codes.
import { describe, expect, it } from 'vitest';
import { centralQuad, suggestCodeColour } from './code-colour.ts';
import type { Quad, RgbaFrame } from './code-colour.ts';

type Rgb = readonly [number, number, number];

const SIZE = 200;
const CODE_FROM = 40;
const CODE_TO = 160;
const MODULE_PX = 6;
const CODE_QUAD: Quad = {
  topLeft: { x: CODE_FROM, y: CODE_FROM },
  topRight: { x: CODE_TO, y: CODE_FROM },
  bottomRight: { x: CODE_TO, y: CODE_TO },
  bottomLeft: { x: CODE_FROM, y: CODE_TO },
};

function hex(color: string): Rgb {
  return [
    Number.parseInt(color.slice(1, 3), 16),
    Number.parseInt(color.slice(3, 5), 16),
    Number.parseInt(color.slice(5, 7), 16),
  ];
}

/** A deterministic pseudo-random sequence, so that "noise" is the same on every run. */
function noiseSource(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
}

interface Scene {
  ink: string;
  paper?: string;
  /** Multiplies every pixel (low light). */
  light?: number;
  /** Amplitude of per-pixel noise added to each channel. */
  noise?: number;
  /** A band of rows washed towards white by this share (glare on a phone screen). */
  glare?: { fromY: number; toY: number; share: number };
}

/** A checkerboard-ish code (about half the modules inked, like a QR code) on paper. */
function render(scene: Scene): RgbaFrame {
  const ink = hex(scene.ink);
  const paper = hex(scene.paper ?? '#ffffff');
  const light = scene.light ?? 1;
  const noise = noiseSource(7);
  const data = new Uint8ClampedArray(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) {
      const inCode = x >= CODE_FROM && x < CODE_TO && y >= CODE_FROM && y < CODE_TO;
      const mx = Math.floor((x - CODE_FROM) / MODULE_PX);
      const my = Math.floor((y - CODE_FROM) / MODULE_PX);
      const inked = inCode && (mx * 7 + my * 13 + mx * my) % 5 < 2 + ((mx + my) % 2);
      let rgb = (inked ? ink : paper).map((channel) => channel * light);
      if (scene.glare && y >= scene.glare.fromY && y < scene.glare.toY) {
        const share = scene.glare.share;
        rgb = rgb.map((channel) => channel + (255 - channel) * share);
      }
      const offset = (y * SIZE + x) * 4;
      rgb.forEach((channel, index) => {
        data[offset + index] = channel + (scene.noise ?? 0) * noise();
      });
      data[offset + 3] = 255;
    }
  }
  return { data, width: SIZE, height: SIZE };
}

describe('suggestCodeColour', () => {
  it.each([
    ['green #00A050', '#00A050', 'green'],
    ['green #1AAD19 (a lighter app green)', '#1AAD19', 'green'],
    ['bright yellow #F5C400', '#F5C400', 'yellow'],
    ['bright yellow #FFB800', '#FFB800', 'yellow'],
    ['amber #FFA000', '#FFA000', 'yellow'],
    ['dark yellow #D4A017', '#D4A017', 'yellow'],
    ['orange #FF8C00, which the apps mean as yellow', '#FF8C00', 'yellow'],
    ['red #E02020', '#E02020', 'red'],
    ['red #E60012', '#E60012', 'red'],
  ] as const)('suggests %s as %s', (_name, ink, expected) => {
    expect(suggestCodeColour(render({ ink }), CODE_QUAD)).toBe(expected);
  });

  it.each([
    ['black', '#000000'],
    ['dark grey', '#404040'],
    ['a blue no health code uses', '#1E50C8'],
  ])('is unsure about a %s code', (_name, ink) => {
    expect(suggestCodeColour(render({ ink }), CODE_QUAD)).toBeNull();
  });

  it('keeps the colour under a glare band across a third of the code', () => {
    const glare = { fromY: 70, toY: 110, share: 0.8 };
    expect(suggestCodeColour(render({ ink: '#F5C400', glare }), CODE_QUAD)).toBe('yellow');
    expect(suggestCodeColour(render({ ink: '#00A050', glare }), CODE_QUAD)).toBe('green');
    expect(suggestCodeColour(render({ ink: '#000000', glare }), CODE_QUAD)).toBeNull();
  });

  it('keeps the colour through strong per-pixel noise (JPEG at low quality, a cheap sensor)', () => {
    expect(suggestCodeColour(render({ ink: '#FFB800', noise: 60 }), CODE_QUAD)).toBe('yellow');
    expect(suggestCodeColour(render({ ink: '#E02020', noise: 60 }), CODE_QUAD)).toBe('red');
    expect(suggestCodeColour(render({ ink: '#000000', noise: 60 }), CODE_QUAD)).toBeNull();
  });

  it('keeps the colour in low light, on grey paper', () => {
    expect(suggestCodeColour(render({ ink: '#F5C400', light: 0.35 }), CODE_QUAD)).toBe('yellow');
    expect(suggestCodeColour(render({ ink: '#00A050', paper: '#b0b0b0', light: 0.5 }), CODE_QUAD)).toBe('green');
  });

  it('is unsure about a washed-out code (the screen turned away, all glare)', () => {
    expect(
      suggestCodeColour(render({ ink: '#00A050', glare: { fromY: 0, toY: SIZE, share: 0.9 } }), CODE_QUAD),
    ).toBeNull();
  });

  it('is unsure when there is no code where it looks (blank paper, or outside the frame)', () => {
    expect(suggestCodeColour(render({ ink: '#ffffff' }), CODE_QUAD)).toBeNull();
    const outside: Quad = {
      topLeft: { x: 500, y: 500 },
      topRight: { x: 600, y: 500 },
      bottomRight: { x: 600, y: 600 },
      bottomLeft: { x: 500, y: 600 },
    };
    expect(suggestCodeColour(render({ ink: '#E02020' }), outside)).toBeNull();
  });

  it('follows a tilted quadrilateral, ignoring colour outside it', () => {
    const frame = render({ ink: '#00A050' });
    // Paint a red frame around the code: a quad inside the code must not see it.
    for (let y = 0; y < SIZE; y += 1) {
      for (let x = 0; x < SIZE; x += 1) {
        if (
          x >= CODE_FROM - 5 &&
          x < CODE_TO + 5 &&
          y >= CODE_FROM - 5 &&
          y < CODE_TO + 5 &&
          !(x >= CODE_FROM && x < CODE_TO && y >= CODE_FROM && y < CODE_TO)
        ) {
          frame.data.set([224, 32, 32], (y * SIZE + x) * 4);
        }
      }
    }
    const tilted: Quad = {
      topLeft: { x: 60, y: 45 },
      topRight: { x: 155, y: 60 },
      bottomRight: { x: 140, y: 155 },
      bottomLeft: { x: 45, y: 140 },
    };
    expect(suggestCodeColour(frame, tilted)).toBe('green');
  });

  it('finds the colour in the light modules of a light-on-dark (inverted) code', () => {
    expect(suggestCodeColour(render({ ink: '#1e1e1e', paper: '#F5C400' }), CODE_QUAD)).toBe('yellow');
    expect(suggestCodeColour(render({ ink: '#1e1e1e', paper: '#00A050' }), CODE_QUAD)).toBe('green');
    expect(suggestCodeColour(render({ ink: '#1e1e1e', paper: '#E02020' }), CODE_QUAD)).toBe('red');
    expect(suggestCodeColour(render({ ink: '#1e1e1e', paper: '#f0f0f0' }), CODE_QUAD)).toBeNull();
  });

  it('judges the middle of the frame when the code was not located', () => {
    expect(suggestCodeColour(render({ ink: '#FFA000' }), centralQuad(SIZE, SIZE))).toBe('yellow');
  });
});
