// The core flow, the same in every engine: enroll and sign in; a two-person car whose health codes are shown to the
// camera; a reload in the middle of the check restores it; the strict save; an offline reload served by the service
// worker; sync to the real server; the day's report behind the lead's PIN.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServedApp } from '../served-app.ts';
import type { ServedApp } from '../served-app.ts';
import { startAppProxy } from './app-proxy.ts';
import type { AppProxy } from './app-proxy.ts';
import { showCode } from './canvas-camera.ts';
import { button, buttonStartingWith, click, link, testId, type, field, waitUntil } from './engine-page.ts';
import type { EngineName, EnginePage } from './engine-page.ts';
import {
  COMMON_KEYS,
  enroll,
  openApp,
  pickDestination,
  screenCommonCase,
  setOccupants,
  signIn,
  storedJson,
  tapPin,
  tapPlate,
  textOf,
  waitFor,
  waitForReady,
  waitForStep,
  waitForDraftHolding,
  waitForText,
} from './officer-steps.ts';

/** The whole shift in one test: a loaded 2-core machine takes minutes in the slowest engine. */
const FLOW_TIMEOUT_MS = 300_000;
const LEAD_PIN = '482913';
/** Two travellers' health codes: different texts, so a read proves which code the camera saw. */
const DRIVER_CODE = { text: 'https://jkm.hunan.gov.cn/c/driver-7d21', ink: '#00A050' } as const;
const PASSENGER_CODE = { text: 'https://jkm.hunan.gov.cn/c/passenger-93b4', ink: '#F5C400' } as const;
const PASSENGER = { name: '李娜', idNumber: '11010519491231002X', phone: '13812345678' } as const;
const DESTINATION = { county: '双峰县', township: '三塘铺镇', village: '黄河村' } as const;

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

export function defineCoreFlow(engine: EngineName, open: (baseUrl: string) => Promise<EnginePage>): void {
  let app: ServedApp;
  let proxy: AppProxy;
  let page: EnginePage;

  beforeAll(async () => {
    app = await startServedApp(`core-flow-${engine}`);
    proxy = await startAppProxy(app.baseUrl);
    page = await open(proxy.url);
  });

  afterAll(async () => {
    await page.close();
    await proxy.close();
    await app.close();
  });

  it(
    `${engine}: enroll, scan two codes, restore after a reload, save strictly, reload offline, sync, read the report`,
    async () => {
      await openApp(page, '/enroll');
      await enroll(page, app.enrollmentCode, LEAD_PIN);
      await click(page, link('开始检查'), 'the start link');
      await signIn(page);

      await click(page, testId('start-check'), 'start check');
      await waitFor(page, '//*[@data-testid="check-flow"][@data-stage="vehicle"]', 'the vehicle stage');
      await tapPlate(page, '湘K12345');
      await setOccupants(page, 2);
      await click(page, button('小客车'), 'the car type');

      // The driver's code in front of the camera before screening starts: the scan step reads it by itself.
      await showCode(page, DRIVER_CODE.text, DRIVER_CODE.ink);
      await click(page, button('开始检查人员'), 'start screening');
      await screenCommonCase(page);

      // The passenger's code, read as soon as the next person's scan opens.
      await showCode(page, PASSENGER_CODE.text, PASSENGER_CODE.ink);
      await click(page, '//button[starts-with(normalize-space(.), "下一位")]', 'the next person');
      await waitForStep(page, 'look');
      const passengerDigest = digest(PASSENGER_CODE.text);
      await waitForDraftHolding(page, passengerDigest);
      await page.reload();
      await waitForStep(page, 'look');
      await waitForText(page, 'person-progress', '第 2 / 2 人');
      expect(await textOf(page, 'flow-plate')).toBe('湘K12345');

      await click(page, buttonStartingWith('黄码'), 'yellow code');
      await waitForStep(page, 'check');
      await click(page, button('36.6 · 已核验证件'), '36.6 and ID checked');
      await waitForStep(page, 'verify');
      await click(page, button(COMMON_KEYS.verify), 'negative today');
      await waitForStep(page, 'decision');

      // The strict save: a flagged person without a registration is refused, in words, at the field.
      await click(page, button('完成并保存'), 'save');
      await waitUntil(
        page,
        `return document.querySelector('#reg-1-name-error')?.textContent === '请填写姓名。';`,
        'the missing-name error',
      );
      await type(page, field('姓名'), PASSENGER.name, 'the name field');
      await type(page, field('身份证号（18 位）'), PASSENGER.idNumber, 'the ID number field');
      await type(page, field('手机号'), PASSENGER.phone, 'the phone field');
      await pickDestination(page, DESTINATION);
      await click(page, button('完成并保存'), 'save');
      await waitFor(page, testId('saved-toast'), 'the saved toast');

      const stored = JSON.parse(await storedJson(page, 'checks')) as {
        check: { persons: { scan: string; codeDigest: string | null; codeColor: string; flags: string[] }[] };
      }[];
      expect(stored).toHaveLength(1);
      expect(stored[0]!.check.persons.map((person) => [person.scan, person.codeDigest, person.codeColor])).toEqual([
        ['camera', digest(DRIVER_CODE.text), 'green'],
        ['camera', passengerDigest, 'yellow'],
      ]);
      expect(stored[0]!.check.persons[1]!.flags).toEqual(['yellow-code']);

      // Offline: once the service worker controls the page, a reload with no network still opens the app and the day.
      await page.evaluate('await navigator.serviceWorker.ready; return true;');
      await page.reload();
      await waitForReady(page);
      await waitUntil(
        page,
        'return navigator.serviceWorker.controller !== null;',
        'the service worker to control the page',
      );
      proxy.setOffline(true);
      await page.reload();
      await waitForReady(page);
      await waitForText(page, 'today-summary', '1 辆车');
      proxy.setOffline(false);

      // Back online: the check reaches the server, once.
      await page.reload();
      await waitForReady(page);
      await waitUntil(
        page,
        `return document.querySelector('[data-testid="header-pending"]')?.getAttribute('data-count') === '0';`,
        'nothing left to sync',
      );
      expect(await app.store.vehicleChecks.count()).toBe(1);

      // The day's report, behind the lead's PIN.
      await click(page, link('日报'), 'the report link');
      await tapPin(page, LEAD_PIN);
      await waitFor(page, testId('lead-unlocked'), 'the lead screens');
      await waitForText(page, 'local:vehicles', '1');
    },
    FLOW_TIMEOUT_MS,
  );
}
