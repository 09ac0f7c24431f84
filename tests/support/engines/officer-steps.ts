// What an officer does on the tablet, as steps any engine's page can take (tests/support/app-driver.ts is the same for
// Playwright alone): each step taps or types through the driver and waits for the screen to answer.
import { button, buttonStartingWith, click, field, testId, type, waitUntil } from './engine-page.ts';
import type { EnginePage } from './engine-page.ts';

/** A script body: true once the element with this data-testid is in the page. */
const present = (xpath: string) =>
  `return document.evaluate(${JSON.stringify(xpath)}, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue !== null;`;

export async function waitFor(page: EnginePage, xpath: string, what: string): Promise<void> {
  await waitUntil(page, present(xpath), what);
}

/** The text of the element with this data-testid ('' while there is none). */
export async function textOf(page: EnginePage, id: string): Promise<string> {
  return page.evaluate<string>(
    `return document.querySelector('[data-testid=${JSON.stringify(id)}]')?.textContent ?? '';`,
  );
}

export async function waitForText(page: EnginePage, id: string, expected: string): Promise<void> {
  await waitUntil(
    page,
    `return (document.querySelector('[data-testid=${JSON.stringify(id)}]')?.textContent ?? '').includes(${JSON.stringify(expected)});`,
    `"${expected}" in ${id}`,
  );
}

export async function openApp(page: EnginePage, path = '/'): Promise<void> {
  await page.goto(path);
  await waitForReady(page);
}

export async function waitForReady(page: EnginePage): Promise<void> {
  await waitFor(page, '//*[@data-ready="true"]', 'the app to be ready');
}

export async function waitForStep(page: EnginePage, step: string): Promise<void> {
  await waitFor(page, `//*[@data-testid="check-flow"][@data-step="${step}"]`, `step ${step}`);
}

export async function enroll(page: EnginePage, enrollmentCode: string, leadPin: string): Promise<void> {
  await type(page, field('登记码'), enrollmentCode, 'the enrollment code field');
  await type(page, field('本机名称'), '3号平板', 'the device name field');
  await type(page, '//input[@id=//label[normalize-space(.)="班组长密码"]/@for]', leadPin, 'the lead PIN field');
  await type(page, field('再次输入班组长密码'), leadPin, 'the repeated lead PIN field');
  await click(page, button('登记'), 'the enroll button');
  await waitFor(page, testId('enrolled-checkpoint'), 'the enrolled checkpoint');
}

export async function signIn(page: EnginePage): Promise<void> {
  await type(page, field('工号'), '017', 'the officer ID field');
  await type(page, field('姓名'), '张伟', 'the officer name field');
  await click(page, button('A 班'), 'team A');
  await click(page, '//button[contains(normalize-space(.), "开始本班")]', 'the start of the shift');
  await waitFor(page, testId('start-check'), 'the start-check button');
}

/** Taps the plate key by key, each seen on the plate before the next. */
export async function tapPlate(page: EnginePage, plate: string): Promise<void> {
  let typed = '';
  for (const key of plate) {
    typed += key;
    await click(page, button(key), `the plate key ${key}`);
    // The keyboard reads the plate out to screen readers: '车牌：湘K12'.
    const spoken = JSON.stringify(`车牌：${typed}`);
    await waitUntil(
      page,
      `return document.querySelector('.plate-keyboard .sr-only')?.textContent === ${spoken};`,
      `plate ${typed}`,
    );
  }
}

export async function setOccupants(page: EnginePage, count: number): Promise<void> {
  while (Number(await textOf(page, 'occupants')) < count) await click(page, button('增加一人'), 'one more person');
}

/** The keys of the common case, each recording what its label says. */
export const COMMON_KEYS = { look: '绿码 · 无星', check: '36.5 · 已核验证件', verify: '阴性 · 今天采样' } as const;

/**
 * 二看 三查 四验 of a person with nothing to flag, from the moment the code is read (or 无手机 tapped) to the decision.
 * The colour key is found by the start of its text: it carries the scanner's "suggested" badge after a camera read.
 */
export async function screenCommonCase(page: EnginePage): Promise<void> {
  await waitForStep(page, 'look');
  await click(page, buttonStartingWith(COMMON_KEYS.look), 'green, no star');
  await waitForStep(page, 'check');
  await click(page, button(COMMON_KEYS.check), '36.5 and ID checked');
  await waitForStep(page, 'verify');
  await click(page, button(COMMON_KEYS.verify), 'negative today');
  await waitForStep(page, 'decision');
}

export async function tapPin(page: EnginePage, pin: string): Promise<void> {
  const pad = '//*[contains(concat(" ", @class, " "), " number-pad ")]';
  for (const digit of pin) await click(page, `${pad}//button[normalize-space(.)="${digit}"]`, `PIN digit ${digit}`);
  await click(page, `${pad}//button[normalize-space(.)="确定"]`, 'the PIN pad OK');
}

/** The destination from the division lists: the county by search, then its township and village. */
export async function pickDestination(
  page: EnginePage,
  place: { county: string; township: string; village: string },
): Promise<void> {
  await click(
    page,
    '//button[normalize-space(.)="选择目的地" or normalize-space(.)="更改目的地"]',
    'the destination picker',
  );
  await type(page, field('搜索县区（全国）'), place.county, 'the county search');
  await click(page, `//button[starts-with(normalize-space(.), "${place.county}")]`, `county ${place.county}`);
  await click(page, button(place.township), `township ${place.township}`);
  await click(page, button(place.village), `village ${place.village}`);
  await waitForText(page, 'destination-summary', `${place.county} ${place.township} ${place.village}`);
}

/** A script body returning every row of one of the app's IndexedDB stores as JSON, read without the app's code. */
function storedJsonScript(store: 'checks' | 'drafts'): string {
  return `
    const database = await new Promise((resolve, reject) => {
      const open = indexedDB.open('kakou');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    try {
      const rows = await new Promise((resolve, reject) => {
        const request = database.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      return JSON.stringify(rows);
    } finally {
      database.close();
    }`;
}

export async function storedJson(page: EnginePage, store: 'checks' | 'drafts'): Promise<string> {
  return page.evaluate<string>(storedJsonScript(store));
}

/**
 * Waits until the stored draft holds `text`. The screen shows an edit at once and writes it to IndexedDB a moment
 * later; what a reload restores is what was written, so a test reloads once it is there, as an officer's would.
 */
export async function waitForDraftHolding(page: EnginePage, text: string): Promise<void> {
  await waitUntil(
    page,
    `const json = await (async () => { ${storedJsonScript('drafts')} })(); return json.includes(${JSON.stringify(text)});`,
    'the draft to be stored',
  );
}
