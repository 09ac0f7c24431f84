// The page's side of the zxing-wasm worker: one worker per page, parked idle between scans, one frame in flight,
// and a frame pump that feeds it the video html5-qrcode renders.
import type { ZxingRequest, ZxingResponse } from './zxing-protocol.ts';

export type ZxingAnswer = Extract<ZxingResponse, { ok: true }>;

/**
 * Frames offered to zxing while scanning: one every 120 ms. A frame takes zxing about 3–20 ms here (ADR 015); a
 * slower tablet simply skips frames, as a new one is grabbed only when the last answer is in.
 */
export const FRAME_INTERVAL_MS = 120;

/**
 * A worker whose script cannot load (an asset missing from an old precache) is not restarted for every frame: after
 * this many failed starts the page scans with html5-qrcode alone until it is reloaded.
 */
const WORKER_STARTS_MAX = 3;

let worker: Worker | null = null;
let failedStarts = 0;
let nextId = 0;
const pending = new Map<number, { resolve: (answer: ZxingAnswer) => void; reject: (error: Error) => void }>();

function failAll(error: Error): void {
  for (const waiting of pending.values()) waiting.reject(error);
  pending.clear();
}

/**
 * The worker is started on the first scan and then parked (idle, no timers) rather than terminated: compiling the
 * ~1 MB .wasm again for every person checked would delay each scan's first zxing read.
 */
function theWorker(): Worker {
  if (worker) return worker;
  if (failedStarts >= WORKER_STARTS_MAX) throw new Error('zxing worker unavailable');
  const started = new Worker(new URL('./zxing-worker.ts', import.meta.url), { type: 'module', name: 'kakou-zxing' });
  started.onmessage = (event: MessageEvent<ZxingResponse>) => {
    const response = event.data;
    const waiting = pending.get(response.id);
    if (!waiting) return;
    pending.delete(response.id);
    if (response.ok) waiting.resolve(response);
    else waiting.reject(new Error(response.error));
  };
  started.onerror = (event) => {
    event.preventDefault();
    // A worker that failed to load is dropped; the next frame starts a fresh one, up to WORKER_STARTS_MAX.
    if (worker === started) worker = null;
    failedStarts += 1;
    started.terminate();
    failAll(new Error(`zxing worker failed: ${event.message}`));
  };
  worker = started;
  return started;
}

/** Starts the worker (and its .wasm download and compile) ahead of the first frame. */
export function warmUpZxing(): void {
  try {
    theWorker();
  } catch {
    // Unavailable: html5-qrcode reads alone.
  }
}

/** Reads one image in the worker; the bitmap is transferred (and closed there). */
export function decodeWithZxing(bitmap: ImageBitmap): Promise<ZxingAnswer> {
  let target: Worker;
  try {
    target = theWorker();
  } catch (error) {
    bitmap.close();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  nextId += 1;
  const id = nextId;
  return new Promise<ZxingAnswer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    const request: ZxingRequest = { id, bitmap };
    target.postMessage(request, [bitmap]);
  });
}

export interface FramePump {
  /** Stops grabbing frames; an answer still on its way is ignored. */
  stop(): void;
}

/**
 * Grabs a frame of the video every FRAME_INTERVAL_MS, never more than one in flight, and calls onRead with the first
 * answer that holds a code. Stops by itself after a read.
 */
export function pumpFrames(
  video: HTMLVideoElement,
  onRead: (answer: ZxingAnswer & { read: NonNullable<ZxingAnswer['read']> }) => void,
): FramePump {
  let stopped = false;
  // Read through a function: stop() changes the flag between awaits, which the type checker's narrowing cannot see.
  const isStopped = (): boolean => stopped;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = (delayMs: number): void => {
    if (!stopped) timer = setTimeout(() => void tick(), delayMs);
  };

  const tick = async (): Promise<void> => {
    timer = null;
    // No worker to read them (it could not load): html5-qrcode reads alone, no frames are grabbed for nothing.
    if (stopped || failedStarts >= WORKER_STARTS_MAX) return;
    const startedAt = performance.now();
    // HAVE_CURRENT_DATA: a frame is there to copy.
    if (video.readyState < 2 || video.videoWidth === 0) {
      schedule(FRAME_INTERVAL_MS);
      return;
    }
    try {
      const bitmap = await createImageBitmap(video);
      if (isStopped()) {
        bitmap.close();
        return;
      }
      const answer = await decodeWithZxing(bitmap);
      if (isStopped()) return;
      if (answer.read) {
        stopped = true;
        onRead({ ...answer, read: answer.read });
        return;
      }
    } catch {
      // A frame that could not be grabbed or read (video ended, worker restarting) is skipped; the next one is tried.
    }
    schedule(Math.max(0, FRAME_INTERVAL_MS - (performance.now() - startedAt)));
  };

  schedule(0);
  return {
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
