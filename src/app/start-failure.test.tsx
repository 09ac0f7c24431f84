// A start-up that fails shows the officer what happened and what to do, never the browser's own error text; that
// text is kept for Settings → Diagnostics. The failure is a real one: this tablet's database was opened by a newer
// version of the app (an update rolled back), so this one cannot use it.
// Runs isolated: the app's database must be opened for the first time here, not already open from another file.
import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATABASE_NAME } from '../db/database.ts';
import { clearDiagnostics, diagnostics } from '../platform/diagnostics.ts';
import { setLanguage } from '../platform/i18n.ts';
import { App } from './app.tsx';

/** Far beyond any schema version this build knows (Dexie stores version × 10). */
const NEWER_SCHEMA_VERSION = 1_000_000;

function openNewer(): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DEFAULT_DATABASE_NAME, NEWER_SCHEMA_VERSION);
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => {
      reject(request.error ?? new Error('open failed'));
    };
  });
}

beforeAll(async () => {
  await openNewer();
});

describe('App when the tablet’s storage cannot be opened', () => {
  it('says so in words with a reload, and keeps the raw error only in diagnostics', async () => {
    clearDiagnostics();
    setLanguage('zh-CN');
    render(<App />);
    const page = await screen.findByTestId('start-failed');
    expect(page.textContent).toContain('卡口无法打开本机的数据存储，不能启动。已保存的数据不受影响。');
    expect(page.textContent).toContain('设置 → 诊断');
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
    // No English, no error name, no stack on the officer's screen.
    expect(page.textContent).not.toMatch(/Error|version|[A-Za-z]{4,}/u);

    const [entry] = diagnostics();
    expect(entry?.place).toBe('start-up');
    // The browser's own words, whichever it chose (Dexie meets a schema without its tables).
    expect(entry?.text).toMatch(/^(NotFoundError|VersionError|DatabaseClosedError)\b/u);
  });
});
