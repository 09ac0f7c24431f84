// The report's two charts — vehicles and persons per hour, and per team — for one tally (the merged one when there is one).
import { useMemo } from 'react';
import type { DailyTally } from '../../domain/tally.ts';
import { translator, useLanguage } from '../../platform/i18n.ts';
import { BarChart, type ChartPalette } from '../../components/bar-chart.tsx';
import { hourChartData, teamChartData } from '../../components/chart-data.ts';
import { talliesMessages } from './tallies.messages.ts';

export interface TallyChartsProps {
  tally: DailyTally;
  /** Names whose figures the charts show (this tablet's or the whole checkpoint's). */
  sourceLabel: string;
  palette?: ChartPalette;
  /** The print view shows only the per-hour chart: the team table is short enough to read. */
  teams?: boolean;
}

export function TallyCharts({ tally, sourceLabel, palette = 'theme', teams = true }: TallyChartsProps) {
  const language = useLanguage();
  const t = translator(talliesMessages, language);
  // The charts redraw when their data object changes: build it only when the tally or the language does.
  const labels = useMemo(() => {
    const label = translator(talliesMessages, language);
    return {
      vehicles: label('vehicles'),
      persons: label('persons'),
      hour: (hour: string) => hour,
      team: (team: string) => label('team', { team }),
    };
  }, [language]);
  const byHour = useMemo(() => hourChartData(tally, labels), [tally, labels]);
  const byTeam = useMemo(() => teamChartData(tally, labels), [tally, labels]);
  const hourTitle = t('hourChart', { source: sourceLabel });
  const teamTitle = t('teamChart', { source: sourceLabel });

  return (
    <section data-testid="tally-charts" className="tally-charts">
      <h2>{hourTitle}</h2>
      <BarChart data={byHour} title={hourTitle} testId="chart-by-hour" palette={palette} />
      {teams && byTeam.categories.length > 0 ? (
        <>
          <h2>{teamTitle}</h2>
          <BarChart data={byTeam} title={teamTitle} testId="chart-by-team" palette={palette} />
        </>
      ) : null}
    </section>
  );
}
