// The service worker's two notices: what an officer sees on the start screen and what waits while a check is in
// progress, so that nothing appears above the plate keyboard and moves it under a gloved tap.
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { setLanguage } from '../platform/i18n.ts';
import { useSwUpdate } from '../platform/sw-update.ts';
import { UpdatePrompt } from './update-prompt.tsx';

// A check's screen is at its draft's id, as the start screen opens it.
const CHECK_PATH = '/check/0190f3a2-7c4e-7b1a-9c2d-5e8f6a1b3c4d';

function renderAt(path: string) {
  const location = memoryLocation({ path, record: true });
  render(
    <Router hook={location.hook}>
      <UpdatePrompt />
    </Router>,
  );
  return location;
}

beforeEach(() => {
  setLanguage('zh-CN');
  useSwUpdate.setState({ needRefresh: false, offlineReady: false });
});

describe('UpdatePrompt', () => {
  it('says the app works offline on the start screen, until the officer dismisses it', async () => {
    renderAt('/');
    act(() => {
      useSwUpdate.setState({ offlineReady: true });
    });
    expect(screen.getByTestId('offline-ready').textContent).toBe('已可离线使用。 知道了');
    await userEvent.click(screen.getByRole('button', { name: '知道了' }));
    expect(screen.queryByTestId('offline-ready')).toBeNull();
  });

  it('keeps the offline notice off a check in progress and shows it back on the start screen', () => {
    const location = renderAt(CHECK_PATH);
    act(() => {
      useSwUpdate.setState({ offlineReady: true });
    });
    expect(screen.queryByTestId('offline-ready')).toBeNull();
    act(() => {
      location.navigate('/');
    });
    expect(screen.getByTestId('offline-ready')).not.toBeNull();
  });

  it('offers a new version on the start screen, and applies it only when asked', async () => {
    const applyUpdate = vi.fn(() => Promise.resolve());
    useSwUpdate.setState({ applyUpdate });
    renderAt('/');
    act(() => {
      useSwUpdate.setState({ needRefresh: true });
    });
    expect(applyUpdate).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: '立即更新' }));
    expect(applyUpdate).toHaveBeenCalledTimes(1);
  });

  it('asks to finish the check first when a new version arrives during one, with no button to reload', () => {
    renderAt(CHECK_PATH);
    act(() => {
      useSwUpdate.setState({ needRefresh: true });
    });
    expect(screen.getByTestId('update-prompt').textContent).toBe('有新版本可用。 请先完成当前检查，再更新。');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
