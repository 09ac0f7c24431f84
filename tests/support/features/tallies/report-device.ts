// Test data shared by the report, print and hand-off screen tests: one enrolled tablet of a checkpoint, the
// stand-in for Chart.js that jsdom (no canvas) needs, and a catcher for the files the screens download.
import { vi } from 'vitest';

export const TEST_TIME_ZONE = 'Asia/Shanghai';
/** The evening of the day the tests report on. */
export const TEST_NOW_MS = Date.parse('2026-11-28T20:00:00+08:00');
export const TEST_SERVER = 'https://kakou.example.cn';

export const TEST_DEVICE = {
  checkpointId: 'cp-hn-lou-01',
  checkpointName: '娄底东收费站',
  province: '湖南',
  city: '娄底',
  timeZone: TEST_TIME_ZONE,
  deviceId: 'tablet-03',
  deviceName: '3号平板',
};
export const TEST_ENROLLED_DEVICE = {
  ...TEST_DEVICE,
  serverUrl: TEST_SERVER,
  token: 'tok-secret',
  enrolledAt: TEST_NOW_MS,
};

/** What the screens import from chart.js, drawing nothing (bar-chart.test.tsx checks what the charts are given). */
export const fakeChartModule = {
  Chart: class {
    static register(): void {
      // Nothing to register in the fake.
    }
    destroy(): void {
      // Nothing drawn.
    }
  },
  BarController: {},
  BarElement: {},
  CategoryScale: {},
  LinearScale: {},
  Legend: {},
};

/** Catches the screens' downloads in jsdom (which saves nothing): each file name clicked and the blob behind it. */
export function captureDownloads(): { names: string[]; blobs: Blob[] } {
  const captured = { names: [] as string[], blobs: [] as Blob[] };
  Object.assign(URL, {
    createObjectURL: vi.fn((blob: Blob) => {
      captured.blobs.push(blob);
      return `blob:${captured.blobs.length}`;
    }),
    revokeObjectURL: vi.fn(),
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    captured.names.push(this.download);
  });
  return captured;
}
