// Camera footage for Chromium's fake capture device, made without ffmpeg: a QR code (or nothing) on white, as .y4m.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import QRCode from 'qrcode';

export interface Y4mOptions {
  width?: number;
  height?: number;
  /** Side of one QR module in whole pixels; by default the code is about half the frame's smaller side. */
  moduleSizePx?: number;
  /** The dark modules' colour, CSS hex (#rgb or #rrggbb). */
  color?: string;
  /** Where to write; by default a new temporary directory. */
  file?: string;
}

const DEFAULT_WIDTH_PX = 640;
const DEFAULT_HEIGHT_PX = 480;
/** The QR standard asks for four modules of light margin around the code. */
const QUIET_ZONE_MODULES = 4;
/** Default code size as a share of the frame's smaller side: well inside the scanner's 80 % box. */
const DEFAULT_CODE_SHARE = 0.5;

type Rgb = readonly [number, number, number];

const WHITE: Rgb = [255, 255, 255];

function parseHexColor(color: string): Rgb {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec(color);
  if (!match?.[1]) throw new Error(`not a CSS hex colour: ${color}`);
  const hex = match[1].length === 3 ? match[1].replace(/./gu, (digit) => digit + digit) : match[1];
  return [
    Number.parseInt(hex.slice(0, 2), 16),
    Number.parseInt(hex.slice(2, 4), 16),
    Number.parseInt(hex.slice(4, 6), 16),
  ];
}

const clampByte = (value: number): number => Math.max(0, Math.min(255, Math.round(value)));

/** BT.601 studio range, which is what Chromium assumes for I420 camera frames. */
function lumaOf([r, g, b]: Rgb): number {
  return clampByte(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255);
}
function chromaBlueOf([r, g, b]: Rgb): number {
  return clampByte(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
}
function chromaRedOf([r, g, b]: Rgb): number {
  return clampByte(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
}

/** One frame as RGB triples, row by row. */
type Frame = (x: number, y: number) => Rgb;

/** Encodes one frame as YUV 4:2:0 (chroma averaged over 2×2 pixels) in a one-frame YUV4MPEG2 stream. */
export function encodeY4m(width: number, height: number, pixelAt: Frame): Buffer {
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error('4:2:0 needs an even width and height');
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  const lumaSize = width * height;
  const chromaWidth = width / 2;
  const chromaSize = chromaWidth * (height / 2);
  const planes = Buffer.alloc(lumaSize + 2 * chromaSize);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) planes[y * width + x] = lumaOf(pixelAt(x, y));
  }
  for (let cy = 0; cy < height / 2; cy += 1) {
    for (let cx = 0; cx < chromaWidth; cx += 1) {
      let u = 0;
      let v = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const rgb = pixelAt(2 * cx + dx, 2 * cy + dy);
        u += chromaBlueOf(rgb);
        v += chromaRedOf(rgb);
      }
      planes[lumaSize + cy * chromaWidth + cx] = Math.round(u / 4);
      planes[lumaSize + chromaSize + cy * chromaWidth + cx] = Math.round(v / 4);
    }
  }
  return Buffer.concat([header, planes]);
}

async function writeFrame(bytes: Buffer, file: string | undefined): Promise<string> {
  const target =
    file === undefined ? join(await mkdtemp(join(tmpdir(), 'kakou-camera-')), 'camera.y4m') : resolve(file);
  await writeFile(target, bytes);
  return target;
}

/** Writes a camera frame showing `text` as a QR code, centred on white; returns the file's absolute path. */
export async function writeQrY4m(text: string, options: Y4mOptions = {}): Promise<string> {
  const width = options.width ?? DEFAULT_WIDTH_PX;
  const height = options.height ?? DEFAULT_HEIGHT_PX;
  const dark = parseHexColor(options.color ?? '#000000');
  const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const count = modules.size;
  const withQuietZone = count + 2 * QUIET_ZONE_MODULES;
  const moduleSizePx =
    options.moduleSizePx ?? Math.max(1, Math.floor((Math.min(width, height) * DEFAULT_CODE_SHARE) / withQuietZone));
  if (!Number.isInteger(moduleSizePx) || moduleSizePx < 1)
    throw new Error('moduleSizePx must be a whole number of pixels');
  const codePx = withQuietZone * moduleSizePx;
  if (codePx > width || codePx > height)
    throw new Error(`a ${count}-module code at ${moduleSizePx} px does not fit ${width}×${height}`);
  const left = Math.floor((width - codePx) / 2) + QUIET_ZONE_MODULES * moduleSizePx;
  const top = Math.floor((height - codePx) / 2) + QUIET_ZONE_MODULES * moduleSizePx;

  const bytes = encodeY4m(width, height, (x, y) => {
    const column = Math.floor((x - left) / moduleSizePx);
    const row = Math.floor((y - top) / moduleSizePx);
    if (x < left || y < top || column >= count || row >= count) return WHITE;
    return modules.get(row, column) ? dark : WHITE;
  });
  return writeFrame(bytes, options.file);
}

/** Writes a camera frame with no code in it (a white wall), for tests where the camera must keep scanning. */
export async function writeBlankY4m(options: Pick<Y4mOptions, 'width' | 'height' | 'file'> = {}): Promise<string> {
  const bytes = encodeY4m(options.width ?? DEFAULT_WIDTH_PX, options.height ?? DEFAULT_HEIGHT_PX, () => WHITE);
  return writeFrame(bytes, options.file);
}
