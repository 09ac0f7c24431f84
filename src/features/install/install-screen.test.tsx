// The install guide and the home screen's offer, in each state a tablet can be in: Chromium offering its prompt
// (accepted, dismissed), no prompt offered, Safari on an iPad, already installed.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../platform/i18n.ts';
import { watchInstallPrompt, type BeforeInstallPromptEvent } from '../../platform/install-prompt.ts';
import { InstallOffer } from './install-offer.tsx';
import { InstallScreen } from './install-screen.tsx';

const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 Chrome/131.0 Safari/537.36';
const SAFARI_IPAD = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15';

/** A browser window as the guide sees it: its events, its display mode and who it says it is. */
function tablet(options: { userAgent?: string; touchPoints?: number; standalone?: boolean } = {}) {
  const events = new EventTarget();
  const win = {
    addEventListener: events.addEventListener.bind(events) as Window['addEventListener'],
    matchMedia: ((query: string) => ({
      matches: options.standalone === true && query === '(display-mode: standalone)',
    })) as unknown as Window['matchMedia'],
    navigator: {
      userAgent: options.userAgent ?? CHROME_ANDROID,
      maxTouchPoints: options.touchPoints ?? 5,
    } as Navigator,
  };
  act(() => {
    watchInstallPrompt(win);
  });
  return events;
}

/** Chromium's own event, with the officer's answer to its prompt. */
function offerPrompt(events: EventTarget, answer: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true }) as BeforeInstallPromptEvent;
  const prompt = vi.fn(() => Promise.resolve());
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome: answer, platform: 'web' }) });
  act(() => {
    events.dispatchEvent(event);
  });
  return { event, prompt };
}

beforeEach(() => {
  localStorage.clear();
  setLanguage('zh-CN');
});

describe('InstallScreen', () => {
  it('opens Chromium’s own prompt, kept from start-up, and says installed once accepted', async () => {
    const events = tablet();
    const { event, prompt } = offerPrompt(events, 'accepted');
    // The browser's own mini-infobar is held back: the officer installs from here.
    expect(event.defaultPrevented).toBe(true);
    render(<InstallScreen />);
    expect(screen.getByTestId('install-guide').dataset['state']).toBe('promptable');
    await userEvent.setup().click(screen.getByRole('button', { name: '安装卡口' }));
    expect(prompt).toHaveBeenCalledOnce();
    expect((await screen.findByTestId('install-state')).textContent).toBe('已安装。以后请从主屏幕上的“卡口”图标打开。');
  });

  it('says so when the officer turns the prompt down, and gives the menu’s steps (the prompt is spent)', async () => {
    const events = tablet();
    offerPrompt(events, 'dismissed');
    render(<InstallScreen />);
    await userEvent.setup().click(screen.getByRole('button', { name: '安装卡口' }));
    expect((await screen.findByTestId('install-outcome')).textContent).toBe('没有安装。需要时可以再点“安装卡口”。');
    expect(screen.getByTestId('install-guide').dataset['state']).toBe('manual');
    expect(screen.getByRole('heading', { name: 'Android 平板（Chrome）' })).toBeTruthy();
  });

  it('gives the Android menu’s steps when the browser offers no prompt', () => {
    tablet();
    render(<InstallScreen />);
    expect(screen.queryByRole('button', { name: '安装卡口' })).toBeNull();
    expect(screen.getByText('选“安装应用”或“添加到主屏幕”，再点“安装”。')).toBeTruthy();
  });

  it('gives the iPad’s Add to Home Screen steps in Safari (an iPad reports itself as a Mac with touch)', () => {
    tablet({ userAgent: SAFARI_IPAD, touchPoints: 5 });
    render(<InstallScreen />);
    expect(screen.getByTestId('install-guide').dataset['state']).toBe('ipad');
    expect(screen.getByRole('heading', { name: 'iPad（Safari）' })).toBeTruthy();
    expect(screen.getByText('在列表中选“添加到主屏幕”，再点右上角的“添加”。')).toBeTruthy();
  });

  it('says it is installed when opened from the home screen, in English too', () => {
    tablet({ standalone: true });
    setLanguage('en');
    render(<InstallScreen />);
    expect(screen.getByTestId('install-state').textContent).toBe(
      'Kakou is installed on this tablet. Open it from the “卡口” icon on the home screen.',
    );
  });

  it('turns to installed when the browser reports the install, and remembers it', () => {
    const events = tablet();
    render(<InstallScreen />);
    act(() => {
      events.dispatchEvent(new Event('appinstalled'));
    });
    expect(screen.getByTestId('install-guide').dataset['state']).toBe('installed');
    // Next start in a browser tab: still known as installed on this tablet.
    tablet();
    expect(screen.getByTestId('install-guide').dataset['state']).toBe('installed');
  });
});

describe('InstallOffer on the home screen', () => {
  it('is offered until dismissed, and stays dismissed after a restart', async () => {
    tablet();
    const { unmount } = render(<InstallOffer />);
    expect(screen.getByTestId('install-offer').textContent).toContain('把卡口添加到主屏幕');
    expect(screen.getByRole('link', { name: '查看安装方法' }).getAttribute('href')).toBe('/install');
    await userEvent.setup().click(screen.getByRole('button', { name: '不再提示' }));
    expect(screen.queryByTestId('install-offer')).toBeNull();
    unmount();
    tablet();
    render(<InstallOffer />);
    expect(screen.queryByTestId('install-offer')).toBeNull();
  });

  it('is not offered on an installed tablet', () => {
    tablet({ standalone: true });
    render(<InstallOffer />);
    expect(screen.queryByTestId('install-offer')).toBeNull();
  });
});
