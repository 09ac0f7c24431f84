// Figures 13–15: the generated code set read on /camera-test by html5-qrcode alone (the baseline), zxing-wasm alone and
// both (the product): read rate, camera start → read, and whether the colour the product suggests is right.
import { loadavg } from 'node:os';
import { launchBrowser } from '../tests/support/browser.ts';
import {
  DECODER_CHOICES,
  firstCameraRead,
  type CameraRead,
  type DecoderChoice,
} from '../tests/support/camera-reads.ts';
import { generateCodeImages, type CodeImage } from '../tests/support/code-images.ts';
import { serveDist } from '../tests/support/serve-dist.ts';
import { notMeasured, type Measured, type MeasurementResult, type Quantity } from './measurement.ts';
import { median, percentile } from './stats.ts';

/** A read counts when it comes within this long of camera start; the issue asks for 1 s, this also shows the near misses. */
const CAP_MS = 3_000;
/** The issue's promise, reported beside the cap. */
const PROMISE_MS = 1_000;

const MEASUREMENTS = {
  rate: {
    id: '13',
    title: 'Generated code set: codes read within 3 s of camera start, both decoders',
    goal: { min: 100, unit: '%' },
  },
  speed: {
    id: '14',
    title: 'Generated code set: camera start → read, median, both decoders',
    goal: { max: PROMISE_MS, unit: 'ms' },
  },
  colour: {
    id: '15',
    title: 'Generated code set: colour suggested right (coloured codes), both decoders',
    goal: { min: 100, unit: '%' },
  },
} as const;

const LABEL: Readonly<Record<DecoderChoice, string>> = {
  'html5-qrcode': 'html5-qrcode alone',
  'zxing-wasm': 'zxing-wasm alone',
  all: 'both (the product)',
};

type Outcome = { image: CodeImage; read: CameraRead | null };

const isRead = (o: Outcome): o is { image: CodeImage; read: CameraRead } =>
  o.read !== null && o.read.text === o.image.text && o.read.ms <= CAP_MS;

const share = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);

/** Two images at a time, each in its own browser, as the e2e suite runs them: the machine has 2 cores. */
const BROWSERS_AT_ONCE = 2;

/** The three configurations on one image, in its own browser (one fake camera file per browser process). */
async function readImage(
  image: CodeImage,
  index: number,
  appUrl: string,
): Promise<Map<DecoderChoice, CameraRead | null>> {
  const reads = new Map<DecoderChoice, CameraRead | null>();
  const browser = await launchBrowser({ fakeCameraFile: image.file });
  try {
    // A fresh context per configuration, in an order rotated from image to image so none always gets the coldest page.
    for (let k = 0; k < DECODER_CHOICES.length; k += 1) {
      const choice = DECODER_CHOICES[(index + k) % DECODER_CHOICES.length] ?? 'all';
      reads.set(choice, await firstCameraRead(browser, appUrl, choice, CAP_MS));
    }
  } finally {
    await browser.close();
  }
  return reads;
}

async function readAll(images: readonly CodeImage[], appUrl: string): Promise<Map<DecoderChoice, Outcome[]>> {
  const perImage: Map<DecoderChoice, CameraRead | null>[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let index = next++; index < images.length; index = next++) {
      const image = images[index];
      if (image) perImage[index] = await readImage(image, index, appUrl);
    }
  };
  await Promise.all(Array.from({ length: BROWSERS_AT_ONCE }, lane));
  return new Map(
    DECODER_CHOICES.map((choice) => [
      choice,
      images.map((image, index) => ({ image, read: perImage[index]?.get(choice) ?? null })),
    ]),
  );
}

function rateOf(outcomes: readonly Outcome[], withinMs: number): number {
  return share(outcomes.filter((o) => isRead(o) && o.read.ms <= withinMs).length, outcomes.length);
}

function readMs(outcomes: readonly Outcome[]): number[] {
  return outcomes.filter(isRead).map((o) => o.read.ms);
}

/** Camera start → the read on screen, and → its colour suggestion on screen (which may follow an html5-qrcode read). */
function shownDetails(outcomes: readonly Outcome[]): Quantity[] {
  const reads = outcomes.filter(isRead).map((o) => o.read);
  if (reads.length === 0) return [];
  const shown = reads.map((r) => r.shownMs);
  const colourShown = reads.flatMap((r) => (r.colorShownMs === null ? [] : [r.colorShownMs]));
  const colourLines: Quantity[] =
    colourShown.length === 0
      ? []
      : [
          {
            label: `${LABEL.all}, camera start → colour suggestion on screen, median`,
            value: median(colourShown),
            unit: 'ms',
          },
          {
            label: `${LABEL.all}, camera start → colour suggestion on screen, slowest`,
            value: Math.max(...colourShown),
            unit: 'ms',
          },
        ];
  return [
    { label: `${LABEL.all}, camera start → read shown on screen, median`, value: median(shown), unit: 'ms' },
    { label: `${LABEL.all}, camera start → read shown on screen, slowest`, value: Math.max(...shown), unit: 'ms' },
    ...colourLines,
  ];
}

const names = (outcomes: readonly Outcome[]): string =>
  outcomes.length === 0 ? 'none' : outcomes.map((o) => o.image.name).join(', ');

export async function measureCodeSet(options: { distBuilt: boolean }): Promise<MeasurementResult[]> {
  const all = Object.values(MEASUREMENTS);
  if (!options.distBuilt) return all.map((m) => notMeasured(m, 'the app did not build (see figure 1)'));
  try {
    const renderer = await launchBrowser();
    let images: CodeImage[];
    try {
      images = await generateCodeImages(renderer);
    } finally {
      await renderer.close();
    }
    const server = await serveDist();
    // Other work on the machine slows every browser alike; the ratios hold, the absolute times say how busy it was.
    const loadBefore = loadavg()[0] ?? 0;
    let outcomes: Map<DecoderChoice, Outcome[]>;
    try {
      outcomes = await readAll(images, server.url);
    } finally {
      await server.close();
    }
    const loadAfter = loadavg()[0] ?? 0;
    const of = (choice: DecoderChoice): Outcome[] => outcomes.get(choice) ?? [];
    const product = of('all');
    const baseline = of('html5-qrcode');
    const zxing = of('zxing-wasm');
    const setNote = `${images.length} generated 640×480 frames (tests/support/code-images.ts), each played as the camera of a fresh Chromium, two at a time (2 cores, as the e2e suite runs them); a fresh context per configuration; a read counts when its text is right and it comes within ${CAP_MS} ms of camera start`;

    const rate: Measured = {
      ...MEASUREMENTS.rate,
      status: 'measured',
      figure: { label: LABEL.all, value: rateOf(product, CAP_MS), unit: '%' },
      baselines: [
        { label: LABEL['html5-qrcode'], value: rateOf(baseline, CAP_MS), unit: '%' },
        { label: LABEL['zxing-wasm'], value: rateOf(zxing, CAP_MS), unit: '%' },
      ],
      details: DECODER_CHOICES.map((choice) => ({
        label: `${LABEL[choice]}, within ${PROMISE_MS} ms`,
        value: rateOf(of(choice), PROMISE_MS),
        unit: '%',
      })),
      notes: [
        setNote,
        `load average (1 min) ${loadBefore.toFixed(1)} before the reads and ${loadAfter.toFixed(1)} after`,
        ...DECODER_CHOICES.map(
          (choice) => `not read by ${LABEL[choice]}: ${names(of(choice).filter((o) => !isRead(o)))}`,
        ),
        `in the product, first read by html5-qrcode: ${product.filter((o) => isRead(o) && o.read.decoder === 'html5-qrcode').length}, by zxing-wasm: ${product.filter((o) => isRead(o) && o.read.decoder === 'zxing-wasm').length}`,
      ],
    };

    const medianOf = (label: string, samples: readonly number[]): Quantity[] =>
      samples.length > 0 ? [{ label, value: median(samples), unit: 'ms' }] : [];
    // The same images for every configuration: the ones all three read, so the medians compare like with like.
    const readByAll = product.filter(
      (o, i) => isRead(o) && [baseline[i], zxing[i]].every((other) => other !== undefined && isRead(other)),
    );
    const sameImagesMs = (choice: DecoderChoice): number[] =>
      readMs(of(choice).filter((o) => readByAll.some((r) => r.image.name === o.image.name)));
    const productMs = readMs(product);
    const speed: MeasurementResult =
      productMs.length === 0
        ? notMeasured(MEASUREMENTS.speed, 'the product read none of the set')
        : {
            ...MEASUREMENTS.speed,
            status: 'measured',
            figure: { label: `${LABEL.all}, over its ${productMs.length} reads`, value: median(productMs), unit: 'ms' },
            baselines: [
              ...medianOf(`${LABEL['html5-qrcode']}, over its ${readMs(baseline).length} reads`, readMs(baseline)),
              ...medianOf(`${LABEL['zxing-wasm']}, over its ${readMs(zxing).length} reads`, readMs(zxing)),
            ],
            details: [
              { label: `${LABEL.all}, p95`, value: percentile(productMs, 95), unit: 'ms' },
              { label: `${LABEL.all}, slowest`, value: Math.max(...productMs), unit: 'ms' },
              ...shownDetails(product),
              ...DECODER_CHOICES.flatMap((choice) =>
                medianOf(`${LABEL[choice]}, the ${readByAll.length} codes all three read`, sameImagesMs(choice)),
              ),
            ],
            notes: [
              "camera start = the scanner's camera running (the camera test's clock, data-ms); each median is over the codes that configuration read, so the baselines' cover easier codes",
              `${LABEL.all} later than ${PROMISE_MS} ms: ${names(product.filter((o) => isRead(o) && o.read.ms > PROMISE_MS))}`,
            ],
          };

    const coloured = product.filter((o) => o.image.expectedColor !== 'none');
    const plain = product.filter((o) => o.image.expectedColor === 'none');
    const colourRight = (o: Outcome): boolean => isRead(o) && o.read.color === o.image.expectedColor;
    const wrongColour = (o: Outcome): string =>
      `${o.image.name} (${o.read === null ? 'not read' : `${o.read.color} by ${o.read.decoder}`})`;
    const colour: Measured = {
      ...MEASUREMENTS.colour,
      status: 'measured',
      figure: {
        label: `${coloured.filter(colourRight).length} of ${coloured.length} green, yellow and red codes`,
        value: share(coloured.filter(colourRight).length, coloured.length),
        unit: '%',
      },
      baselines: [],
      details: [
        {
          label: `black, grey and inverted codes left unsuggested ('none'), ${plain.filter(colourRight).length} of ${plain.length}`,
          value: share(plain.filter(colourRight).length, plain.length),
          unit: '%',
        },
      ],
      notes: [
        `wrong or missing: ${
          [...coloured, ...plain]
            .filter((o) => !colourRight(o))
            .map(wrongColour)
            .join(', ') || 'none'
        }`,
      ],
    };
    return [rate, speed, colour];
  } catch (e) {
    return all.map((m) => notMeasured(m, e));
  }
}
