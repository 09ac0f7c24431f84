// Saving a check as the officer meets it: what they are told when the last guard before saving (the wire schema)
// refuses a check or the tablet's storage fails (words; the raw error only in diagnostics), and the first saved
// check asking the browser to keep the tablet's data.
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checks, db } from '../../../db/db-instance.ts';
import { DEFAULT_POLICY } from '../../../domain/policy.ts';
import { clearDiagnostics, diagnostics } from '../../../platform/diagnostics.ts';
import { setLanguage } from '../../../platform/i18n.ts';
import { dismissPersistenceAnswer, storageNotices } from '../../../platform/storage.ts';
import { toVehicleCheck } from './check-builder.ts';
import { refusedFields, useSaveCheck, type SaveContext } from './use-save-check.ts';
import {
  makeContext,
  makeDraft,
  registered,
  screenedPerson,
  COMPLETED_AT,
  STARTED_AT,
  TEST_TIME_ZONE,
} from '../../../../tests/support/features/checkpoint/drafts.ts';

function refusalOf(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  throw new Error('the check was accepted');
}

describe('refusedFields', () => {
  it('names the field of a name pasted with an invisible character, which the server would refuse', () => {
    const draft = makeDraft({
      persons: [screenedPerson('driver', { codeColor: 'yellow', registration: registered('王\u200b五') })],
    });
    expect(refusedFields(refusalOf(() => toVehicleCheck(draft, makeContext())))).toBe('persons.0.registration.name');
  });

  it('leaves any other failure (storage, a bug) to the general message', () => {
    expect(refusedFields(new Error('QuotaExceededError'))).toBeNull();
    expect(refusedFields('not an error')).toBeNull();
  });
});

/** The save as the decision step calls it, against this tablet's real (in-memory) database. */
function renderSave(flushDraft: () => Promise<void> = () => Promise.resolve()) {
  const context: SaveContext = {
    session: {
      officerId: 'officer-017',
      officerName: '李四',
      team: 'A',
      shiftId: 'shift-2026-11-28-a',
      startedAt: Date.parse(STARTED_AT),
    },
    device: {
      checkpointId: 'cp-hn-lou-01',
      checkpointName: '娄底东收费站',
      province: '湖南',
      city: '娄底',
      timeZone: TEST_TIME_ZONE,
      deviceId: 'tablet-03',
      deviceName: '3号平板',
    },
    policy: DEFAULT_POLICY,
    // The clock never measured: the check carries no skew.
    clockSkew: undefined,
    flushDraft,
  };
  const saved: string[] = [];
  const hook = renderHook(() =>
    useSaveCheck(context, (draft) => {
      saved.push(draft.id);
    }),
  );
  return { hook, saved };
}

function stubStorage(manager: object): void {
  Object.defineProperty(navigator, 'storage', { value: manager, configurable: true });
}

describe('useSaveCheck', () => {
  beforeEach(async () => {
    setLanguage('zh-CN');
    clearDiagnostics();
    localStorage.clear();
    dismissPersistenceAnswer();
    await Promise.all(db.tables.map((table) => table.clear()));
    // The drafts' test was sampled the day before COMPLETED_AT: save then, so it is still valid.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(COMPLETED_AT));
  });

  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(navigator, 'storage');
  });

  it('asks the browser to keep the tablet’s data on the first saved check only, and shows its answer', async () => {
    const persist = vi.fn(() => Promise.resolve(false));
    stubStorage({ persisted: () => Promise.resolve(false), persist, estimate: () => Promise.resolve({}) });
    const { hook, saved } = renderSave();

    act(() => {
      hook.result.current.save(makeDraft());
    });
    await waitFor(() => {
      expect(storageNotices().persistence).toBe('denied');
    });
    expect(saved).toHaveLength(1);
    expect(persist).toHaveBeenCalledOnce();
    // The next check is saved once this one is done, as the save button allows (a save under way ignores a second).
    await waitFor(() => {
      expect(hook.result.current.saving).toBe(false);
    });

    act(() => {
      hook.result.current.save(makeDraft());
    });
    await waitFor(() => {
      expect(saved).toHaveLength(2);
    });
    await expect(checks.countPending()).resolves.toBe(2);
    expect(persist).toHaveBeenCalledOnce();
  });

  it('says a failed save in words; the raw error is only in diagnostics and nothing is saved', async () => {
    const raw = new DOMException('The transaction was aborted, so the request cannot be fulfilled.', 'AbortError');
    const { hook, saved } = renderSave(() => Promise.reject(raw));
    act(() => {
      hook.result.current.save(makeDraft());
    });
    await waitFor(() => {
      expect(hook.result.current.saveError).not.toBeNull();
    });
    expect(hook.result.current.saveError).toBe(
      '未能保存：本机存储出错。这辆车的检查内容仍在，请再点一次“完成并保存”；如仍失败，请联系班组长。',
    );
    expect(hook.result.current.saveError).not.toContain('transaction');
    expect(diagnostics()[0]).toMatchObject({
      place: 'save-check',
      text: 'AbortError: The transaction was aborted, so the request cannot be fulfilled.',
    });
    expect(saved).toEqual([]);
    await expect(checks.countPending()).resolves.toBe(0);
  });
});
