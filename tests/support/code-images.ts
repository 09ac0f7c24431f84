// The health-code images a checkpoint camera meets, as fake-camera frames: every colour, small, tilted, blurred, glared,
// JPEG-noisy and inverted codes, rendered by Chromium itself and written as .y4m, each with the text and colour it must give.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import type { Browser, Page } from 'playwright-core';
import { encodeY4m } from './fake-camera.ts';

/** What the scanner should suggest: the three health-code colours, or 'none' for black, grey and inverted codes. */
export type ExpectedCodeColor = 'green' | 'yellow' | 'red' | 'none';

export interface CodeScene {
  /** Unique, readable in a failure report: colour, size and what was done to the code. */
  readonly name: string;
  /** The payload the code holds; every scene has its own, so a read proves which image was read. */
  readonly text: string;
  /** The modules' colour (CSS hex). */
  readonly ink: string;
  /** The screen behind the modules (CSS hex); dark for inverted codes. */
  readonly paper: string;
  readonly expectedColor: ExpectedCodeColor;
  /** Side of the code itself, quiet zone not included, in frame pixels before any transform. */
  readonly sizePx: number;
  /** In-plane rotation, degrees. */
  readonly rotateDeg: number;
  /** The phone tilted towards the tablet (rotation about the horizontal axis, with perspective), degrees. */
  readonly tiltDeg: number;
  /** The phone turned sideways (rotation about the vertical axis, with perspective), degrees. */
  readonly turnDeg: number;
  /** Gaussian blur standard deviation, px (CSS blur() takes σ). */
  readonly blurPx: number;
  /** A bright band of reflected light across the code. */
  readonly glare: boolean;
  /** JPEG quality of the captured frame (1–100), or null for lossless. */
  readonly jpegQuality: number | null;
}

export interface CodeImage extends CodeScene {
  /** Absolute path of the .y4m to play as the camera. */
  readonly file: string;
}

export const FRAME_WIDTH_PX = 640;
export const FRAME_HEIGHT_PX = 480;
const QUIET_ZONE_MODULES = 4;
/** More screen around the quiet zone, as on a phone showing its code. */
const SCREEN_MARGIN_PX = 14;
/** Distance of the eye for the tilt's perspective: a phone about 40 cm from a tablet camera of this field of view. */
const PERSPECTIVE_PX = 700;

const BLACK = '#000000';
const WHITE = '#ffffff';

/** A short, stable hex tag of a string (FNV-1a), so each scene's payload differs and stays the same between runs. */
function tagOf(value: string, digits: number): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < digits; round += 1) {
    for (const char of `${round}:${value}`) {
      hash ^= char.charCodeAt(0);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    out += hash.toString(16).padStart(8, '0');
  }
  return out.slice(0, digits);
}

/** A health-code link like the provinces' (version 3 at level M). */
function shortPayload(name: string): string {
  return `https://jkm.hunan.gov.cn/c/${tagOf(name, 12)}`;
}

/** A dense one: a signed link with a timestamp and a long signature (version 8 at level M, 49 modules). */
function densePayload(name: string): string {
  return `https://jkm.hunan.gov.cn/hc/v2?c=${tagOf(name, 16)}&t=1764399240&k=3&s=${tagOf(`sig:${name}`, 64)}&r=430100`;
}

type SceneOptions = Partial<Omit<CodeScene, 'name' | 'text' | 'ink' | 'expectedColor'>> & { readonly dense?: boolean };

function scene(name: string, ink: string, expectedColor: ExpectedCodeColor, options: SceneOptions = {}): CodeScene {
  const { dense = false, ...rest } = options;
  return {
    name,
    text: dense ? densePayload(name) : shortPayload(name),
    ink,
    paper: WHITE,
    expectedColor,
    sizePx: 220,
    rotateDeg: 0,
    tiltDeg: 0,
    turnDeg: 0,
    blurPx: 0,
    glare: false,
    jpegQuality: null,
    ...rest,
  };
}

/** The colours codes are drawn in, as the provinces' apps and their screens show them. */
export const CODE_COLORS = {
  black: [BLACK, 'none'],
  grey: ['#404040', 'none'],
  green: ['#00A050', 'green'],
  wechatGreen: ['#1AAD19', 'green'],
  darkGreen: ['#007A3D', 'green'],
  mediumGreen: ['#3CB371', 'green'],
  brightYellow: ['#F5C400', 'yellow'],
  yellow: ['#FFB800', 'yellow'],
  gold: ['#FFD000', 'yellow'],
  amber: ['#FFA000', 'yellow'],
  orange: ['#FF8C00', 'yellow'],
  darkYellow: ['#D4A017', 'yellow'],
  red: ['#E02020', 'red'],
  darkRed: ['#C81E1E', 'red'],
  crimson: ['#D9001B', 'red'],
} as const satisfies Record<string, readonly [string, ExpectedCodeColor]>;

type ColorName = keyof typeof CODE_COLORS;

function coloured(name: ColorName, what: string, options: SceneOptions = {}): CodeScene {
  const [ink, expected] = CODE_COLORS[name];
  return scene(`${name}-${what}`, ink, expected, options);
}

const JPEG_Q = 30;

/** The set (57): every colour clean, then each hardship alone on the hard colours, then hardships together. */
export const CODE_SCENES: readonly CodeScene[] = [
  ...(Object.keys(CODE_COLORS) as ColorName[]).map((name) => coloured(name, '220px')),
  // Small codes, down to 100 px (3.4 px per module).
  coloured('black', '100px', { sizePx: 100 }),
  coloured('green', '100px', { sizePx: 100 }),
  coloured('brightYellow', '100px', { sizePx: 100 }),
  coloured('yellow', '100px', { sizePx: 100 }),
  coloured('red', '100px', { sizePx: 100 }),
  coloured('amber', '140px', { sizePx: 140 }),
  coloured('darkYellow', '140px', { sizePx: 140 }),
  // Dense payloads, large and middling.
  coloured('black', 'dense-300px', { dense: true, sizePx: 300 }),
  coloured('brightYellow', 'dense-300px', { dense: true, sizePx: 300 }),
  coloured('green', 'dense-300px', { dense: true, sizePx: 300 }),
  coloured('yellow', 'dense-220px', { dense: true }),
  coloured('red', 'dense-220px', { dense: true }),
  // Rotated in the plane.
  coloured('wechatGreen', 'rotated-15deg', { rotateDeg: 15 }),
  coloured('orange', 'rotated-22deg', { rotateDeg: -22 }),
  coloured('brightYellow', 'rotated-30deg', { rotateDeg: 30 }),
  coloured('black', 'rotated-30deg', { rotateDeg: -30 }),
  // The phone tilted towards the tablet.
  coloured('brightYellow', 'tilted-35deg', { tiltDeg: 35 }),
  coloured('red', 'tilted-30deg', { tiltDeg: -30 }),
  coloured('green', 'tilted-40deg', { tiltDeg: 40 }),
  coloured('darkGreen', 'turned-35deg', { turnDeg: 35 }),
  coloured('amber', 'turned-30deg-tilted-20deg', { turnDeg: -30, tiltDeg: 20 }),
  // Out of focus or moving.
  coloured('green', 'blur-1px', { blurPx: 1 }),
  coloured('yellow', 'blur-1.5px', { blurPx: 1.5 }),
  coloured('black', 'blur-2px', { blurPx: 2 }),
  coloured('brightYellow', 'blur-2px', { blurPx: 2 }),
  // A reflection across the phone's glass.
  coloured('brightYellow', 'glare', { glare: true }),
  coloured('black', 'glare', { glare: true }),
  coloured('darkRed', 'glare', { glare: true }),
  // A cheap camera's compression.
  coloured('brightYellow', 'jpeg30', { jpegQuality: JPEG_Q }),
  coloured('green', 'jpeg30', { jpegQuality: JPEG_Q }),
  coloured('amber', 'jpeg30', { jpegQuality: JPEG_Q }),
  // Light on dark, as some apps draw in their night mode.
  scene('inverted-220px', '#F0F0F0', 'none', { paper: '#101010' }),
  scene('inverted-rotated-20deg', '#FFFFFF', 'none', { paper: '#202020', rotateDeg: 20 }),
  // A coloured code on a dark screen: the colour is in the light modules.
  coloured('brightYellow', 'on-dark', { paper: '#121212' }),
  // Together, as at a real checkpoint.
  coloured('brightYellow', 'rotated-25deg-jpeg30', { rotateDeg: 25, jpegQuality: JPEG_Q }),
  coloured('yellow', 'tilted-30deg-blur-1px', { tiltDeg: 30, blurPx: 1 }),
  coloured('brightYellow', '130px-glare', { sizePx: 130, glare: true }),
  coloured('darkYellow', 'rotated-30deg-blur-1.5px-jpeg30', { rotateDeg: -30, blurPx: 1.5, jpegQuality: JPEG_Q }),
  coloured('red', 'tilted-35deg-jpeg30', { tiltDeg: 35, jpegQuality: JPEG_Q }),
  coloured('green', '110px-rotated-20deg', { sizePx: 110, rotateDeg: 20 }),
  coloured('gold', 'tilted-25deg-glare-jpeg30', { tiltDeg: -25, glare: true, jpegQuality: JPEG_Q }),
  scene('inverted-blur-1px-jpeg30', '#F0F0F0', 'none', { paper: '#101010', blurPx: 1, jpegQuality: JPEG_Q }),
];

/** The page Chromium renders a scene in: a room-grey background, a phone screen with the code, optional glare on top. */
function scenePage(codeScene: CodeScene, modules: string, count: number): string {
  const side = codeScene.sizePx;
  const quiet = (QUIET_ZONE_MODULES * side) / count;
  const inDepth = codeScene.tiltDeg !== 0 || codeScene.turnDeg !== 0;
  const transforms = [
    inDepth ? `perspective(${PERSPECTIVE_PX}px)` : '',
    codeScene.tiltDeg === 0 ? '' : `rotateX(${codeScene.tiltDeg}deg)`,
    codeScene.turnDeg === 0 ? '' : `rotateY(${codeScene.turnDeg}deg)`,
    codeScene.rotateDeg === 0 ? '' : `rotate(${codeScene.rotateDeg}deg)`,
  ].join(' ');
  const blur = codeScene.blurPx === 0 ? 'none' : `blur(${codeScene.blurPx}px)`;
  // The glare: a diagonal band, brightest in its middle, as a window or a ceiling light reflected in the glass.
  const glare = codeScene.glare
    ? `<div style="position:absolute;inset:0;background:linear-gradient(115deg, transparent 38%, rgba(255,255,255,0.55) 46%,
        rgba(255,255,255,0.7) 50%, rgba(255,255,255,0.55) 54%, transparent 62%)"></div>`
    : '';
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${FRAME_WIDTH_PX}px; height: ${FRAME_HEIGHT_PX}px; overflow: hidden; }
    body { background: radial-gradient(circle at 30% 20%, #b9b4aa, #6f6a63 70%, #4a4641); }
    #stage { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; filter: ${blur}; }
    #screen { background: ${codeScene.paper}; padding: ${quiet + SCREEN_MARGIN_PX}px; border-radius: 12px;
      box-shadow: 0 0 0 10px #1d1d1f; transform: ${transforms}; }
    canvas { display: block; }
  </style></head><body><div id="stage"><div id="screen"><canvas id="code" width="${side}" height="${side}"></canvas></div></div>
  ${glare}
  <script>
    const modules = '${modules}';
    const count = ${count};
    const canvas = document.getElementById('code');
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '${codeScene.paper}';
    ctx.fillRect(0, 0, ${side}, ${side});
    ctx.fillStyle = '${codeScene.ink}';
    const step = ${side} / count;
    // Fractional module edges, anti-aliased, as a camera sees a screen: no code is whole pixels in real life.
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < count; column += 1) {
        if (modules[row * count + column] === '1') ctx.fillRect(column * step, row * step, step + 0.02, step + 0.02);
      }
    }
  </script></body></html>`;
}

/** Captures tried per scene: see screenshotOf. */
const SCREENSHOT_ATTEMPTS = 3;

/**
 * The scene as PNG, or as JPEG at the given quality. Headless Chromium now and then answers a capture with "Unable to
 * capture screenshot" when its compositor has no frame ready on a loaded machine (one fresh-clone run in eight): the
 * capture is asked again, up to SCREENSHOT_ATTEMPTS times. This makes the test's pictures; nothing of the app is
 * retried.
 */
async function screenshotOf(page: Page, jpegQuality: number | null): Promise<Buffer> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return jpegQuality === null
        ? await page.screenshot({ type: 'png' })
        : await page.screenshot({ type: 'jpeg', quality: jpegQuality });
    } catch (error) {
      if (attempt >= SCREENSHOT_ATTEMPTS || !String(error).includes('Unable to capture screenshot')) throw error;
    }
  }
}

/** Renders one scene and returns its frame as RGBA bytes, after the JPEG round trip when the scene asks for one. */
async function renderScene(browser: Browser, codeScene: CodeScene): Promise<Uint8Array> {
  const qr = QRCode.create(codeScene.text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  let modules = '';
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) modules += qr.modules.get(row, column) ? '1' : '0';
  }
  const page = await browser.newPage({
    viewport: { width: FRAME_WIDTH_PX, height: FRAME_HEIGHT_PX },
    deviceScaleFactor: 1,
  });
  try {
    await page.setContent(scenePage(codeScene, modules, count));
    const shot = await screenshotOf(page, codeScene.jpegQuality);
    // Decoded by the same browser: no image library in Node, and the pixels are what Chromium itself would show.
    const rgbaBase64 = await page.evaluate(
      async ([base64, type, width, height]) => {
        const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type }));
        const canvas = new OffscreenCanvas(width, height);
        const context = canvas.getContext('2d');
        if (!context) throw new Error('no 2d context');
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, width, height).data;
        let binary = '';
        const CHUNK = 0x8000;
        for (let i = 0; i < data.length; i += CHUNK) binary += String.fromCharCode(...data.subarray(i, i + CHUNK));
        return btoa(binary);
      },
      [
        shot.toString('base64'),
        codeScene.jpegQuality === null ? 'image/png' : 'image/jpeg',
        FRAME_WIDTH_PX,
        FRAME_HEIGHT_PX,
      ] as const,
    );
    return new Uint8Array(Buffer.from(rgbaBase64, 'base64'));
  } finally {
    await page.close();
  }
}

/** The frame's RGB as a fake camera .y4m (one frame, which Chromium loops). */
export function rgbaToY4m(rgba: Uint8Array, width = FRAME_WIDTH_PX, height = FRAME_HEIGHT_PX): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width}×${height} RGBA, got ${rgba.length} bytes`);
  return encodeY4m(width, height, (x, y) => {
    const offset = (y * width + x) * 4;
    return [rgba[offset] ?? 0, rgba[offset + 1] ?? 0, rgba[offset + 2] ?? 0];
  });
}

function fileNameOf(index: number, codeScene: CodeScene): string {
  return `${String(index).padStart(2, '0')}-${codeScene.name}.y4m`;
}

/**
 * Renders every scene in the given browser (any Chromium; it needs no camera) and writes one .y4m per scene into a
 * new temporary directory, which holds this run's set.
 */
export async function generateCodeImages(
  browser: Browser,
  scenes: readonly CodeScene[] = CODE_SCENES,
): Promise<CodeImage[]> {
  const names = new Set(scenes.map((s) => s.name));
  if (names.size !== scenes.length) throw new Error('scene names must be unique');
  const dir = await mkdtemp(join(tmpdir(), 'kakou-code-images-'));
  const images: CodeImage[] = [];
  for (const [index, codeScene] of scenes.entries()) {
    const file = join(dir, fileNameOf(index, codeScene));
    await writeFile(file, rgbaToY4m(await renderScene(browser, codeScene)));
    images.push({ ...codeScene, file });
  }
  return images;
}

/** The frame a .y4m holds, back as RGB (BT.601 studio range, chroma per 2×2 pixels), for checking what was written. */
export function y4mToRgba(bytes: Buffer): { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> } {
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('ascii');
  const width = Number(/ W(\d+)/u.exec(header)?.[1]);
  const height = Number(/ H(\d+)/u.exec(header)?.[1]);
  const start = headerEnd + 1 + 'FRAME\n'.length;
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaSize = lumaSize / 4;
  const data = new Uint8ClampedArray(lumaSize * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const c = Math.floor(y / 2) * chromaWidth + Math.floor(x / 2);
      const luma = 1.164 * ((bytes[start + y * width + x] ?? 0) - 16);
      const u = (bytes[start + lumaSize + c] ?? 128) - 128;
      const v = (bytes[start + lumaSize + chromaSize + c] ?? 128) - 128;
      const offset = (y * width + x) * 4;
      data[offset] = luma + 1.596 * v;
      data[offset + 1] = luma - 0.392 * u - 0.813 * v;
      data[offset + 2] = luma + 2.017 * u;
      data[offset + 3] = 255;
    }
  }
  return { width, height, data };
}
