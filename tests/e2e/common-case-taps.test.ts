// The common case at the tablet, in a real Chromium on the built PWA: after the fake camera reads the code, four taps
// save the person, no toggle is pressed when a step opens, and every observation stored for the person comes from a
// tap this test made — read back from IndexedDB. What was not tapped is stored, and shown, as not observed (ADR 032).
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../src/domain/time.ts';
import {
  COMMON_CASE_KEYS,
  openApp,
  saveVehicle,
  signIn,
  startCheck,
  startPersons,
  storedChecks,
  tapPlate,
  waitForStep,
} from '../support/app-driver.ts';
import { launchBrowser, newAppContext } from '../support/browser.ts';
import { writeQrY4m } from '../support/fake-camera.ts';
import { serveDist, type DistServer } from '../support/serve-dist.ts';

// Black on white: the scanner suggests no colour for it, so the colour can come only from the officer's tap.
const HEALTH_CODE_PAYLOAD = 'https://jkm.hunan.gov.cn/c/7d2e5a91c0f4';
const TIME_ZONE = 'Asia/Shanghai';
const STEP_TITLES = { look: 'look-title', check: 'check-title', verify: 'verify-title' } as const;

interface StoredPerson {
  [field: string]: unknown;
}
interface StoredRow {
  check: { vehicle: { type: string; truckPass: string | null }; persons: StoredPerson[] };
}

let server: DistServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await serveDist();
  browser = await launchBrowser({ fakeCameraFile: await writeQrY4m(HEALTH_CODE_PAYLOAD) });
});

afterAll(async () => {
  await browser.close();
  await server.close();
});

beforeEach(async () => {
  context = await newAppContext(browser, server.url);
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

/** Signs in, types a car's plate and starts the occupants: the camera reads the code by itself, 二看 opens. */
async function scanOneDriver(plate: string): Promise<void> {
  await openApp(page);
  await signIn(page);
  await startCheck(page);
  await tapPlate(page, plate);
  // The vehicle type too waits for a tap: none is pressed when the vehicle step opens.
  const typeKeys = page.getByRole('group', { name: '车辆类型' });
  await expect(typeKeys.locator('[aria-pressed="true"]').count()).resolves.toBe(0);
  await startPersons(page, '小客车');
  await waitForStep(page, 'look');
}

/** From now on, the label of every button the officer taps in the page, in order. */
async function recordTaps(): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __taps: string[] };
    w.__taps = [];
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element ? event.target.closest('button') : null;
        w.__taps.push(target?.textContent ?? '(not a button)');
      },
      { capture: true },
    );
  });
}

const taps = (): Promise<string[]> => page.evaluate(() => (window as unknown as { __taps: string[] }).__taps);

/** The toggles pressed or checked inside a step's own section (the progress strip's current step is not one). */
function pressedIn(step: keyof typeof STEP_TITLES): Promise<string[]> {
  return page
    .locator(`section[aria-labelledby="${STEP_TITLES[step]}"]`)
    .locator('[aria-pressed="true"], input:checked')
    .evaluateAll((toggles) => toggles.map((toggle) => toggle.textContent || toggle.id));
}

async function tap(name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
}

async function storedPerson(): Promise<{ person: StoredPerson; vehicleType: string; truckPass: string | null }> {
  const rows = (await storedChecks(page)) as StoredRow[];
  expect(rows).toHaveLength(1);
  const check = rows[0]!.check;
  return { person: check.persons[0]!, vehicleType: check.vehicle.type, truckPass: check.vehicle.truckPass };
}

/** The fields of a stored person that are not observations: who they are and what the rules and officer decided. */
const JUDGEMENT_FIELDS = ['role', 'flags', 'disposition', 'registration'];

describe('the common case after a scan', () => {
  it('takes 4 taps, opens every step with nothing pressed, and stores only what those taps said', async () => {
    await scanOneDriver('湘K54321');
    await recordTaps();

    expect(await pressedIn('look')).toEqual([]);
    await tap(COMMON_CASE_KEYS.look);
    await waitForStep(page, 'check');
    expect(await pressedIn('check')).toEqual([]);
    await tap(COMMON_CASE_KEYS.check);
    await waitForStep(page, 'verify');
    expect(await pressedIn('verify')).toEqual([]);
    const dayBefore = startOfLocalDay(Date.now(), TIME_ZONE, 0);
    await tap(COMMON_CASE_KEYS.verify);
    await waitForStep(page, 'decision');
    await expect(page.getByTestId('no-flags').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('unobserved').count()).resolves.toBe(0);
    await saveVehicle(page);
    const dayAfter = startOfLocalDay(Date.now(), TIME_ZONE, 0);

    expect(await taps()).toEqual([
      COMMON_CASE_KEYS.look,
      COMMON_CASE_KEYS.check,
      COMMON_CASE_KEYS.verify,
      COMMON_CASE_KEYS.save,
    ]);

    const { person, vehicleType, truckPass } = await storedPerson();
    const { sampledAt } = person['test'] as { sampledAt: string };
    // "Today" is the local midnight of the day the key was tapped (a run across midnight may see either day).
    expect([dayBefore, dayAfter]).toContain(sampledAt);
    const fromTaps: StoredPerson = {
      // 一扫: the camera's read (no tap), kept only as the payload's digest.
      scan: 'camera',
      codeDigest: createHash('sha256').update(HEALTH_CODE_PAYLOAD).digest('hex'),
      // 绿码 · 无星: the colour, tapped with no suggestion, and the card looked at with no star.
      codeColor: 'green',
      codeColorSource: 'officer',
      itineraryStar: false,
      itinerarySeen: true,
      itineraryCities: [],
      // 36.5 · 已核验证件: the reading and the ID check.
      temperatures: [36.5],
      idChecked: true,
      // 阴性 · 今天采样.
      test: { status: 'negative', sampledAt },
      // No dose tapped: not asked, which is what the record says.
      vaccineDoses: null,
    };
    // Every field of the stored person is either one of these observations or the judgement: nothing unaccounted.
    expect(Object.keys(person).sort()).toEqual([...Object.keys(fromTaps), ...JUDGEMENT_FIELDS].sort());
    expect(Object.fromEntries(Object.keys(fromTaps).map((field) => [field, person[field]]))).toEqual(fromTaps);
    expect(person).toMatchObject({ flags: [], disposition: 'release', registration: null });
    // A car, as tapped before the scan: no pass was asked or typed, none is stored.
    expect(vehicleType).toBe('car');
    expect(truckPass).toBeNull();
    // Only the digest of the code is kept, never its payload.
    expect(JSON.stringify(person)).not.toContain('7d2e5a91c0f4');
  });

  it('stores a card and an ID the officer did not answer as not seen and not checked, and says so', async () => {
    await scanOneDriver('湘K13579');
    await recordTaps();
    // The colour alone, then a reading typed on the pad: neither says anything of the star or the ID.
    await tap('绿码');
    await waitForStep(page, 'check');
    await page.getByLabel('体温 °C').focus();
    await page.keyboard.type('36.5');
    await tap('确定');
    await waitForStep(page, 'verify');
    await tap(COMMON_CASE_KEYS.verify);
    await waitForStep(page, 'decision');
    await expect
      .poll(() => page.locator('[data-testid="unobserved"] [data-unobserved]').allTextContents())
      .toEqual(['行程卡：未查看', '身份证件：未核验']);
    await saveVehicle(page);
    expect(await taps()).toEqual(['绿码', '确定', COMMON_CASE_KEYS.verify, COMMON_CASE_KEYS.save]);

    const { person } = await storedPerson();
    expect(person).toMatchObject({
      codeColor: 'green',
      itineraryStar: false,
      itinerarySeen: false,
      itineraryCities: [],
      temperatures: [36.5],
      idChecked: false,
      flags: [],
    });

    // The saved check, and the review of an amendment, say it in words.
    await page.goto('/checks');
    await page.getByText('湘K13579').click();
    await page.getByTestId('check-detail').waitFor();
    await expect(page.getByTestId('itinerary-status').textContent()).resolves.toBe('行程卡：未查看');
    await expect(page.getByTestId('id-status').textContent()).resolves.toBe('身份证件：未核验');
    await page.getByRole('button', { name: '修改此记录' }).click();
    await page.waitForSelector('[data-testid="check-flow"][data-stage="review"]');
    await expect(page.getByTestId('itinerary-status').textContent()).resolves.toBe('行程卡：未查看');
    await expect(page.getByTestId('id-status').textContent()).resolves.toBe('身份证件：未核验');
  });
});
