// The browser's answer to keeping the tablet's data, once, and a warning from 80 % of the quota on,
// in the officer's words and numbers.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../platform/i18n.ts';
import { askPersistenceOnce, checkQuota, dismissPersistenceAnswer } from '../platform/storage.ts';
import { PersistenceAnswerNotice, QuotaWarning } from './storage-notices.tsx';

const GIB = 1024 ** 3;

let usageBytes = 0;

beforeEach(() => {
  setLanguage('zh-CN');
  localStorage.clear();
  dismissPersistenceAnswer();
  usageBytes = 0;
  Object.defineProperty(navigator, 'storage', {
    value: {
      persisted: () => Promise.resolve(false),
      persist: () => Promise.resolve(false),
      estimate: () => Promise.resolve({ usage: usageBytes, quota: 2 * GIB }),
    },
    configurable: true,
  });
});

afterEach(async () => {
  usageBytes = 0;
  await checkQuota();
  Reflect.deleteProperty(navigator, 'storage');
});

describe('storage notices', () => {
  it('says nothing while there is room and nothing was asked', async () => {
    usageBytes = 0.5 * GIB;
    const { container } = render(<QuotaWarning />);
    await act(() => checkQuota());
    expect(container.textContent).toBe('');
  });

  it('warns from 80 % of the quota, with the share and sizes, and stops once space is freed', async () => {
    usageBytes = 1.7 * GIB;
    render(<QuotaWarning />);
    const warning = await screen.findByTestId('quota-warning');
    expect(warning.textContent).toBe(
      '本机存储已用 85%（1.7 GB / 2 GB）。用满后将无法保存检查记录：请联网同步，并请班组长清理本机上已同步的旧数据。',
    );
    usageBytes = 1.2 * GIB;
    await act(() => checkQuota());
    expect(screen.queryByTestId('quota-warning')).toBeNull();
  });

  it('warns in English too', async () => {
    setLanguage('en');
    usageBytes = 1.6 * GIB;
    render(<QuotaWarning />);
    expect((await screen.findByTestId('quota-warning')).textContent).toMatch(
      /^This tablet’s storage is 80% full \(1\.6 GB of 2 GB\)\. Once it is full no check can be saved/u,
    );
  });

  it('shows the browser’s refusal after the first save until the officer has read it', async () => {
    render(<PersistenceAnswerNotice />);
    await act(() => askPersistenceOnce());
    const answer = await screen.findByTestId('persistence-answer');
    expect(answer.dataset['answer']).toBe('denied');
    expect(answer.textContent).toContain('浏览器没有同意持久保存本机数据');
    expect(answer.textContent).toContain('请把卡口添加到主屏幕');
    await userEvent.setup().click(screen.getByRole('button', { name: '知道了' }));
    await waitFor(() => {
      expect(screen.queryByTestId('persistence-answer')).toBeNull();
    });
  });
});
