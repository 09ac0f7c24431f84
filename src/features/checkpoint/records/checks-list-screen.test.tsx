// The day's list on a busy day: the day's figures whole, the rows a page at a time, the next page on a tap.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { checks, db } from '../../../db/db-instance.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import { makePersonCheck, makeVehicleCheck } from '../../../../tests/support/db/fixtures.ts';
import { ChecksListScreen, LIST_PAGE_ROWS } from './checks-list-screen.tsx';

const DAY = '2026-11-28';
const SAVE_OPTIONS = { timeZone: 'Asia/Shanghai', now: Date.parse('2026-11-28T20:00:00+08:00') };
/** One page and five more; the fifth from the end carries a passenger, so persons differ from vehicles. */
const VEHICLES = LIST_PAGE_ROWS + 5;

/** 湘K10000 at 08:00, 湘K10001 a minute later, and so on: the newest has the highest number. */
async function storeDay(): Promise<void> {
  for (let i = 0; i < VEHICLES; i += 1) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(8 + Math.floor(i / 60)).padStart(2, '0');
    const check = makeVehicleCheck({ completedAt: `${DAY}T${hour}:${minute}:00+08:00` });
    check.vehicle = { ...check.vehicle, plate: `湘K${10_000 + i}` };
    if (i === VEHICLES - 5) check.persons = [...check.persons, makePersonCheck()];
    await checks.saveCompleted(check, SAVE_OPTIONS);
  }
}

function renderList(dateLabel = '日期') {
  const { hook } = memoryLocation({ path: '/checks' });
  render(
    <Router hook={hook}>
      <ChecksListScreen />
    </Router>,
  );
  fireEvent.change(screen.getByLabelText(dateLabel), { target: { value: DAY } });
}

const plates = () => screen.getAllByRole('link').map((link) => link.querySelector('strong')?.textContent);

beforeEach(async () => {
  setLanguage('zh-CN');
  await Promise.all(db.tables.map((table) => table.clear()));
});

describe('ChecksListScreen on a busy day', () => {
  it('counts the whole day, shows the newest page, and the earlier checks on a tap', async () => {
    await storeDay();
    renderList();

    await waitFor(() => {
      expect(screen.getByTestId('checks-count').textContent).toBe(`${VEHICLES} 辆车 · ${VEHICLES + 1} 人`);
      expect(plates()).toHaveLength(LIST_PAGE_ROWS);
    });
    expect(plates()[0]).toBe(`湘K${10_000 + VEHICLES - 1}`);
    expect(plates()[LIST_PAGE_ROWS - 1]).toBe('湘K10005');
    const more = screen.getByTestId('checks-more');
    expect(more.textContent).toBe('显示更早的记录（还有 5 辆车）');

    act(() => {
      more.click();
    });
    await waitFor(() => {
      expect(plates()).toHaveLength(VEHICLES);
    });
    expect(plates()[VEHICLES - 1]).toBe('湘K10000');
    expect(screen.queryByTestId('checks-more')).toBeNull();
  });

  it('says in English how many earlier vehicles a tap adds', async () => {
    await storeDay();
    setLanguage('en');
    renderList('Date');
    await waitFor(() => {
      expect(screen.getByTestId('checks-more').textContent).toBe('Show earlier checks (5 more vehicles)');
    });
  });

  it('says the day is empty, with no button', async () => {
    renderList();
    await screen.findByText('这一天本机没有检查记录。');
    expect(screen.queryByTestId('checks-more')).toBeNull();
  });
});
