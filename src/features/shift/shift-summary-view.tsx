// A shift's summary as tables: the figures, vehicle types, every flag, dispositions, and the persons to follow up.
// Shown in the hand-over dialog and on the hand-over record (and its print).
import type { ReactNode } from 'react';
import { domainLabels } from '../../components/domain-labels.messages.ts';
import { DISPOSITIONS, FLAGS, VEHICLE_TYPES } from '../../domain/vocabulary.ts';
import type { ShiftSummary } from '../../domain/shift-summary.ts';
import { formatInZone } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import './handover.css';
import { handoverMessages } from './handover.messages.ts';

const cellStyle = { padding: '6px 10px', borderBottom: '1px solid var(--border)', textAlign: 'left' } as const;
const figureStyle = { ...cellStyle, textAlign: 'right', fontWeight: 700, fontVariantNumeric: 'tabular-nums' } as const;

function CountTable({
  title,
  rows,
  testId,
}: {
  title: string;
  rows: readonly { key: string; label: string; count: number }[];
  testId: string;
}) {
  const t = useT(handoverMessages);
  return (
    <section className="handover-section" data-testid={testId}>
      <h3>{title}</h3>
      {rows.length === 0 ? <p className="hint">{t('noneCounted')}</p> : null}
      <table className="handover-table">
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" style={cellStyle}>
                {row.label}
              </th>
              <td style={figureStyle} data-testid={`${testId}:${row.key}`}>
                {row.count}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <div className="handover-figure">
      <span className="hint">{label}</span>
      <strong data-testid={testId}>{value}</strong>
    </div>
  );
}

export interface ShiftSummaryViewProps {
  summary: ShiftSummary;
  timeZone: string;
  /** Extra content after the figures (the dialog's sync warning). */
  children?: ReactNode;
}

export function ShiftSummaryView({ summary, timeZone, children }: ShiftSummaryViewProps) {
  const t = useT(handoverMessages);
  const label = useT(domainLabels);
  const hhmm = (iso: string) => formatInZone(Date.parse(iso), timeZone).slice(5, 16).replace('T', ' ');
  // Flags and dispositions nobody had stay out of the tables: the lead reads what happened, not a list of zeros.
  const nonZero = <K extends string>(
    keys: readonly K[],
    counts: Record<K, number>,
    prefix: 'flag' | 'disposition' | 'vehicleType',
  ) =>
    keys
      .filter((key) => counts[key] > 0)
      .map((key) => ({ key, label: label(`${prefix}.${key}` as Parameters<typeof label>[0]), count: counts[key] }));

  return (
    <div className="shift-summary" data-testid="shift-summary">
      <section className="handover-section handover-figures">
        <Figure label={t('vehicles')} value={summary.vehicles} testId="summary-vehicles" />
        <Figure label={t('persons')} value={summary.persons} testId="summary-persons" />
        <Figure label={t('flaggedPersons')} value={summary.flaggedPersons} testId="summary-flagged" />
      </section>
      {children}
      <div className="handover-columns">
        <CountTable
          title={t('byTypeTitle')}
          rows={nonZero(VEHICLE_TYPES, summary.vehiclesByType, 'vehicleType')}
          testId="summary-types"
        />
        <CountTable title={t('flagsTitle')} rows={nonZero(FLAGS, summary.flags, 'flag')} testId="summary-flags" />
        <CountTable
          title={t('personDispositionsTitle')}
          rows={nonZero(DISPOSITIONS, summary.personDispositions, 'disposition')}
          testId="summary-person-dispositions"
        />
        <CountTable
          title={t('vehicleDispositionsTitle')}
          rows={nonZero(DISPOSITIONS, summary.vehicleDispositions, 'disposition')}
          testId="summary-vehicle-dispositions"
        />
      </div>
      <section className="handover-section" data-testid="summary-open">
        <h3>{t('openTitle')}</h3>
        {summary.openPersons.length === 0 ? (
          <p>{t('openNone')}</p>
        ) : (
          // Eight columns do not fit a portrait tablet: the table scrolls sideways rather than squeezing the ID numbers.
          <div className="handover-scroll">
            <table className="handover-table" style={{ width: '100%' }}>
              <thead>
                <tr>
                  {(
                    [
                      'colTime',
                      'colPlate',
                      'colRole',
                      'colFlags',
                      'colDisposition',
                      'colName',
                      'colId',
                      'colPhone',
                    ] as const
                  ).map((key) => (
                    <th key={key} scope="col" style={cellStyle}>
                      {t(key)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {summary.openPersons.map((person, i) => (
                  <tr key={`${person.checkId}-${String(i)}`} data-testid="open-person">
                    <td style={cellStyle}>{hhmm(person.completedAt)}</td>
                    <td style={cellStyle}>{person.plate ?? t('noPlate')}</td>
                    <td style={cellStyle}>{label(`role.${person.role}`)}</td>
                    <td style={cellStyle}>{person.flags.map((flag) => label(`flag.${flag}`)).join('、')}</td>
                    <td style={cellStyle}>{label(`disposition.${person.disposition}`)}</td>
                    <td style={cellStyle}>{person.name ?? t('notRegistered')}</td>
                    <td style={cellStyle}>{person.idNumberMasked ?? '—'}</td>
                    <td style={cellStyle}>{person.phoneMasked ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
