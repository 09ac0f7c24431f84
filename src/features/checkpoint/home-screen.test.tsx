// The start screen just after a save: the saved line keeps its place while the check is read back, so 开始检查
// stays where the officer's finger is going.
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { checks, db } from '../../db/db-instance.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { HomeScreen } from './home-screen.tsx';

const SAVED_AT_MS = Date.parse('2026-12-06T09:30:00+08:00');

function renderHome(path: string) {
  const { hook, searchHook } = memoryLocation({ path });
  render(
    <Router hook={hook} searchHook={searchHook}>
      <HomeScreen />
    </Router>,
  );
}

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('HomeScreen after a save', () => {
  it('holds the saved line’s place, hidden from everyone, until the check is read, then says what was saved', async () => {
    const check = makeVehicleCheck();
    await checks.saveCompleted(check, { timeZone: 'Asia/Shanghai', now: SAVED_AT_MS });
    renderHome(`/?saved=${check.id}`);

    // First render: the check is not read yet, and the start button already sits below the line's place.
    const space = screen.getByTestId('saved-toast-space');
    expect(space.getAttribute('aria-hidden')).toBe('true');
    expect(space.style.visibility).toBe('hidden');
    expect(space.compareDocumentPosition(screen.getByTestId('start-check'))).toBe(Node.DOCUMENT_POSITION_FOLLOWING);

    const toast = await screen.findByTestId('saved-toast');
    expect(toast.textContent).toBe(`已保存：${check.vehicle.plate ?? ''}`);
    expect(screen.queryByTestId('saved-toast-space')).toBeNull();
  });

  it('keeps no empty place when the saved check is not on this tablet', async () => {
    renderHome('/?saved=00000000-0000-4000-8000-000000000000');
    await screen.findByTestId('today-summary');
    await expect.poll(() => screen.queryByTestId('saved-toast-space')).toBeNull();
    expect(screen.queryByTestId('saved-toast')).toBeNull();
  });
});
