// Counting the page's live camera tracks: wraps getUserMedia before the app loads, so no stream escapes the count.
import type { Page } from 'playwright-core';

interface TrackWindow {
  __kakouCameraTracks?: MediaStreamTrack[];
}

/**
 * Runs in the page before any of its scripts (page.addInitScript): records every track getUserMedia hands out.
 * openDelayMs holds each stream back that long, as a real tablet camera takes a few hundred ms to open, so that
 * races between opening and leaving happen every time instead of now and then.
 */
export function recordCameraTracks(openDelayMs = 0): void {
  const tracked = window as unknown as TrackWindow;
  if (tracked.__kakouCameraTracks) return;
  const tracks: MediaStreamTrack[] = [];
  tracked.__kakouCameraTracks = tracks;
  const mediaDevices = navigator.mediaDevices as MediaDevices | undefined;
  if (!mediaDevices) return; // insecure context: there is no camera to count
  const original = mediaDevices.getUserMedia.bind(mediaDevices);
  mediaDevices.getUserMedia = async (constraints?: MediaStreamConstraints): Promise<MediaStream> => {
    const stream = await original(constraints);
    tracks.push(...stream.getTracks());
    if (openDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, openDelayMs));
    return stream;
  };
}

/** Adds the recorder to every page of the context (or to one page) created or navigated after this call. */
export async function installCameraTrackRecorder(
  target: Pick<Page, 'addInitScript'>,
  options: { openDelayMs?: number } = {},
): Promise<void> {
  await target.addInitScript(recordCameraTracks, options.openDelayMs ?? 0);
}

/** Camera tracks the page holds open right now (readyState 'live'). */
export async function liveTrackCount(page: Page): Promise<number> {
  return page.evaluate(() => {
    const tracks = (window as unknown as TrackWindow).__kakouCameraTracks ?? [];
    return tracks.filter((track) => track.readyState === 'live').length;
  });
}

/** Every camera track the page was given since it loaded, live or ended. */
export async function totalTrackCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as TrackWindow).__kakouCameraTracks?.length ?? 0);
}
