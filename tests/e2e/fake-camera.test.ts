// The fake camera's .y4m as Chromium reads it: header, plane sizes, and the QR modules where the decoder will look.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { writeBlankY4m, writeQrY4m } from '../support/fake-camera.ts';

interface Y4m {
  header: string;
  width: number;
  height: number;
  y: Buffer;
  u: Buffer;
  v: Buffer;
}

function parseY4m(bytes: Buffer): Y4m {
  const headerEnd = bytes.indexOf(0x0a);
  const header = bytes.subarray(0, headerEnd).toString('ascii');
  const width = Number(/ W(\d+)/u.exec(header)?.[1]);
  const height = Number(/ H(\d+)/u.exec(header)?.[1]);
  const frameTag = bytes.subarray(headerEnd + 1, headerEnd + 7).toString('ascii');
  expect(frameTag).toBe('FRAME\n');
  const start = headerEnd + 7;
  const lumaSize = width * height;
  const chromaSize = lumaSize / 4;
  expect(bytes.length - start).toBe(lumaSize + 2 * chromaSize);
  return {
    header,
    width,
    height,
    y: bytes.subarray(start, start + lumaSize),
    u: bytes.subarray(start + lumaSize, start + lumaSize + chromaSize),
    v: bytes.subarray(start + lumaSize + chromaSize),
  };
}

const BLACK_Y = 16;
const WHITE_Y = 235;

describe('writeQrY4m', () => {
  it('writes a one-frame 640×480 4:2:0 stream whose pixels are the QR modules, centred, with a white quiet zone', async () => {
    const text = 'KAKOU-FAKE-CAMERA-0001';
    const moduleSizePx = 6;
    const path = await writeQrY4m(text, { moduleSizePx });
    expect(isAbsolute(path)).toBe(true);
    const frame = parseY4m(await readFile(path));
    expect(frame.header).toBe('YUV4MPEG2 W640 H480 F30:1 Ip A1:1 C420jpeg');

    const modules = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
    const codePx = modules.size * moduleSizePx;
    const left = Math.floor((640 - codePx) / 2);
    const top = Math.floor((480 - codePx) / 2);
    let mismatches = 0;
    for (let row = 0; row < modules.size; row += 1) {
      for (let column = 0; column < modules.size; column += 1) {
        // Sample a module's centre, and also its corners: whole-pixel modules have no blurred edges.
        for (const [dx, dy] of [
          [0.5, 0.5],
          [0, 0],
          [0.99, 0.99],
        ] as const) {
          const x = left + Math.floor((column + dx) * moduleSizePx);
          const y = top + Math.floor((row + dy) * moduleSizePx);
          const expected = modules.get(row, column) ? BLACK_Y : WHITE_Y;
          if (frame.y[y * 640 + x] !== expected) mismatches += 1;
        }
      }
    }
    expect(mismatches).toBe(0);
    // Quiet zone: four modules of white on every side.
    const quietPx = 4 * moduleSizePx;
    for (const [x, y] of [
      [left - quietPx, top - quietPx],
      [left + codePx + quietPx - 1, top + codePx + quietPx - 1],
      [0, 0],
      [639, 479],
    ]) {
      expect(frame.y[y! * 640 + x!]).toBe(WHITE_Y);
    }
    // Black and white carry no colour.
    expect(new Set(frame.u)).toEqual(new Set([128]));
    expect(new Set(frame.v)).toEqual(new Set([128]));
  });

  it('draws the dark modules in the given colour (red raises V, lowers U)', async () => {
    const frame = parseY4m(await readFile(await writeQrY4m('RED', { color: '#c00', moduleSizePx: 8 })));
    expect(Math.max(...frame.v)).toBeGreaterThan(200);
    expect(Math.min(...frame.u)).toBeLessThan(110);
  });

  it('honours another frame size and refuses what 4:2:0 or the frame cannot hold', async () => {
    const frame = parseY4m(await readFile(await writeQrY4m('SIZE', { width: 320, height: 240 })));
    expect([frame.width, frame.height]).toEqual([320, 240]);
    await expect(writeQrY4m('ODD', { width: 321 })).rejects.toThrow(/even/u);
    await expect(writeQrY4m('BIG', { moduleSizePx: 40 })).rejects.toThrow(/does not fit/u);
    await expect(writeQrY4m('COLOUR', { color: 'red' })).rejects.toThrow(/hex/u);
  });
});

describe('writeBlankY4m', () => {
  it('writes a white frame with nothing to decode', async () => {
    const frame = parseY4m(await readFile(await writeBlankY4m()));
    expect(new Set(frame.y)).toEqual(new Set([WHITE_Y]));
  });
});
