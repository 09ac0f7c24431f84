// Test data shared by the report, print and hand-off screen tests: one enrolled tablet of a checkpoint, and the
// stand-in for Chart.js that jsdom (no canvas) needs.

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
export const TEST_ENROLLED_DEVICE = { ...TEST_DEVICE, serverUrl: TEST_SERVER, token: 'tok-secret', enrolledAt: TEST_NOW_MS };

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
