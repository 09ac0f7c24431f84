// The day's figures as tables, one column per source (this tablet, the whole checkpoint), in big numbers.
import { domainLabels } from '../../components/domain-labels.messages.ts';
import { HOURS_PER_DAY, type DailyTally } from '../../domain/tally.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from '../../domain/vocabulary.ts';
import { useT } from '../../platform/i18n.ts';
import { talliesMessages } from './tallies.messages.ts';

export interface TallyColumn {
  /** 'local' or 'server': names the cells (data-testid `${id}:${row}`). */
  id: string;
  label: string;
  tally: DailyTally;
}

const FIGURE_FONT_PX = 32;

const tableStyle = { width: '100%', borderCollapse: 'collapse', marginBottom: 24 } as const;
const cellStyle = { padding: '8px 12px', borderBottom: '1px solid var(--border)', textAlign: 'left' } as const;
const figureStyle = {
  ...cellStyle,
  textAlign: 'right',
  fontSize: FIGURE_FONT_PX,
  fontWeight: 700,
  fontVariantNumeric: 'tabular-nums',
} as const;

interface Row {
  key: string;
  label: string;
  value: (tally: DailyTally) => string | number;
}

/** 'screen': big figures for a tablet held at arm's length; 'print': the A4 sheet's plain tables (styles.css .print-sheet). */
export type TallyTablesVariant = 'screen' | 'print';

interface FigureTableProps {
  title: string;
  rows: readonly Row[];
  columns: readonly TallyColumn[];
  testId: string;
  variant: TallyTablesVariant;
}

function FigureTable({ title, rows, columns, testId, variant }: FigureTableProps) {
  const t = useT(talliesMessages);
  const screen = variant === 'screen';
  return (
    <section data-testid={testId}>
      <h2>{title}</h2>
      <table style={screen ? tableStyle : undefined}>
        <thead>
          <tr>
            <th style={screen ? cellStyle : undefined} scope="col">
              {t('item')}
            </th>
            {columns.map((column) => (
              <th key={column.id} style={screen ? { ...cellStyle, textAlign: 'right' } : undefined} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th style={screen ? cellStyle : undefined} scope="row">
                {row.label}
              </th>
              {columns.map((column) => (
                <td
                  key={column.id}
                  style={screen ? figureStyle : undefined}
                  className="figure"
                  data-testid={`${column.id}:${row.key}`}
                >
                  {row.value(column.tally)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const vehiclesAndPersons = (figures: { vehicles: number; persons: number } | undefined): string =>
  `${figures?.vehicles ?? 0} / ${figures?.persons ?? 0}`;

export function TallyTables({
  columns,
  variant = 'screen',
}: {
  columns: readonly TallyColumn[];
  variant?: TallyTablesVariant;
}) {
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
    label: label(`origin.${origin}`),
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
  }));
  const byTeam = teams.map((team) => ({
    key: `team.${team}`,
    label: t('team', { team }),
    value: (tally: DailyTally) => vehiclesAndPersons(tally.byTeam[team]),
  }));

  return (
    <div data-testid="tally-tables" className={variant === 'print' ? 'tally-grid' : undefined}>
      <FigureTable testId="tally-totals" title={t('totals')} rows={totals} columns={columns} variant={variant} />
      <FigureTable testId="tally-by-type" title={t('byType')} rows={byType} columns={columns} variant={variant} />
      <FigureTable testId="tally-by-origin" title={t('byOrigin')} rows={byOrigin} columns={columns} variant={variant} />
      <FigureTable testId="tally-flags" title={t('flags')} rows={flags} columns={columns} variant={variant} />
      <FigureTable
        testId="tally-person-dispositions"
        title={t('personDispositions')}
        rows={dispositions('personDispositions')}
        columns={columns}
        variant={variant}
      />
      <FigureTable
        testId="tally-vehicle-dispositions"
        title={t('vehicleDispositions')}
        rows={dispositions('vehicleDispositions')}
        columns={columns}
        variant={variant}
      />
      <FigureTable testId="tally-by-hour" title={t('byHour')} rows={byHour} columns={columns} variant={variant} />
      {byTeam.length > 0 ? (
        <FigureTable testId="tally-by-team" title={t('byTeam')} rows={byTeam} columns={columns} variant={variant} />
      ) : (
        <section data-testid="tally-by-team">
          <h2>{t('byTeam')}</h2>
          <p className="hint">{t('noTeams')}</p>
        </section>
      )}
    </div>
  );
}
