// The settings screen as a shift lead uses it: language, theme, the way to teams and shifts, device and storage facts.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import {
  alertPreferences,
  DEFAULT_ALERT_PREFERENCES,
  playFlagAlert,
  setAlertPreferences,
} from '../../platform/alert-sound.ts';
import { clearDiagnostics, recordError } from '../../platform/diagnostics.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { setTheme } from '../../platform/theme.ts';
import { SettingsScreen } from './settings-screen.tsx';

const MB = 1024 * 1024;
const AT_MS = Date.parse('2026-11-28T08:00:00+08:00');

interface StorageStub {
  persisted: boolean;
  persistAnswer: boolean;
  usage: number;
  quota: number;
}

/** A storage manager whose persist() answer also changes what persisted() reports afterwards. */
function stubStorage(stub: StorageStub): void {
  const state = { ...stub };
  Object.defineProperty(navigator, 'storage', {
    configurable: true,
    value: {
      persisted: () => Promise.resolve(state.persisted),
      persist: () => {
        state.persisted = state.persistAnswer;
        return Promise.resolve(state.persistAnswer);
      },
      estimate: () => Promise.resolve({ usage: state.usage, quota: state.quota }),
    },
  });
}

beforeEach(async () => {
  setLanguage('zh-CN');
  setTheme('light');
  stubStorage({ persisted: false, persistAnswer: true, usage: 5 * MB, quota: 1024 * MB });
  await Promise.all(db.tables.map((table) => table.clear()));
});

afterEach(() => {
  Reflect.deleteProperty(navigator, 'storage');
});

function section(name: string): HTMLElement {
  return screen.getByRole('region', { name });
}

async function renderScreen() {
  const user = userEvent.setup();
  render(<SettingsScreen />);
  // The device section renders once the stored settings are read.
  await within(section('本机')).findAllByText(/—|娄底/u);
  return user;
}

describe('SettingsScreen: language and theme', () => {
  it('switches the visible text to English', async () => {
    const user = await renderScreen();
    expect(screen.getByRole('heading', { level: 1, name: '设置' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'English' }));

    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Teams and shifts' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Set teams and shifts' })).toBeTruthy();
    expect(screen.queryByText('设置')).toBeNull();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to the night theme', async () => {
    const user = await renderScreen();
    await user.click(screen.getByRole('button', { name: '夜间' }));
    expect(document.documentElement.dataset['theme']).toBe('dark');
    expect(screen.getByRole('button', { name: '夜间' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '日间' }).getAttribute('aria-pressed')).toBe('false');
  });
});

describe('SettingsScreen: teams and shifts', () => {
  it('sends the lead to the shift configuration screen', async () => {
    await renderScreen();
    expect(within(section('班组与班次')).getByRole('link', { name: '设置班组与班次' }).getAttribute('href')).toBe(
      '/lead/config',
    );
  });
});

describe('SettingsScreen: device, storage, camera, version', () => {
  it('shows a dash for each device detail before enrollment, then the stored details', async () => {
    await renderScreen();
    expect(within(section('本机')).getAllByText('—')).toHaveLength(4);

    await settings.set('device', {
      checkpointId: 'cp-hn-lou-01',
      checkpointName: '娄底东收费站',
      province: '湖南',
      city: '娄底',
      timeZone: 'Asia/Shanghai',
      deviceId: 'tablet-03',
      deviceName: '3 号平板',
    });
    expect(await within(section('本机')).findByText('娄底东收费站')).toBeTruthy();
    expect(within(section('本机')).getByText('Asia/Shanghai')).toBeTruthy();
    expect(within(section('本机')).queryByText('—')).toBeNull();
  });

  it('shows usage and quota in MB, and that storage is not yet persistent', async () => {
    await renderScreen();
    const storage = section('存储');
    expect(await within(storage).findByText('已用 5 MB，上限 1,024 MB。')).toBeTruthy();
    expect(within(storage).getByText(/未设为持久保存/u)).toBeTruthy();
  });

  it('asks for persistent storage and shows the result', async () => {
    const user = await renderScreen();
    const storage = section('存储');
    await user.click(await within(storage).findByRole('button', { name: '申请持久保存' }));

    expect(await within(storage).findByText(/已设为持久保存/u)).toBeTruthy();
    expect(within(storage).queryByRole('button')).toBeNull();
  });

  it('says so when the browser declines', async () => {
    stubStorage({ persisted: false, persistAnswer: false, usage: 0, quota: 100 * MB });
    const user = await renderScreen();
    const storage = section('存储');
    await user.click(await within(storage).findByRole('button', { name: '申请持久保存' }));

    expect(await within(storage).findByText(/浏览器没有同意/u)).toBeTruthy();
    expect(within(storage).getByText(/未设为持久保存/u)).toBeTruthy();
  });

  it('says usage is unknown where the browser has no storage manager', async () => {
    Reflect.deleteProperty(navigator, 'storage');
    await renderScreen();
    const storage = section('存储');
    await waitFor(() => {
      expect(within(storage).getByText('无法得知已用空间。')).toBeTruthy();
    });
    expect(within(storage).getByText(/无法得知本机数据是否持久保存/u)).toBeTruthy();
  });

  it('links to the camera test and shows the version', async () => {
    await renderScreen();
    expect(screen.getByRole('link', { name: '测试摄像头扫码' }).getAttribute('href')).toBe('/camera-test');
    // Unit tests run unbuilt: the build's own values are checked on the built app (tests/e2e/installable-app.test.ts).
    expect(within(section('关于')).getByTestId('app-version').textContent).toBe('版本 dev');
    expect(within(section('关于')).getByTestId('app-build').textContent).toBe('构建 dev');
  });

  it('leads to the install guide and says whether the app is installed', async () => {
    await renderScreen();
    const install = section('添加到主屏幕');
    expect(within(install).getByTestId('install-summary').textContent).toMatch(/^卡口还没有添加到主屏幕/u);
    expect(within(install).getByRole('link', { name: '查看安装方法' }).getAttribute('href')).toBe('/install');
  });
});

describe('SettingsScreen: flag alert', () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'vibrate');
    setAlertPreferences(DEFAULT_ALERT_PREFERENCES);
  });

  it('turns the sound and the vibration off and on, and the alert follows', async () => {
    const vibrate = vi.fn(() => true);
    Object.defineProperty(navigator, 'vibrate', { value: vibrate, configurable: true });
    const user = await renderScreen();
    const alert = section('异常提示');
    const sound = within(alert).getByRole('group', { name: '提示音' });
    const vibration = within(alert).getByRole('group', { name: '振动' });
    expect(within(sound).getByRole('button', { name: '开' }).getAttribute('aria-pressed')).toBe('true');

    await user.click(within(sound).getByRole('button', { name: '关' }));
    expect(alertPreferences()).toEqual({ sound: false, vibration: true });
    await user.click(within(alert).getByRole('button', { name: '试一下' }));
    expect(vibrate).toHaveBeenCalledOnce();

    await user.click(within(vibration).getByRole('button', { name: '关' }));
    expect(alertPreferences()).toEqual({ sound: false, vibration: false });
    await user.click(within(alert).getByRole('button', { name: '试一下' }));
    expect(vibrate).toHaveBeenCalledOnce();
    expect(within(alert).getByRole('status').textContent).toBe('提示音和振动都已关闭：查出异常时只有屏幕颜色提示。');
    // What the decision step plays when a person is flagged.
    expect(playFlagAlert()).toEqual({ sounded: false, vibrated: false });

    await user.click(within(sound).getByRole('button', { name: '开' }));
    expect(playFlagAlert()).toEqual({ sounded: true, vibrated: false });
  });

  it('says the browser cannot vibrate (iPad Safari) and offers no switch that does nothing', async () => {
    await renderScreen();
    const alert = section('异常提示');
    expect(within(alert).getByText('这台设备的浏览器不支持振动。')).toBeTruthy();
    const vibration = within(alert).getByRole('group', { name: '振动' });
    expect(within(vibration).getByRole('button', { name: '开' }).hasAttribute('disabled')).toBe(true);
  });
});

describe('SettingsScreen: diagnostics', () => {
  it('lists the latest errors with time, place and raw text, and clears them', async () => {
    clearDiagnostics();
    recordError('save-check', new Error('QuotaExceededError: the quota has been exceeded'), AT_MS);
    recordError('sync', 'server: HTTP 503', AT_MS + 60_000);
    const user = await renderScreen();
    const diagnosticsSection = section('诊断');
    const entries = within(diagnosticsSection).getAllByTestId('diagnostic-entry');
    expect(entries.map((entry) => entry.textContent)).toEqual([
      '2026-11-28 08:01:00 · 同步server: HTTP 503',
      '2026-11-28 08:00:00 · 保存检查Error: QuotaExceededError: the quota has been exceeded',
    ]);
    await user.click(within(diagnosticsSection).getByRole('button', { name: '清除记录' }));
    expect(within(diagnosticsSection).getByText('没有记录到错误。')).toBeTruthy();
  });
});
