// The zxing-wasm decoder in a module worker: frames arrive as ImageBitmaps, are read off the main thread, and the
// .wasm comes from our own build (precached), never from a CDN, so scanning works offline.
import './object-has-own.ts';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { centralQuad, suggestCodeColour } from './code-colour.ts';
import { readFrame } from './zxing-passes.ts';
import type { ZxingRequest, ZxingResponse } from './zxing-protocol.ts';

/** The worker's global scope, typed by hand: the project's lib is DOM, not WebWorker. */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ZxingRequest>) => void) | null;
  postMessage(message: ZxingResponse): void;
}
const scope = self as unknown as WorkerScope;

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) =>
      path.endsWith('.wasm') ? new URL(wasmUrl, self.location.href).href : prefix + path,
  },
});

let canvas: OffscreenCanvas | null = null;

function pixelsOf(bitmap: ImageBitmap): ImageData {
  if (canvas?.width !== bitmap.width || canvas.height !== bitmap.height)
    canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context in the worker');
  context.drawImage(bitmap, 0, 0);
  return context.getImageData(0, 0, bitmap.width, bitmap.height);
}

async function answer({ id, bitmap }: ZxingRequest): Promise<ZxingResponse> {
  const started = performance.now();
  try {
    const image = pixelsOf(bitmap);
    const read = await readFrame(readBarcodes, image);
    const centralColor = read ? read.suggestedColor : suggestCodeColour(image, centralQuad(image.width, image.height));
    return {
      id,
      ok: true,
      read: read ? { text: read.text, pass: read.pass, suggestedColor: read.suggestedColor } : null,
      centralColor,
      ms: performance.now() - started,
    };
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  } finally {
    bitmap.close();
  }
}

scope.onmessage = (event) => {
  void answer(event.data).then((response) => {
    scope.postMessage(response);
  });
};
