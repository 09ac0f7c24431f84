// What an officer does on the tablet, as steps for end-to-end tests (Chinese UI, the default).
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const SIGN_IN = { officerId: '017', officerName: '张伟', team: 'A' } as const;
/** The lead PIN tests enroll with unless they say otherwise. */
export const LEAD_PIN = '482913';

export async function openApp(page: Page, path = '/'): Promise<void> {
  await page.goto(path);
  await page.waitForSelector('[data-ready="true"]');
}

/** Opens the app as a tablet does after its first visit: reloaded once its service worker is ready, so it controls the page. */
export async function openInstalledApp(page: Page, path = '/'): Promise<void> {
  await openApp(page, path);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await page.waitForSelector('[data-ready="true"]');
}

export interface EnrollOptions {
  enrollmentCode: string;
  deviceName?: string;
  /** The tablet's first lead PIN, typed twice; ignored by the form when the tablet already has one. */
  leadPin?: string;
}

/**
 * Fills the enrollment form of the page (open at /enroll; the server address defaults to the page's origin) and
 * waits for the enrolled checkpoint to show.
 */
export async function enrollTablet(
  page: Page,
  { enrollmentCode, deviceName = '3号平板', leadPin = LEAD_PIN }: EnrollOptions,
): Promise<void> {
  await page.getByLabel('登记码').fill(enrollmentCode);
  await page.getByLabel('本机名称').fill(deviceName);
  const pinField = page.getByLabel('班组长密码', { exact: true });
  if ((await pinField.count()) > 0) {
    await pinField.fill(leadPin);
    await page.getByLabel('再次输入班组长密码').fill(leadPin);
  }
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await page.getByTestId('enrolled-checkpoint').waitFor();
}

/**
 * Opens the lead's screen behind the gate: taps the PIN on the pad as a gloved lead would or, on a tablet that has
 * no lead PIN yet (enrolled before PINs existed, or not enrolled), sets `pin` as its first one. Waits for the screen.
 */
export async function unlockLead(page: Page, pin = LEAD_PIN): Promise<void> {
  const pad = page.getByRole('group', { name: '班组长密码' });
  const firstPin = page.getByTestId('lead-first-pin');
  await pad.or(firstPin).waitFor();
  if (await firstPin.isVisible()) {
    await page.getByLabel('班组长密码', { exact: true }).fill(pin);
    await page.getByLabel('再次输入班组长密码').fill(pin);
    await page.getByRole('button', { name: '保存并进入' }).click();
  } else {
    for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await pad.getByRole('button', { name: '确定' }).click();
  }
  await page.getByTestId('lead-unlocked').waitFor();
}

export async function signIn(
  page: Page,
  officer: { officerId: string; officerName: string; team: string } = SIGN_IN,
): Promise<void> {
  await page.getByLabel(/工号/u).fill(officer.officerId);
  await page.getByLabel(/姓名/u).fill(officer.officerName);
  await page.getByRole('button', { name: new RegExp(`^${officer.team}\\s*班`, 'u') }).click();
  await page.getByRole('button', { name: /开始本班/u }).click();
  await page.waitForSelector('[data-testid="start-check"]');
}

export async function startCheck(page: Page): Promise<void> {
  await page.click('[data-testid="start-check"]');
  await page.waitForSelector('[data-testid="check-flow"][data-stage="vehicle"]');
}

/** Taps the plate on the on-screen plate keyboard, one key per character. */
/** The plate as the keyboard reads it out to screen readers ('车牌：湘K12'); '' before the first key. */
async function plateSoFar(page: Page): Promise<string> {
  const spoken = (await page.locator('.plate-keyboard .sr-only').first().textContent()) ?? '';
  return spoken === '车牌：（未输入）' ? '' : spoken.replace(/^车牌：/u, '');
}

/** Taps the plate's keys one by one, each seen on the plate before the next: a lost tap fails at its own key. */
export async function tapPlate(page: Page, plate: string): Promise<void> {
  for (const key of plate) {
    const expected = (await plateSoFar(page)) + key;
    await page
      .locator('button', { hasText: new RegExp(`^${key}$`, 'u') })
      .first()
      .click();
    await expect.poll(() => plateSoFar(page), { message: `after tapping ${key}` }).toBe(expected);
  }
}

export async function setOccupants(page: Page, count: number): Promise<void> {
  const output = page.getByTestId('occupants');
  while (Number(await output.textContent()) < count) await page.getByRole('button', { name: '增加一人' }).click();
}

/** Taps the vehicle type (nothing is preselected, ADR 032), then starts screening the occupants. */
export async function startPersons(page: Page, vehicleType = '小客车'): Promise<void> {
  const typeKey = page.getByRole('group', { name: '车辆类型' }).getByRole('button', { name: vehicleType, exact: true });
  await typeKey.click();
  // Seen pressed before the next tap, as tapPlate does: a lost tap fails here, at its own key, not 45 s later.
  await expect
    .poll(() => typeKey.getAttribute('aria-pressed'), { message: `after tapping ${vehicleType}` })
    .toBe('true');
  await page.getByRole('button', { name: '开始检查人员' }).click();
  // The occupants' stage, at whichever step: with a code before the camera, 一扫 reads it and moves on to 二看 by
  // itself, sometimes between two of Playwright's looks on a loaded machine, so waiting for 一扫 itself could miss it.
  await page.waitForSelector('[data-testid="check-flow"][data-stage="persons"]');
}

export async function waitForStep(page: Page, step: 'scan' | 'look' | 'check' | 'verify' | 'decision'): Promise<void> {
  await page.waitForSelector(`[data-testid="check-flow"][data-step="${step}"]`);
}

/** The keys of the common case, each recording what its label says (ADR 032). */
export const COMMON_CASE_KEYS = {
  look: '绿码 · 无星',
  check: '36.5 · 已核验证件',
  verify: '阴性 · 今天采样',
  save: '完成并保存',
} as const;

/** 二看 三查 四验 for a person with nothing to flag: green and no star, 36.5 °C and ID checked, negative sampled today. */
export async function screenCommonCase(page: Page): Promise<void> {
  await waitForStep(page, 'look');
  await page.getByRole('button', { name: COMMON_CASE_KEYS.look, exact: true }).click();
  await waitForStep(page, 'check');
  await page.getByRole('button', { name: COMMON_CASE_KEYS.check, exact: true }).click();
  await waitForStep(page, 'verify');
  await page.getByRole('button', { name: '阴性 · 今天采样' }).click();
  await waitForStep(page, 'decision');
}

export async function saveVehicle(page: Page): Promise<void> {
  await page.getByRole('button', { name: '完成并保存' }).click();
  await page.waitForSelector('[data-testid="saved-toast"]');
}

/** A car with one driver, no phone, nothing to flag: start to saved. */
export async function completeCommonCar(page: Page, plate: string): Promise<void> {
  await startCheck(page);
  await tapPlate(page, plate);
  await startPersons(page);
  await page.getByRole('button', { name: '无手机' }).click();
  await screenCommonCase(page);
  await saveVehicle(page);
}

export const HELD_DRIVER = { name: '王强', idNumber: '11010519491231002X', phone: '13812345678' } as const;

/** A truck whose driver shows a red code: the policy holds him at the checkpoint (留置观察), registered. */
export async function completeHeldTruckDriver(page: Page, plate: string, driver = HELD_DRIVER): Promise<void> {
  await startCheck(page);
  await tapPlate(page, plate);
  await startPersons(page, '货车');
  await page.getByRole('button', { name: '无手机' }).click();
  await waitForStep(page, 'look');
  await page.getByRole('button', { name: '红码', exact: true }).click();
  await waitForStep(page, 'check');
  await page.getByRole('button', { name: '36.5 · 已核验证件', exact: true }).click();
  await waitForStep(page, 'verify');
  await page.getByRole('button', { name: '阴性 · 今天采样' }).click();
  await waitForStep(page, 'decision');
  await page.getByLabel('姓名').fill(driver.name);
  await page.getByLabel('身份证号（18 位）').fill(driver.idNumber);
  await page.getByLabel('手机号').fill(driver.phone);
  await pickDestination(page, HELD_DESTINATION);
  await saveVehicle(page);
}

/** Where the held driver and the tests' other flagged travellers are going: a village of the division lists. */
export const HELD_DESTINATION = { county: '双峰县', township: '三塘铺镇', village: '黄河村' } as const;

/**
 * Chooses the destination in the picker as an officer does: the county by its name in the search (or among the
 * checkpoint's neighbours with `search: false`), then the township and the village from their lists.
 */
export async function pickDestination(
  page: Page,
  place: { county: string; township: string; village: string },
  { search = true }: { search?: boolean } = {},
): Promise<void> {
  await page.getByRole('button', { name: /^(选择|更改)目的地$/u }).click();
  if (search) await page.getByLabel('搜索县区（全国）').fill(place.county);
  await page
    .getByRole('button', { name: new RegExp(`^${place.county}`, 'u') })
    .first()
    .click();
  await page.getByRole('button', { name: place.township, exact: true }).click();
  await page.getByRole('button', { name: place.village, exact: true }).click();
  await expect
    .poll(() => page.getByTestId('destination-summary').textContent())
    .toContain(`${place.county} ${place.township} ${place.village}`);
}

/** Reads this tablet's stored checks straight from IndexedDB, as the app stored them. */
/** Every row of one of the app's IndexedDB stores, read in the page without the app's code. */
async function storedRows(page: Page, store: 'checks' | 'drafts'): Promise<unknown[]> {
  return page.evaluate(
    (name) =>
      new Promise<unknown[]>((resolve, reject) => {
        const open = indexedDB.open('kakou');
        open.onerror = () => {
          reject(new Error(String(open.error)));
        };
        open.onsuccess = () => {
          const request = open.result.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as unknown[]);
          };
          request.onerror = () => {
            reject(new Error(String(request.error)));
          };
        };
      }),
    store,
  );
}

export const storedChecks = (page: Page): Promise<unknown[]> => storedRows(page, 'checks');

/** The drafts as IndexedDB holds them, as JSON text: what a reload would restore. */
export const storedDraftsText = async (page: Page): Promise<string> => JSON.stringify(await storedRows(page, 'drafts'));

export async function expectPendingCount(page: Page, count: number): Promise<void> {
  await expect.poll(() => page.getByTestId('header-pending').getAttribute('data-count')).toBe(String(count));
}
