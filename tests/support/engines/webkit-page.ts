// The core flow's page in WebKit, the engine of every iPad browser: WebKitGTK's MiniBrowser under Xvfb, driven through
// Debian's WebKitWebDriver with webdriverio in classic WebDriver mode (WebKitGTK speaks no BiDi).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { remote } from 'webdriverio';
import { STEP_TIMEOUT_MS } from './engine-page.ts';
import type { EnginePage } from './engine-page.ts';

export const WEBKIT_DRIVER_PATH = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_PATH = '/usr/bin/Xvfb';

/** How long the driver and the X server may take to listen: seconds on a loaded machine. */
const START_TIMEOUT_MS = 30_000;

/** A TCP port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Starts Xvfb on a display of its own choosing (-displayfd): two test runs at once must not share one. */
async function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  const xvfb = spawn(XVFB_PATH, ['-displayfd', '1', '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Xvfb did not start')), START_TIMEOUT_MS);
    xvfb.stdout.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      resolve(`:${chunk.toString().trim()}`);
    });
    xvfb.once('error', reject);
  });
  return { display, process: xvfb };
}

async function waitForDriver(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const answer = await fetch(`http://127.0.0.1:${port}/status`);
      if (answer.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error('WebKitWebDriver did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function openWebKitPage(baseUrl: string): Promise<EnginePage> {
  const xvfb = await startXvfb();
  const port = await freePort();
  const env = {
    ...process.env,
    DISPLAY: xvfb.display,
    TZ: 'Asia/Shanghai',
    // The web process's bubblewrap sandbox needs user namespaces a container (and CI as root) does not give.
    WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1',
    // No GPU under Xvfb: the DMA-BUF renderer would fail to start and leave a blank view.
    WEBKIT_DISABLE_DMABUF_RENDERER: '1',
  };
  const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`], { env, stdio: 'ignore' });
  const stop = () => {
    driver.kill();
    xvfb.process.kill();
  };
  try {
    await waitForDriver(port);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'error',
      waitforTimeout: STEP_TIMEOUT_MS,
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] },
      } as WebdriverIO.Capabilities,
    });
    await browser.setWindowSize(1280, 800);
    const marked = (mark: string) => browser.$(`[data-engine-target="${mark}"]`);
    const caps = browser.capabilities as { browserName?: string; browserVersion?: string };
    return {
      engine: 'webkit',
      version: `WebKitGTK ${caps.browserVersion ?? '?'}`,
      async goto(path) {
        await browser.url(new URL(path, baseUrl).href);
      },
      async reload() {
        await browser.refresh();
      },
      async evaluate<T>(body: string) {
        return (await browser.execute(`return (async () => { ${body} })()`)) as T;
      },
      async clickMarked(mark) {
        await marked(mark).click();
      },
      async typeIntoMarked(mark, text) {
        await marked(mark).addValue(text);
      },
      async close() {
        try {
          await browser.deleteSession();
        } finally {
          stop();
        }
      },
    };
  } catch (error) {
    stop();
    throw error;
  }
}
