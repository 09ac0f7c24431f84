// The officer's hands inside the page, for the 3,000-check shift (figures 25–27): one common-case check after another
// through the real screens, each tap an element.click() once the screen shows its key. The driver runs in the page so
// a check costs what the app costs, not a round trip to the bench per tap; its own footprint is a few closures and
// one number per check.
//
// Each function is handed to page.evaluate(): it must hold everything it uses (no imports, no outer constants).

export interface DriveArgs {
  /** Numbers the plates: 湘K + five digits from 10,000 + first on. */
  first: number;
  count: number;
  /** How long one screen may take to answer before the shift is called broken (a loaded machine at 4×). */
  stepTimeoutMs: number;
}

/** ms per check, from the tap on 开始检查 to the start screen back with the saved line. */
export async function driveCommonChecks(args: DriveArgs): Promise<number[]> {
  const visible = (element: Element): boolean =>
    element.getClientRects().length > 0 &&
    element.closest('[inert], [aria-hidden="true"]') === null &&
    !(element instanceof HTMLButtonElement && element.disabled);
  const named = (name: string, how: 'exact' | 'starts') => (): HTMLElement | undefined =>
    Array.from(document.querySelectorAll<HTMLElement>('button, a')).find((element) => {
      const text = element.textContent.replace(/\s+/gu, ' ').trim();
      return (how === 'exact' ? text === name : text.startsWith(name)) && visible(element);
    });
  const selected = (selector: string) => (): HTMLElement | null => document.querySelector<HTMLElement>(selector);
  // Resolves as soon as the page shows what `find` looks for: on the DOM change that brings it, or at the latest
  // on the next poll (a change inside a closed shadow or a canvas would not be observed).
  const waitFor = <T>(find: () => T | null | undefined, what: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const first = find();
      if (first) {
        resolve(first);
        return;
      }
      const finish = () => {
        observer.disconnect();
        clearInterval(poll);
        clearTimeout(timer);
      };
      const look = () => {
        const found = find();
        if (!found) return;
        finish();
        resolve(found);
      };
      const observer = new MutationObserver(look);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      const poll = setInterval(look, 50);
      const timer = setTimeout(() => {
        finish();
        const screen = (document.body.innerText || '').replace(/\s+/gu, ' ').slice(0, 400);
        reject(new Error(`waited ${args.stepTimeoutMs} ms for ${what}; the screen showed: ${screen}`));
      }, args.stepTimeoutMs);
    });
  const tap = async (find: () => HTMLElement | null | undefined, what: string) => {
    (await waitFor(find, what)).click();
  };
  const atStep = (step: string) => selected(`[data-testid="check-flow"][data-step="${step}"]`);

  const times: number[] = [];
  for (let n = args.first; n < args.first + args.count; n += 1) {
    const startMs = performance.now();
    await tap(selected('[data-testid="start-check"]'), 'the start button');
    await waitFor(selected('[data-testid="check-flow"][data-stage="vehicle"]'), 'the vehicle stage');
    const plate = `湘K${String(10_000 + n).padStart(5, '0')}`;
    let typed = '';
    for (const key of plate) {
      typed += key;
      await tap(named(key, 'exact'), `the plate key ${key}`);
      const spoken = `车牌：${typed}`;
      await waitFor(() => document.querySelector('.plate-keyboard .sr-only')?.textContent === spoken, spoken);
    }
    await tap(named('小客车', 'exact'), 'the car type');
    await tap(named('开始检查人员', 'exact'), 'start screening');
    // The camera reads the driver's code and the flow moves on to 二看 by itself.
    await waitFor(atStep('look'), 'the code read by the camera');
    await tap(named('绿码 · 无星', 'starts'), 'green, no star');
    await waitFor(atStep('check'), 'step 三查');
    await tap(named('36.5 · 已核验证件', 'exact'), '36.5 and ID checked');
    await waitFor(atStep('verify'), 'step 四验');
    await tap(named('阴性 · 今天采样', 'exact'), 'negative today');
    await waitFor(atStep('decision'), 'the decision');
    await tap(named('完成并保存', 'exact'), 'save');
    await waitFor(selected('[data-testid="saved-toast"]'), `the saved line of ${plate}`);
    times.push(performance.now() - startMs);
  }
  return times;
}

export interface OpenArgs {
  /** The header's link to the screen. */
  link: string;
  /** What shows the screen is open with the day's figures: elements and the text each must contain, all at once. */
  ready: readonly { selector: string; text: string }[];
  stepTimeoutMs: number;
}

/**
 * ms from the tap on the header's link to the frame that shows the screen with its figures (the element's text, then
 * two animation frames so layout and paint are in), then back to the start screen.
 */
export async function timeScreenOpen(args: OpenArgs): Promise<number> {
  const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a')).find(
    (element) => element.textContent.trim() === args.link,
  );
  if (!link) throw new Error(`no header link ${args.link}`);
  const shown = () =>
    args.ready.every(({ selector, text }) => document.querySelector(selector)?.textContent.includes(text) === true);
  const startMs = performance.now();
  link.click();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${args.link}: ${JSON.stringify(args.ready)} not shown in ${args.stepTimeoutMs} ms`));
    }, args.stepTimeoutMs);
    const look = () => {
      if (!shown()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    look();
  });
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const ms = performance.now() - startMs;
  const home = Array.from(document.querySelectorAll<HTMLAnchorElement>('header nav a')).find(
    (element) => element.getAttribute('href') === '/',
  );
  home?.click();
  return ms;
}
