// The hand-off list as tables, one per destination (county → township → village), with ID numbers and phones masked.
import { domainLabels } from '../../components/domain-labels.messages.ts';
import type { HandoffList } from '../../domain/handoffs.ts';
import { maskIdNumber, maskPhone } from '../../domain/masks.ts';
import { timeOfDay } from '../../domain/time.ts';
import { useT } from '../../platform/i18n.ts';
import { handoffsMessages } from './handoffs.messages.ts';

const cellStyle = { padding: '8px 12px', borderBottom: '1px solid var(--border)', textAlign: 'left' } as const;

export function HandoffGroups({
  list,
  timeZone,
  variant = 'screen',
}: {
  list: HandoffList;
  timeZone: string;
  variant?: 'screen' | 'print';
}) {
  const t = useT(handoffsMessages);
  const label = useT(domainLabels);
  const cell = variant === 'screen' ? cellStyle : undefined;
  const place = (name: string) => (name.trim() === '' ? t('unknownPlace') : name);
  const total = list.groups.reduce((sum, group) => sum + group.persons.length, 0);

  if (total === 0) {
    return (
      <p className="hint" data-testid="handoffs-none">
        {t('none')}
      </p>
    );
  }
  return (
    <div data-testid="handoff-groups">
      <p data-testid="handoffs-total">{t('total', { count: total })}</p>
      {list.groups.map((group) => {
        const heading = `${place(group.county)} › ${place(group.township)} › ${place(group.village)}`;
        return (
          <section key={`${group.county}|${group.township}|${group.village}`} data-testid="handoff-group">
            <h2>
              {heading} <span className="hint">{t('groupCount', { count: group.persons.length })}</span>
            </h2>
            <table
              style={variant === 'screen' ? { width: '100%', borderCollapse: 'collapse', marginBottom: 24 } : undefined}
            >
              <thead>
                <tr>
                  {(['time', 'plate', 'flags', 'disposition', 'name', 'idNumber', 'phone'] as const).map((column) => (
                    <th key={column} style={cell} scope="col">
                      {t(column)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {group.persons.map((person, i) => (
                  <tr key={`${person.checkId}-${i}`} data-testid="handoff-person">
                    <td style={cell}>{timeOfDay(person.completedAt, timeZone)}</td>
                    <td style={cell}>{person.plate ?? t('noPlate')}</td>
                    <td style={cell}>{person.flags.map((flag) => label(`flag.${flag}`)).join('、')}</td>
                    <td style={cell}>{label(`disposition.${person.disposition}`)}</td>
                    <td style={cell}>{person.name ?? t('unregistered')}</td>
                    <td style={cell} data-testid="handoff-id-number">
                      {person.idNumber === null ? '—' : maskIdNumber(person.idNumber)}
                    </td>
                    <td style={cell}>{person.phone === null ? '—' : maskPhone(person.phone)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      <p className="hint">{t('masked')}</p>
    </div>
  );
}
