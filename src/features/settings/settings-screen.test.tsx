// The settings screen as a shift lead uses it: language, theme, the way to teams and shifts, device and storage facts.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { db, settings } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { setTheme } from '../../platform/theme.ts';
import { SettingsScreen } from './settings-screen.tsx';

const MB = 1024 * 1024;

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
    expect(within(section('关于')).getByText(/^版本 \S+$/u)).toBeTruthy();
  });
});
