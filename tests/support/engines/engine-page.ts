// One page of the app in any of the three engines, driven through what all three drivers share: find an element by
// XPath, click it or type into it as a user does, run a script in the page. Playwright (Chromium), puppeteer-core over
// WebDriver BiDi (Firefox) and webdriverio over classic WebDriver (WebKit) each implement it in their own file.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export const ENGINE_LABELS: Readonly<Record<EngineName, string>> = {
  chromium: 'Chromium',
  firefox: 'Firefox ESR',
  webkit: 'WebKit (WebKitGTK)',
};

/** How long one step may wait for the page: long enough for a loaded 2-core machine; only a step that never comes fails. */
export const STEP_TIMEOUT_MS = 45_000;
/** Between looks at the page while waiting. */
const POLL_INTERVAL_MS = 100;

export interface EnginePage {
  readonly engine: EngineName;
  /** The browser's own name and version, as its driver reports it. */
  readonly version: string;
  /** Opens `path` on the app's origin and waits for the document to load. */
  goto(path: string): Promise<void>;
  reload(): Promise<void>;
  /**
   * Runs `body` as the body of an async function in the page and returns its JSON-able result. Values go in through
   * JSON.stringify in the body: the three drivers pass arguments differently.
   */
  evaluate<T>(body: string): Promise<T>;
  /** Clicks the element `[data-engine-target="<mark>"]` as a user does (pointer events from the driver). */
  clickMarked(mark: string): Promise<void>;
  /** Types `text` into the empty field `[data-engine-target="<mark>"]`, key by key, from the driver. */
  typeIntoMarked(mark: string, text: string): Promise<void>;
  /** Closes the page and its browser. */
  close(): Promise<void>;
}

/**
 * The first element the XPath finds that is rendered (has a box) and not hidden from users, marked with a fresh
 * data-engine-target so the driver can address it by CSS; its mark, or null.
 */
function markScript(xpath: string, mark: string): string {
  return `
    const found = document.evaluate(${JSON.stringify(xpath)}, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
    for (let i = 0; i < found.snapshotLength; i += 1) {
      const element = found.snapshotItem(i);
      if (!(element instanceof Element) || element.getClientRects().length === 0) continue;
      if (element.closest('[inert], [aria-hidden="true"]') || element.matches(':disabled')) continue;
      element.setAttribute('data-engine-target', ${JSON.stringify(mark)});
      return ${JSON.stringify(mark)};
    }
    return null;`;
}

/** What the page showed and what went wrong in it, for a failing step's report. */
async function pageState(page: EnginePage): Promise<string> {
  try {
    return await page.evaluate<string>(`
      const errors = window.__kakouPageErrors ?? [];
      const flow = document.querySelector('[data-testid="check-flow"]');
      const camera = document.querySelector('[data-testid="scanner-view"]');
      return [
        'at ' + location.pathname,
        flow ? 'step ' + flow.getAttribute('data-step') : 'no check on screen',
        camera ? 'camera ' + camera.getAttribute('data-camera') : 'no camera view',
        'screen: ' + (document.body?.innerText ?? '').replace(/\\s+/g, ' ').slice(0, 600),
        'page errors: ' + (errors.length ? errors.join(' | ') : 'none'),
      ].join('\\n');`);
  } catch (error) {
    return `the page could not be read: ${String(error)}`;
  }
}

let marks = 0;

/** Waits until `condition` (a script body returning a truthy value when met) holds in the page; returns its value. */
export async function waitUntil<T>(page: EnginePage, condition: string, what: string): Promise<T> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await page.evaluate<T>(condition);
      if (value) return value;
    } catch (error) {
      // A look during a navigation fails (the page's context went away): look again.
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${page.engine}: waited ${STEP_TIMEOUT_MS} ms for ${what}\n${await pageState(page)}`, {
        cause: lastError,
      });
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function mark(page: EnginePage, xpath: string, what: string): Promise<string> {
  marks += 1;
  return waitUntil<string>(page, markScript(xpath, `m${marks}`), what);
}

export async function click(page: EnginePage, xpath: string, what: string): Promise<void> {
  await page.clickMarked(await mark(page, xpath, what));
}

export async function type(page: EnginePage, xpath: string, text: string, what: string): Promise<void> {
  await page.typeIntoMarked(await mark(page, xpath, what), text);
}

/** An XPath string literal for any text (XPath 1.0 has no escapes: quotes are joined with concat()). */
function literal(text: string): string {
  if (!text.includes('"')) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text
    .split('"')
    .map((part) => `"${part}"`)
    .join(`, '"', `)})`;
}

/** A button (or a link styled as one) whose visible text or accessible name is exactly `name`. */
export function button(name: string): string {
  const text = literal(name);
  return `//*[self::button or self::a][normalize-space(.)=${text} or @aria-label=${text}]`;
}

/**
 * A button whose text starts with `name`: the colour keys carry a "suggested" badge after their label when the camera
 * read that colour.
 */
export function buttonStartingWith(name: string): string {
  return `//button[starts-with(normalize-space(.), ${literal(name)})]`;
}

/** A link whose text is exactly `name`. */
export function link(name: string): string {
  return `//a[normalize-space(.)=${literal(name)}]`;
}

/** A text field whose label contains `label`: by aria-label, by <label for>, or inside its <label>. */
export function field(label: string): string {
  const text = literal(label);
  const input = 'self::input or self::textarea';
  return [
    `//*[${input}][contains(@aria-label, ${text})]`,
    `//*[${input}][@id=//label[contains(normalize-space(.), ${text})]/@for]`,
    `//label[contains(normalize-space(.), ${text})]//*[${input}]`,
  ].join(' | ');
}

/** The element with this data-testid. */
export function testId(id: string): string {
  return `//*[@data-testid=${literal(id)}]`;
}
