// The day's figures as tables, one column per source (this tablet, the whole checkpoint), in big numbers.
import type { ReactNode } from 'react';
import { domainLabels } from '../../components/domain-labels.messages.ts';
import { HOURS_PER_DAY, ORIGIN_CLASSES, type DailyTally } from '../../contract/tally.ts';
import { DISPOSITIONS, FLAGS, VEHICLE_TYPES } from '../../contract/vehicle-check.ts';
import { useT } from '../../lib/i18n.ts';
import { talliesMessages } from './tallies.messages.ts';

export interface TallyColumn {
  /** 'local' or 'server': names the cells (data-testid `${id}:${row}`). */
  id: string;
  label: string;
  tally: DailyTally;
}

const FIGURE_FONT_PX = 32;
const BAR_HEIGHT_PX = 10;

const tableStyle = { width: '100%', borderCollapse: 'collapse', marginBottom: 24 } as const;
const cellStyle = { padding: '8px 12px', borderBottom: '1px solid var(--border)', textAlign: 'left' } as const;
const figureStyle = { ...cellStyle, textAlign: 'right', fontSize: FIGURE_FONT_PX, fontWeight: 700, fontVariantNumeric: 'tabular-nums' } as const;

interface Row {
  key: string;
  label: string;
  value: (tally: DailyTally) => string | number;
  /** 0..1 of the column's busiest hour: a bar drawn under the figure (hours only). */
  bar?: (tally: DailyTally) => number;
}

function FigureTable({ title, rows, columns, testId }: { title: string; rows: readonly Row[]; columns: readonly TallyColumn[]; testId: string }) {
  const t = useT(talliesMessages);
  return (
    <section data-testid={testId}>
      <h2>{title}</h2>
      <table style={tableStyle}>
        <thead>
          <tr>
            <th style={cellStyle} scope="col">
              {t('item')}
            </th>
            {columns.map((column) => (
              <th key={column.id} style={{ ...cellStyle, textAlign: 'right' }} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th style={cellStyle} scope="row">
                {row.label}
              </th>
              {columns.map((column) => (
                <td key={column.id} style={figureStyle} data-testid={`${column.id}:${row.key}`}>
                  {row.value(column.tally)}
                  {row.bar ? <HourBar share={row.bar(column.tally)} /> : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function HourBar({ share }: { share: number }): ReactNode {
  return (
    <div aria-hidden="true" style={{ height: BAR_HEIGHT_PX, background: 'var(--surface-2)', borderRadius: 4 }}>
      <div style={{ width: `${Math.round(share * 100)}%`, height: '100%', background: 'var(--primary)', borderRadius: 4 }} />
    </div>
  );
}

const vehiclesAndPersons = (figures: { vehicles: number; persons: number } | undefined): string =>
  `${figures?.vehicles ?? 0} / ${figures?.persons ?? 0}`;

export function TallyTables({ columns }: { columns: readonly TallyColumn[] }) {
  const t = useT(talliesMessages);
  const label = useT(domainLabels);
  const teams = [...new Set(columns.flatMap((column) => Object.keys(column.tally.byTeam)))].sort();

  const totals: Row[] = [
    { key: 'vehicles', label: t('vehicles'), value: (tally) => tally.vehicles },
    { key: 'persons', label: t('persons'), value: (tally) => tally.persons },
    { key: 'devices', label: t('devices'), value: (tally) => tally.devices },
  ];
  const byType = VEHICLE_TYPES.map((type) => ({
    key: `vehicleType.${type}`,
    label: label(`vehicleType.${type}`),
    value: (tally: DailyTally) => tally.vehiclesByType[type],
  }));
  const byOrigin = ORIGIN_CLASSES.map((origin) => ({
    key: `origin.${origin}`,
    label: t(`origin.${origin}`),
    value: (tally: DailyTally) => tally.vehiclesByOrigin[origin],
  }));
  const flags = FLAGS.map((flag) => ({
    key: `flag.${flag}`,
    label: label(`flag.${flag}`),
    value: (tally: DailyTally) => tally.flags[flag],
  }));
  const dispositions = (which: 'personDispositions' | 'vehicleDispositions'): Row[] =>
    DISPOSITIONS.map((disposition) => ({
      key: `${which}.${disposition}`,
      label: label(`disposition.${disposition}`),
      value: (tally: DailyTally) => tally[which][disposition],
    }));
  const byHour = Array.from({ length: HOURS_PER_DAY }, (_, hour) => ({
    key: `hour.${hour}`,
    label: t('hour', { hour: String(hour).padStart(2, '0') }),
    value: (tally: DailyTally) => vehiclesAndPersons(tally.byHour[hour]),
    bar: (tally: DailyTally) => (tally.byHour[hour]?.vehicles ?? 0) / Math.max(1, ...tally.byHour.map((row) => row.vehicles)),
  }));
  const byTeam = teams.map((team) => ({
    key: `team.${team}`,
    label: t('team', { team }),
    value: (tally: DailyTally) => vehiclesAndPersons(tally.byTeam[team]),
  }));

  return (
    <div data-testid="tally-tables">
      <FigureTable testId="tally-totals" title={t('totals')} rows={totals} columns={columns} />
      <FigureTable testId="tally-by-type" title={t('byType')} rows={byType} columns={columns} />
      <FigureTable testId="tally-by-origin" title={t('byOrigin')} rows={byOrigin} columns={columns} />
      <FigureTable testId="tally-flags" title={t('flags')} rows={flags} columns={columns} />
      <FigureTable testId="tally-person-dispositions" title={t('personDispositions')} rows={dispositions('personDispositions')} columns={columns} />
      <FigureTable testId="tally-vehicle-dispositions" title={t('vehicleDispositions')} rows={dispositions('vehicleDispositions')} columns={columns} />
      <FigureTable testId="tally-by-hour" title={t('byHour')} rows={byHour} columns={columns} />
      {byTeam.length > 0 ? (
        <FigureTable testId="tally-by-team" title={t('byTeam')} rows={byTeam} columns={columns} />
      ) : (
        <section data-testid="tally-by-team">
          <h2>{t('byTeam')}</h2>
          <p className="hint">{t('noTeams')}</p>
        </section>
      )}
    </div>
  );
}
