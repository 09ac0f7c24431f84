// The report's charts: the tally's numbers reach the bars as a lead reads them, in the theme's colours, redrawn on change.
import { render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tallyDay } from '../../domain/tally.ts';
import { setLanguage } from '../../platform/i18n.ts';
import { setTheme } from '../../platform/theme.ts';
import { makePersonCheck, makeVehicleCheck } from '../../../tests/support/db/fixtures.ts';
import { hourChartData, teamChartData } from '../../components/chart-data.ts';
import { TallyCharts } from './tally-charts.tsx';

interface DrawnChart {
  config: {
    data: { labels: string[]; datasets: { label: string; data: number[]; backgroundColor: string }[] };
    options: { color: string };
  };
  destroyed: boolean;
}

const drawn = vi.hoisted(() => [] as DrawnChart[]);

// Chart.js needs a real canvas; jsdom has none. The fake records what the report asked it to draw.
vi.mock('chart.js', () => ({
  Chart: class {
    static register(): void {
      // The fake draws nothing: no parts to register.
    }
    record: DrawnChart;
    constructor(_canvas: HTMLCanvasElement, config: DrawnChart['config']) {
      this.record = { config, destroyed: false };
      drawn.push(this.record);
    }
    destroy() {
      this.record.destroyed = true;
    }
  },
  BarController: {},
  BarElement: {},
  CategoryScale: {},
  LinearScale: {},
  Legend: {},
}));

const CONTEXT = {
  checkpointId: 'cp-hn-lou-01',
  date: '2026-11-28',
  timeZone: 'Asia/Shanghai',
  province: '湖南',
  city: '娄底',
  generatedAt: '2026-11-28T20:00:00+08:00',
};

const TALLY = tallyDay(
  [
    makeVehicleCheck(),
    makeVehicleCheck({
      team: 'B',
      completedAt: '2026-11-28T23:59:00+08:00',
      persons: [makePersonCheck(), makePersonCheck({ role: 'passenger' }), makePersonCheck({ role: 'passenger' })],
    }),
    makeVehicleCheck({ completedAt: '2026-11-28T08:30:00+08:00' }),
  ],
  CONTEXT,
);

const live = () => drawn.filter((chart) => !chart.destroyed);

beforeEach(() => {
  drawn.length = 0;
  setLanguage('zh-CN');
  setTheme('light');
  document.documentElement.style.setProperty('--chart-vehicles', '#0f766e');
  document.documentElement.style.setProperty('--chart-persons', '#b45309');
  document.documentElement.style.setProperty('--text', '#0b1220');
});

afterEach(() => {
  document.documentElement.removeAttribute('style');
});

describe('chart data', () => {
  it('gives 24 hours of vehicles and persons, and each team that worked', () => {
    const labels = {
      vehicles: '车辆',
      persons: '人员',
      hour: (hour: string) => `${hour}时`,
      team: (team: string) => `${team}班`,
    };
    const byHour = hourChartData(TALLY, labels);
    expect(byHour.categories).toHaveLength(24);
    expect(byHour.categories[8]).toBe('08时');
    expect(byHour.series.map((series) => [series.label, series.values[8], series.values[23]])).toEqual([
      ['车辆', 2, 1],
      ['人员', 2, 3],
    ]);
    expect(teamChartData(TALLY, labels)).toEqual({
      categories: ['A班', 'B班'],
      series: [
        { id: 'vehicles', label: '车辆', values: [2, 1] },
        { id: 'persons', label: '人员', values: [2, 3] },
      ],
    });
  });
});

describe('TallyCharts', () => {
  it('draws the hour and team charts in the theme’s colours, named for screen readers', async () => {
    render(<TallyCharts tally={TALLY} sourceLabel="全卡口（服务器）" />);
    await waitFor(() => {
      expect(live()).toHaveLength(2);
    });
    const [hours, teams] = live();
    expect(hours?.config.data.labels).toHaveLength(24);
    expect(hours?.config.data.datasets.map((set) => [set.label, set.backgroundColor])).toEqual([
      ['车辆', '#0f766e'],
      ['人员', '#b45309'],
    ]);
    expect(teams?.config.data.labels).toEqual(['A 班', 'B 班']);
    expect(teams?.config.data.datasets[1]?.data).toEqual([2, 3]);
    expect(screen.getByRole('img', { name: '每小时车辆与人员（全卡口（服务器））' })).toBeTruthy();
    expect(screen.getByRole('img', { name: '各班组车辆与人员（全卡口（服务器））' })).toBeTruthy();
  });

  it('redraws in the night colours when the theme changes, and in English when the language does', async () => {
    render(<TallyCharts tally={TALLY} sourceLabel="This tablet" />);
    await waitFor(() => {
      expect(live()).toHaveLength(2);
    });
    document.documentElement.style.setProperty('--chart-vehicles', '#2dd4bf');
    setTheme('dark');
    await waitFor(() => {
      expect(live()[0]?.config.data.datasets[0]?.backgroundColor).toBe('#2dd4bf');
    });
    expect(live()).toHaveLength(2);

    setLanguage('en');
    await waitFor(() => {
      expect(live()[1]?.config.data.labels).toEqual(['Team A', 'Team B']);
    });
    expect(live()[0]?.config.data.datasets.map((set) => set.label)).toEqual(['Vehicles', 'Persons']);
  });

  it('prints black and grey on white, the hour chart only', async () => {
    render(<TallyCharts tally={TALLY} sourceLabel="本机" palette="print" teams={false} />);
    await waitFor(() => {
      expect(live()).toHaveLength(1);
    });
    expect(live()[0]?.config.data.datasets.map((set) => set.backgroundColor)).toEqual(['#111111', '#9ca3af']);
    expect(live()[0]?.config.options.color).toBe('#000000');
    expect(screen.queryByTestId('chart-by-team')).toBeNull();
  });
});
