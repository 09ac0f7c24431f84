// The header's sync status as an officer reads it, driven by a status store of the test's own (no engine, no server).
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db } from '../db/db-instance.ts';
import { makeVehicleCheck } from '../../tests/support/db/fixtures.ts';
import { clearDiagnostics, diagnostics } from '../platform/diagnostics.ts';
import { setLanguage } from '../platform/i18n.ts';
import { isLeadUnlocked, lockLead, unlockLead } from './lead-session.ts';
import { createSyncStatusStore } from '../sync/sync-status.ts';
import type { SyncStatus } from '../sync/sync-status.ts';
import { AppHeader } from './app-header.tsx';

const SAVED_AT_MS = Date.parse('2026-11-28T08:01:40+08:00');
/** A day that is not today, whenever the test runs: the header shows its date too. */
const LONG_AGO_MS = Date.parse('2025-03-01T08:05:00+08:00');

function renderHeader(initial: Partial<SyncStatus>, onSyncNow: (() => Promise<void>) | null = null) {
  const store = createSyncStatusStore(initial);
  render(<AppHeader syncStatus={store} onSyncNow={onSyncNow} />);
  return { store, user: userEvent.setup() };
}

async function savePending(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const check = makeVehicleCheck();
    await checks.saveCompleted(check, { timeZone: 'Asia/Shanghai', now: SAVED_AT_MS });
    ids.push(check.id);
  }
  return ids;
}

function syncState(): HTMLElement {
  return screen.getByTestId('header-sync-state');
}

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('AppHeader: sync status', () => {
  it('counts pending checks live, and invites enrollment when the tablet has no server', async () => {
    renderHeader({ state: 'not-enrolled' }, null);
    // Before the outbox is counted it claims nothing: no count, and 已全部同步 not shown.
    expect(screen.getByTestId('header-pending').hasAttribute('data-count')).toBe(false);
    expect(screen.getByTestId('header-pending').style.visibility).toBe('hidden');
    await waitFor(() => {
      expect(screen.getByTestId('header-pending').getAttribute('data-count')).toBe('0');
    });
    expect(screen.getByTestId('header-pending').textContent).toBe('已全部同步');
    expect(screen.getByTestId('header-pending').style.visibility).toBe('');
    await savePending(2);
    await waitFor(() => {
      expect(screen.getByTestId('header-pending').getAttribute('data-count')).toBe('2');
    });
    expect(screen.getByTestId('header-pending').textContent).toBe('未同步 2');

    const enroll = screen.getByRole('link', { name: '未登记服务器' });
    expect(enroll.getAttribute('href')).toBe('/enroll');
    expect(screen.queryByRole('button', { name: '立即同步' })).toBeNull();
    expect(screen.queryByTestId('header-last-sync')).toBeNull();
  });

  it('shows when it last synced, and syncs on demand without a second tap while it runs', async () => {
    let finish: () => void = () => undefined;
    const onSyncNow = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const { user } = renderHeader({ state: 'idle', lastSuccessAt: LONG_AGO_MS }, onSyncNow);
    expect(screen.getByTestId('header-last-sync').textContent).toBe('上次同步 03-01 08:05');
    expect(screen.queryByTestId('header-sync-state')).toBeNull();

    const button = screen.getByRole('button', { name: '立即同步' });
    await user.click(button);
    expect(onSyncNow).toHaveBeenCalledTimes(1);
    expect(button.hasAttribute('disabled')).toBe(true);
    await act(async () => {
      finish();
      await Promise.resolve();
    });
    expect(button.hasAttribute('disabled')).toBe(false);
  });

  it('says never synced on an enrolled tablet that has not synced yet; today’s sync shows only the time', () => {
    const { store } = renderHeader({ state: 'idle', lastSuccessAt: null }, () => Promise.resolve());
    expect(screen.getByTestId('header-last-sync').textContent).toBe('尚未同步');
    act(() => {
      store.setState({ lastSuccessAt: Date.now() });
    });
    expect(screen.getByTestId('header-last-sync').textContent).toMatch(/^上次同步 \d\d:\d\d$/u);
  });

  it('puts failures in words, with when it retries; the raw detail only in diagnostics, once per failure', () => {
    clearDiagnostics();
    const retryAt = Date.parse('2025-03-01T08:10:00+08:00');
    const { store } = renderHeader(
      { state: 'offline', lastError: { key: 'network', detail: null }, nextAttemptAt: retryAt },
      () => Promise.resolve(),
    );
    expect(syncState().textContent).toBe('无法连接服务器 · 03-01 08:10 自动重试');

    act(() => {
      store.setState({ state: 'error', lastError: { key: 'server', detail: 'HTTP 503' }, nextAttemptAt: null });
    });
    expect(syncState().textContent).toBe('服务器出错');
    expect(document.body.textContent).not.toContain('HTTP 503');
    expect(syncState().getAttribute('title')).toBeNull();
    act(() => {
      // The backoff's next attempt fails the same way: one entry, not one per retry.
      store.setState({ lastError: { key: 'server', detail: 'HTTP 503' }, nextAttemptAt: null });
    });

    act(() => {
      store.setState({ state: 'error', lastError: { key: 'rate-limited', detail: null } });
    });
    expect(syncState().textContent).toBe('服务器繁忙');

    act(() => {
      store.setState({ state: 'error', lastError: { key: 'storage', detail: 'QuotaExceededError' } });
    });
    expect(syncState().textContent).toBe('本机存储出错，无法同步');
    expect(document.body.textContent).not.toContain('QuotaExceededError');
    // Newest first; no network was not a fault and is not listed.
    expect(diagnostics().map((entry) => [entry.place, entry.text])).toEqual([
      ['sync', 'storage: QuotaExceededError'],
      ['sync', 'rate-limited: —'],
      ['sync', 'server: HTTP 503'],
    ]);
  });

  it('says offline once when the browser has no network', () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      renderHeader({ state: 'offline', lastError: { key: 'network', detail: null } }, () => Promise.resolve());
      expect(screen.getAllByText('离线')).toHaveLength(1);
      expect(screen.queryByText(/无法连接服务器/u)).toBeNull();
    } finally {
      onLine.mockRestore();
    }
  });

  it('asks to enroll again after the server refused the token, and offers no sync', () => {
    renderHeader({ state: 'unauthorized', lastError: { key: 'unauthorized', detail: 'token revoked' } }, () =>
      Promise.resolve(),
    );
    const link = screen.getByRole('link', { name: '请重新登记设备' });
    expect(link.getAttribute('href')).toBe('/enroll');
    expect(screen.queryByRole('button', { name: '立即同步' })).toBeNull();
  });

  it('shows a progress bar while a large backlog drains, a short word for a small one', () => {
    const { store } = renderHeader({ state: 'syncing', progress: { sent: 500, total: 1_200 } }, () =>
      Promise.resolve(),
    );
    const bar = screen.getByRole('progressbar', { name: '同步进度' });
    expect(bar.getAttribute('value')).toBe('500');
    expect(bar.getAttribute('max')).toBe('1200');
    expect(syncState().textContent).toBe('正在同步 500 / 1,200');
    expect(screen.getByRole('button', { name: '立即同步' }).hasAttribute('disabled')).toBe(true);

    act(() => {
      store.setState({ progress: { sent: 1_000, total: 1_200 } });
    });
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('1000');

    act(() => {
      store.setState({ progress: { sent: 0, total: 2 } });
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(syncState().textContent).toBe('正在同步…');
  });

  it('links to the refused checks when the server rejected some', async () => {
    const [id] = await savePending(2);
    renderHeader({ state: 'idle' }, () => Promise.resolve());
    expect(screen.queryByTestId('header-rejected')).toBeNull();

    await checks.markRejected(id!, 1, 'same id and rev with different content');
    const link = await screen.findByRole('link', { name: '1 条未能上传' });
    expect(link.getAttribute('href')).toBe('/sync');
    await waitFor(() => {
      expect(screen.getByTestId('header-pending').getAttribute('data-count')).toBe('1');
    });
  });

  it('claims nothing about sync while the sync code is still loading', async () => {
    render(<AppHeader syncStatus={null} onSyncNow={null} />);
    await waitFor(() => {
      expect(screen.getByTestId('header-pending').getAttribute('data-count')).toBe('0');
    });
    expect(screen.queryByTestId('header-sync-state')).toBeNull();
    expect(screen.queryByTestId('header-last-sync')).toBeNull();
    expect(screen.queryByRole('button', { name: '立即同步' })).toBeNull();
  });

  it('speaks English when asked', () => {
    setLanguage('en');
    renderHeader({ state: 'unauthorized' }, () => Promise.resolve());
    expect(screen.getByRole('link', { name: 'Enroll this tablet again' })).toBeTruthy();
  });
});

describe('AppHeader: the lead’s screens', () => {
  it('offers a lock button only while the lead’s screens are open, and it locks them', async () => {
    lockLead();
    renderHeader({ state: 'idle' });
    await screen.findByTestId('header-pending');
    expect(screen.queryByRole('button', { name: '锁定班组长页面' })).toBeNull();
    // The 日报 link stays for everyone: the gate, not the header, keeps officers out.
    expect(screen.getByRole('link', { name: '日报' })).toBeTruthy();

    act(() => {
      unlockLead();
    });
    await userEvent.setup().click(await screen.findByRole('button', { name: '锁定班组长页面' }));
    expect(isLeadUnlocked()).toBe(false);
    expect(screen.queryByRole('button', { name: '锁定班组长页面' })).toBeNull();
  });
});
