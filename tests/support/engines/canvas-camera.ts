// A camera for engines that cannot play a file as their fake camera (Firefox and WebKit): getUserMedia answers with the
// capture stream of a canvas that draws whatever QR code the test shows it, so the app's scanner reads a real video
// track frame by frame, as from a tablet's camera. Served same-origin by tests/support/engines/app-proxy.ts and
// loaded before the app's scripts.
import QRCode from 'qrcode';
import type { EnginePage } from './engine-page.ts';

/** The path the proxy serves the script at; only the proxy knows it, the app never does. */
export const CANVAS_CAMERA_PATH = '/__kakou-test__/canvas-camera.js';

/** A camera's frame, and the frame rate of the stream drawn from it. */
const FRAME = { width: 640, height: 480, fps: 15 } as const;

export const CANVAS_CAMERA_SCRIPT = `(() => {
  // What went wrong in the page, for a failing step's report (tests/support/engines/engine-page.ts).
  const errors = (window.__kakouPageErrors = []);
  addEventListener('error', (event) => errors.push(String(event.message)));
  addEventListener('unhandledrejection', (event) => errors.push('unhandled: ' + String(event.reason && (event.reason.stack || event.reason))));
  const canvas = document.createElement('canvas');
  canvas.width = ${FRAME.width};
  canvas.height = ${FRAME.height};
  const context = canvas.getContext('2d');
  let code = null;
  const draw = () => {
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (code === null) return;
    const quiet = 4;
    const module = Math.floor(Math.min(canvas.width, canvas.height) * 0.8 / (code.size + 2 * quiet));
    const left = Math.floor((canvas.width - code.size * module) / 2);
    const top = Math.floor((canvas.height - code.size * module) / 2);
    context.fillStyle = code.ink;
    for (let row = 0; row < code.size; row += 1)
      for (let column = 0; column < code.size; column += 1)
        if (code.modules[row * code.size + column] === 1) context.fillRect(left + column * module, top + row * module, module, module);
  };
  // A capture stream sends a frame only when the canvas changes: redraw on a timer, as a camera keeps sending.
  setInterval(draw, ${Math.round(1000 / FRAME.fps)});
  draw();
  window.__kakouCanvasCamera = {
    show(next) { code = next; draw(); },
    clear() { code = null; draw(); },
  };
  const camera = () => canvas.captureStream(${FRAME.fps});
  const getUserMedia = async (constraints) => {
    if (!constraints || !constraints.video) throw new DOMException('only a camera here', 'NotFoundError');
    return camera();
  };
  const enumerateDevices = async () => [
    { deviceId: 'canvas-camera', groupId: 'canvas', kind: 'videoinput', label: 'Canvas camera', toJSON() { return this; } },
  ];
  // On the prototype, with defineProperty: WebKit ignores a plain assignment to the instance's methods.
  const devices = typeof MediaDevices === 'function' ? MediaDevices.prototype : null;
  if (devices === null) Object.defineProperty(navigator, 'mediaDevices', { value: {}, configurable: true });
  const target = devices ?? navigator.mediaDevices;
  for (const [name, value] of Object.entries({ getUserMedia, enumerateDevices }))
    Object.defineProperty(target, name, { value, configurable: true, writable: true });
})();`;

/** Shows a health code in front of the camera: `text` as a QR code drawn in `ink` on white. */
export async function showCode(page: EnginePage, text: string, ink: string): Promise<void> {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const code = { size: modules.size, ink, modules: Array.from(modules.data) };
  await page.evaluate(`window.__kakouCanvasCamera.show(${JSON.stringify(code)});`);
}

export async function clearCamera(page: EnginePage): Promise<void> {
  await page.evaluate('window.__kakouCanvasCamera.clear();');
}
