// A bar chart (Chart.js, loaded on first use; ADR 014): coloured from the theme's CSS variables, redrawn when the theme
// or the data change. It is a picture only: the same numbers are in a table beside it for screen readers. Shared by
// the tablet's report (features/tallies) and the command console's region day (features/admin-console); reads no
// stored data.
import { useEffect, useRef, useState } from 'react';
import type { Chart } from 'chart.js';
import { useTheme } from '../platform/theme.ts';
import type { BarChartData } from './chart-data.ts';

/** 'theme': the app's light or night colours. 'print': black and grey on white, for an A4 sheet. */
export type ChartPalette = 'theme' | 'print';

const CHART_HEIGHT_PX = 280;
// Read at arm's length on a tablet: larger than Chart.js's 12 px.
const TICK_FONT_PX = 14;
const MAX_BAR_PX = 56;
const PRINT_COLOURS = { vehicles: '#111111', persons: '#9ca3af', text: '#000000', grid: '#d1d5db' };

function themeColours(): typeof PRINT_COLOURS {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    vehicles: read('--chart-vehicles', '#0f766e'),
    persons: read('--chart-persons', '#b45309'),
    text: read('--text', '#0b1220'),
    grid: read('--surface-2', '#e2e8f0'),
  };
}

export interface BarChartProps {
  data: BarChartData;
  /** Names the picture for assistive technology; the table beside it has the numbers. */
  title: string;
  testId: string;
  palette?: ChartPalette;
}

export function BarChart({ data, title, testId, palette = 'theme' }: BarChartProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const chartRef = useRef<Chart<'bar'> | null>(null);
  const [failed, setFailed] = useState(false);
  const theme = useTheme();

  useEffect(() => {
    let cancelled = false;
    import('./chart-js.ts').then(
      ({ Chart: ChartClass }) => {
        const canvas = canvasRef.current;
        if (cancelled || canvas === null) return;
        const colours = palette === 'print' ? PRINT_COLOURS : themeColours();
        const datasets = data.series.map((series) => ({
          label: series.label,
          data: series.values,
          backgroundColor: colours[series.id],
          borderWidth: 0,
          // One or two teams would otherwise fill the width with two slabs.
          maxBarThickness: MAX_BAR_PX,
        }));
        // 24 bars at most: drawing afresh is cheaper than patching colours into every scale and legend.
        chartRef.current?.destroy();
        chartRef.current = new ChartClass(canvas, {
          type: 'bar',
          data: { labels: data.categories, datasets },
          options: {
            // A print view is laid out once; animating would print half-grown bars.
            animation: false,
            responsive: true,
            maintainAspectRatio: false,
            color: colours.text,
            scales: {
              x: { ticks: { color: colours.text, font: { size: TICK_FONT_PX } }, grid: { display: false } },
              y: {
                beginAtZero: true,
                ticks: { color: colours.text, precision: 0, font: { size: TICK_FONT_PX } },
                grid: { color: colours.grid },
              },
            },
            plugins: { legend: { labels: { color: colours.text, font: { size: 16 } } } },
          },
        });
      },
      () => {
        // Offline before the chart's code was cached: the tables still carry every number.
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [data, palette, theme]);

  useEffect(
    () => () => {
      chartRef.current?.destroy();
      chartRef.current = null;
    },
    [],
  );

  if (failed) return null;
  return (
    <div data-testid={testId} style={{ position: 'relative', height: CHART_HEIGHT_PX, marginBottom: 24 }}>
      <canvas ref={canvasRef} role="img" aria-label={title} />
    </div>
  );
}
