// Codes a checkpoint meets, read by the built app in real Chromium: a quarter of the generated set, spread over its
// kinds (colours, small, dense, rotated, tilted, blurred, glare, low quality, inverted), each played as the camera on
// /camera-test (all decoders, as shipped) must be read with the right text and colour suggested, and the camera
// released after the read. How fast (the officer's 1 s) is the bench's figure over the whole set
// (`npm run bench -- --only code-set`): a wall-clock limit here would fail on a busy machine.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.ts';
import { firstCameraRead } from '../support/camera-reads.ts';
import { CODE_SCENES, generateCodeImages } from '../support/code-images.ts';
import type { CodeImage } from '../support/code-images.ts';
import { serveDist } from '../support/serve-dist.ts';
import type { DistServer } from '../support/serve-dist.ts';

/** Generous on purpose: on a loaded machine a read takes longer; only a code never read fails. */
const WATCH_MS = 20_000;
/** Every SAMPLE_EVERY-th scene: the set is listed kind by kind, so the sample is spread over the kinds. */
const SAMPLE_EVERY = 4;
const SAMPLED_SCENES = CODE_SCENES.filter((_, index) => index % SAMPLE_EVERY === 0);
/** Two browsers at a time: the machine has 2 cores. */
const BROWSERS_AT_ONCE = 2;

/** Runs at most `slots` of the given tasks at once, in the order they ask. */
function limiter(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (free === 0) await new Promise<void>((resolve) => waiting.push(resolve));
    else free -= 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else free += 1;
    }
  };
}

let server: DistServer;
const images = new Map<string, CodeImage>();

beforeAll(async () => {
  server = await serveDist();
  const renderer = await launchBrowser();
  try {
    for (const image of await generateCodeImages(renderer, SAMPLED_SCENES)) images.set(image.name, image);
  } finally {
    await renderer.close();
  }
});

afterAll(async () => {
  await server.close();
});

const inBrowserSlot = limiter(BROWSERS_AT_ONCE);

describe.concurrent('a sample of the generated code set on /camera-test, all decoders', () => {
  for (const scene of SAMPLED_SCENES) {
    it(`${scene.name}: read, colour ${scene.expectedColor}`, async ({ expect }) => {
      const image = images.get(scene.name);
      if (!image) throw new Error(`${scene.name} was not generated`);
      const read = await inBrowserSlot(async () => {
        // One fake camera file per browser process: a browser per image.
        const browser: Browser = await launchBrowser({ fakeCameraFile: image.file });
        try {
          return await firstCameraRead(browser, server.url, 'all', WATCH_MS, { countCameras: true });
        } finally {
          await browser.close();
        }
      });
      expect(read, `${image.name}: no read within ${WATCH_MS} ms of the camera running`).not.toBeNull();
      if (read === null) return;
      const who = `${image.name}: read by ${read.decoder} in ${read.ms} ms, shown at ${read.shownMs} ms, colour at ${read.colorShownMs ?? 'never'} ms`;
      expect(read.text, `${who}, wrong text`).toBe(image.text);
      expect(read.color, `${who}, suggested ${read.color} for a ${image.expectedColor} code`).toBe(image.expectedColor);
      // Both decoders share one camera, and a read ends the scan: it is released.
      expect(read.camerasOpened, `${who}, cameras opened`).toBe(1);
      expect(read.liveCamerasAfterRead, `${who}, camera still open after the read`).toBe(0);
    });
  }
});
