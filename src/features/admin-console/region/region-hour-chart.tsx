// The region's vehicles and persons per hour: the shared bar chart (Chart.js loaded on first use, ADR 014) on screen,
// and the same figures as a table for screen readers and for paper (a canvas drawn in the night colours would print
// pale on white; the table prints as it reads).
import { useMemo } from 'react';
import { BarChart } from '../../../components/bar-chart.tsx';
import { hourChartData } from '../../../components/chart-data.ts';
import type { RegionTotal } from '../../../domain/region-tally.ts';
import { formatNumber, translator, useLanguage } from '../../../platform/i18n.ts';
import { regionMessages } from './region.messages.ts';

export function RegionHourChart({ total }: { total: RegionTotal }) {
  const language = useLanguage();
  const t = translator(regionMessages, language);
  // The chart redraws when its data object changes: build it only when the figures or the language do.
  const labels = useMemo(() => {
    const label = translator(regionMessages, language);
    return {
      vehicles: label('vehicles'),
      persons: label('persons'),
      hour: (hour: string) => label('hour', { hour }),
    };
  }, [language]);
  const data = useMemo(() => hourChartData(total, labels), [total, labels]);
  const title = t('hourTitle');
  const [vehicles, persons] = data.series;

  return (
    <section className="card region-hours" data-testid="region-hours">
      <h2>{title}</h2>
      <div className="no-print">
        <BarChart data={data} title={title} testId="region-chart-by-hour" />
      </div>
      <table className="console-table region-print-only" data-testid="region-hour-table">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hourColumn')}</th>
            <th scope="col" className="figure">
              {t('vehicles')}
            </th>
            <th scope="col" className="figure">
              {t('persons')}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.categories.map((hour, index) => (
            <tr key={hour}>
              <th scope="row">{hour}</th>
              <td className="figure">{formatNumber(vehicles?.values[index] ?? 0, language)}</td>
              <td className="figure">{formatNumber(persons?.values[index] ?? 0, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
