// What a screenshot shows, judged by its pixels rather than its PNG size (which changes with fonts and page height):
// how many pixels carry ink, decoded by the browser itself.
import type { Page } from 'playwright-core';

/** A pixel whose darkest channel is below this is ink (text, rules, bars), not paper or a pale background. */
const INK_LEVEL = 160;

/** The number of ink pixels in a PNG screenshot; decoded in `page` (any page of the browser will do). */
export async function inkedPixels(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(
    async ({ base64, inkLevel }) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context2d = canvas.getContext('2d');
      if (!context2d) throw new Error('no 2d context');
      context2d.drawImage(image, 0, 0);
      const { data } = context2d.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.min(data[i] ?? 255, data[i + 1] ?? 255, data[i + 2] ?? 255) < inkLevel) inked += 1;
      }
      return inked;
    },
    { base64: png.toString('base64'), inkLevel: INK_LEVEL },
  );
}
