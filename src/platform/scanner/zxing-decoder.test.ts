// The page's side of the zxing worker against a fake Worker: one worker per page, answers matched to requests,
// one frame in flight, and a worker that cannot load given up on instead of restarted for every frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ZxingRequest, ZxingResponse } from './zxing-protocol.ts';

class FakeWorker {
  static created: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<ZxingResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly requests: ZxingRequest[] = [];
  readonly transfers: Transferable[][] = [];
  terminated = false;

  constructor() {
    FakeWorker.created.push(this);
  }

  postMessage(request: ZxingRequest, transfer: Transferable[]): void {
    this.requests.push(request);
    this.transfers.push(transfer);
  }

  terminate(): void {
    this.terminated = true;
  }

  answer(id: number, text: string | null): void {
    const read = text === null ? null : { text, pass: 'luminance' as const, suggestedColor: 'green' as const };
    this.onmessage?.(
      new MessageEvent('message', { data: { id, ok: true, read, centralColor: null, ms: 5 } satisfies ZxingResponse }),
    );
  }

  failToLoad(): void {
    this.onerror?.(new ErrorEvent('error', { message: 'script failed to load', cancelable: true }));
  }
}

function bitmap(): ImageBitmap & { closed: () => boolean } {
  let closed = false;
  const fake = {
    width: 640,
    height: 480,
    close: () => {
      closed = true;
    },
    closed: () => closed,
  };
  return fake;
}

async function freshModule() {
  // The worker is page-wide state: each test gets its own copy of the module.
  vi.resetModules();
  return import('./zxing-decoder.ts');
}

beforeEach(() => {
  FakeWorker.created = [];
  vi.stubGlobal('Worker', FakeWorker);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('decodeWithZxing', () => {
  it('uses one worker for every frame, transfers each bitmap and matches each answer to its frame', async () => {
    const zxing = await freshModule();
    const first = bitmap();
    const a = zxing.decodeWithZxing(first);
    const b = zxing.decodeWithZxing(bitmap());
    expect(FakeWorker.created).toHaveLength(1);
    const worker = FakeWorker.created[0]!;
    expect(worker.transfers[0]).toEqual([first]);
    const [idA, idB] = worker.requests.map((request) => request.id);
    worker.answer(idB!, 'SECOND');
    worker.answer(idA!, null);
    await expect(a).resolves.toMatchObject({ read: null });
    await expect(b).resolves.toMatchObject({ read: { text: 'SECOND', suggestedColor: 'green' } });
  });

  it('gives up on a worker that cannot load after three tries, and then starts none', async () => {
    const zxing = await freshModule();
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      const pending = zxing.decodeWithZxing(bitmap());
      FakeWorker.created.at(-1)!.failToLoad();
      await expect(pending).rejects.toThrow('zxing worker failed');
      expect(FakeWorker.created.at(-1)!.terminated).toBe(true);
    }
    const unused = bitmap();
    await expect(zxing.decodeWithZxing(unused)).rejects.toThrow('zxing worker unavailable');
    expect(unused.closed()).toBe(true);
    expect(() => zxing.warmUpZxing()).not.toThrow();
    expect(FakeWorker.created).toHaveLength(3);
  });
});

describe('pumpFrames', () => {
  it('keeps one frame in flight, reads on, and stops by itself after a read', async () => {
    vi.useFakeTimers();
    const grab = vi.fn(() => Promise.resolve(bitmap()));
    vi.stubGlobal('createImageBitmap', grab);
    const zxing = await freshModule();
    const video = { readyState: 4, videoWidth: 640 } as unknown as HTMLVideoElement;
    const reads: string[] = [];
    zxing.pumpFrames(video, (answer) => reads.push(answer.read.text));

    await vi.advanceTimersByTimeAsync(0);
    const worker = FakeWorker.created[0]!;
    expect(worker.requests).toHaveLength(1);
    // The worker is slow: no second frame is grabbed while the first is unanswered.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(grab).toHaveBeenCalledTimes(1);

    worker.answer(worker.requests[0]!.id, null);
    await vi.advanceTimersByTimeAsync(zxing.FRAME_INTERVAL_MS);
    expect(worker.requests).toHaveLength(2);
    worker.answer(worker.requests[1]!.id, 'HC-0001');
    await vi.advanceTimersByTimeAsync(10 * zxing.FRAME_INTERVAL_MS);
    expect(reads).toEqual(['HC-0001']);
    expect(grab).toHaveBeenCalledTimes(2);
  });

  it('grabs nothing after stop, and ignores an answer that arrives after it', async () => {
    vi.useFakeTimers();
    const grab = vi.fn(() => Promise.resolve(bitmap()));
    vi.stubGlobal('createImageBitmap', grab);
    const zxing = await freshModule();
    const video = { readyState: 4, videoWidth: 640 } as unknown as HTMLVideoElement;
    const reads: string[] = [];
    const pump = zxing.pumpFrames(video, (answer) => reads.push(answer.read.text));
    await vi.advanceTimersByTimeAsync(0);
    pump.stop();
    const worker = FakeWorker.created[0]!;
    worker.answer(worker.requests[0]!.id, 'LATE');
    await vi.advanceTimersByTimeAsync(10 * zxing.FRAME_INTERVAL_MS);
    expect(reads).toEqual([]);
    expect(grab).toHaveBeenCalledTimes(1);
  });
});
