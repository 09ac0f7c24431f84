// The officer's start screen while the tablet's clock is off: the banner says by how much and which way, in Chinese or
// English, and goes once a sync finds the clock right (the settings row the sync's clock check writes).
import { act, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { db, settings } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { HomeScreen } from './home-screen.tsx';

function renderHome() {
  const { hook } = memoryLocation({ path: '/' });
  render(
    <Router hook={hook}>
      <HomeScreen />
    </Router>,
  );
}

const banner = () => screen.queryByTestId('clock-skew-banner');

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('ClockSkewBanner on the start screen', () => {
  it('says the clock is 7 minutes behind, in Chinese and in English', async () => {
    await settings.set('clockSkew', { skewSeconds: -418 });
    renderHome();
    expect((await screen.findByTestId('clock-skew-banner')).textContent).toBe('本机时间比服务器慢 7 分钟，请校准时间');
    act(() => {
      setLanguage('en');
    });
    expect(banner()?.textContent).toBe("This tablet's clock is 7 minutes behind the server. Please set the time.");
  });

  it('says the clock is ahead, and in hours when it is hours off', async () => {
    await settings.set('clockSkew', { skewSeconds: 425 });
    renderHome();
    expect((await screen.findByTestId('clock-skew-banner')).textContent).toBe('本机时间比服务器快 7 分钟，请校准时间');
    await act(() => settings.set('clockSkew', { skewSeconds: 3 * 3600 + 60 }));
    await waitFor(() => {
      expect(banner()?.textContent).toBe('本机时间比服务器快 3 小时，请校准时间');
    });
    act(() => {
      setLanguage('en');
    });
    expect(banner()?.textContent).toBe("This tablet's clock is 3 hours ahead of the server. Please set the time.");
  });

  it('goes when a sync finds the clock right, and shows nothing before any sync could tell', async () => {
    renderHome();
    await screen.findByTestId('home');
    await act(() => settings.get('clockSkew'));
    expect(banner()).toBeNull();
    await act(() => settings.set('clockSkew', { skewSeconds: -420 }));
    expect(await screen.findByTestId('clock-skew-banner')).toBeTruthy();
    await act(() => settings.set('clockSkew', null));
    await waitFor(() => {
      expect(banner()).toBeNull();
    });
  });
});
