// Charts as data: a day's figures mapped to labelled bar series (vehicles and persons), per hour and per team. A
// checkpoint's tally or a region's total: only the hours or the teams are read.
import type { DailyTally } from '../domain/tally.ts';

export interface BarSeries {
  /** Which figure: colours and legends key on it. */
  id: 'vehicles' | 'persons';
  label: string;
  values: number[];
}

export interface BarChartData {
  /** One per bar group, in the UI language. */
  categories: string[];
  series: BarSeries[];
}

export interface SeriesLabels {
  vehicles: string;
  persons: string;
}

/** 24 groups, 00–23, from the tally's byHour rows (a missing row counts as zero). */
export function hourChartData(
  tally: Pick<DailyTally, 'byHour'>,
  labels: SeriesLabels & { hour: (hour: string) => string },
): BarChartData {
  const hours = Array.from(
    { length: 24 },
    (_, hour) => tally.byHour.find((row) => row.hour === hour) ?? { hour, vehicles: 0, persons: 0 },
  );
  return {
    categories: hours.map((row) => labels.hour(String(row.hour).padStart(2, '0'))),
    series: [
      { id: 'vehicles', label: labels.vehicles, values: hours.map((row) => row.vehicles) },
      { id: 'persons', label: labels.persons, values: hours.map((row) => row.persons) },
    ],
  };
}

/** One group per team that worked that day, in the tally's (sorted) order. */
export function teamChartData(
  tally: Pick<DailyTally, 'byTeam'>,
  labels: SeriesLabels & { team: (team: string) => string },
): BarChartData {
  const teams = Object.entries(tally.byTeam);
  return {
    categories: teams.map(([team]) => labels.team(team)),
    series: [
      { id: 'vehicles', label: labels.vehicles, values: teams.map(([, figures]) => figures.vehicles) },
      { id: 'persons', label: labels.persons, values: teams.map(([, figures]) => figures.persons) },
    ],
  };
}
