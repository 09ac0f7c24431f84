import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeoutSignal } from './timeout-signal.ts';

describe('timeoutSignal', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('aborts with a TimeoutError after the time, on an engine without AbortSignal.timeout', () => {
    vi.useFakeTimers();
    vi.stubGlobal('AbortSignal', { ...AbortSignal, timeout: undefined });
    const signal = timeoutSignal(5_000);
    vi.advanceTimersByTime(4_999);
    expect(signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it("uses the engine's own where it has one", () => {
    const own = vi.spyOn(AbortSignal, 'timeout');
    timeoutSignal(1_000);
    expect(own).toHaveBeenCalledWith(1_000);
  });
});
