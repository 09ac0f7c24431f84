// The network coming and going, as the sync wiring and the header hear it: one source for both.
import { describe, expect, it, vi } from 'vitest';
import { isOnline, subscribeOnline } from './online.ts';

describe('online', () => {
  it('reads the browser’s own answer', () => {
    const onLine = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      expect(isOnline()).toBe(false);
    } finally {
      onLine.mockRestore();
    }
  });

  it('tells each change until stopped', () => {
    const heard: boolean[] = [];
    const stop = subscribeOnline((online) => heard.push(online));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    stop();
    window.dispatchEvent(new Event('offline'));
    expect(heard).toEqual([false, true]);
  });
});
