// The region's day as one table: a row per checkpoint with its figures — vehicles, persons, flagged persons (when the
// server counts them), vehicle types, origins, findings, dispositions of persons, tablets — and the total below. A
// breakdown lists only what occurred ("货车 3"), so some thirty figures fit a row a desk screen and an A4 page can hold.
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import type { RegionTally } from '../../../contract/admin-console.ts';
import type { RegionTotal } from '../../../domain/region-tally.ts';
import { DISPOSITIONS, FLAGS, ORIGIN_CLASSES, VEHICLE_TYPES } from '../../../domain/vocabulary.ts';
import { formatNumber, useLanguage, useT, type TranslateOf } from '../../../platform/i18n.ts';
import { regionMessages } from './region.messages.ts';

type Labels = TranslateOf<typeof domainLabels>;

interface Item {
  key: string;
  name: string;
  value: number;
}

/** A breakdown's items that occurred, in the vocabulary's order. */
function breakdowns(tally: RegionTotal, label: Labels): Record<'types' | 'origins' | 'flags' | 'dispositions', Item[]> {
  const occurred = (items: Item[]) => items.filter((item) => item.value > 0);
  return {
    types: occurred(
      VEHICLE_TYPES.map((type) => ({
        key: type,
        name: label(`vehicleType.${type}`),
        value: tally.vehiclesByType[type],
      })),
    ),
    origins: occurred(
      ORIGIN_CLASSES.map((origin) => ({
        key: origin,
        name: label(`origin.${origin}`),
        value: tally.vehiclesByOrigin[origin],
      })),
    ),
    flags: occurred(FLAGS.map((flag) => ({ key: flag, name: label(`flag.${flag}`), value: tally.flags[flag] }))),
    dispositions: occurred(
      DISPOSITIONS.map((d) => ({
        key: d,
        name: label(`disposition.${d}`),
        value: tally.personDispositions[d],
      })),
    ),
  };
}

/**
 * The region's flagged persons: the server's total when it sends one; else the sum of the checkpoints' figures when
 * each has one, as every other figure of the total is their sum (the server's mergeTallies does not add this one
 * up yet); else unknown (servers before ADR 038).
 */
export function totalFlaggedPersons(region: RegionTally): number | undefined {
  if (region.total.flaggedPersons !== undefined) return region.total.flaggedPersons;
  let sum = 0;
  for (const checkpoint of region.checkpoints) {
    if (checkpoint.flaggedPersons === undefined) return undefined;
    sum += checkpoint.flaggedPersons;
  }
  return sum;
}

function FigureCells({
  tally,
  flaggedPersons,
  showFlagged,
}: {
  tally: RegionTotal;
  flaggedPersons: number | undefined;
  showFlagged: boolean;
}) {
  const t = useT(regionMessages);
  const label = useT(domainLabels);
  const language = useLanguage();
  const number = (value: number) => formatNumber(value, language);
  const parts = breakdowns(tally, label);
  const list = (testId: string, items: Item[]) => (
    <td data-testid={testId}>
      {items.length === 0 ? (
        t('none')
      ) : (
        <ul className="region-breakdown">
          {items.map((item) => (
            <li key={item.key}>{t('item', { name: item.name, value: number(item.value) })}</li>
          ))}
        </ul>
      )}
    </td>
  );
  return (
    <>
      <td className="figure" data-testid="region-vehicles">
        {number(tally.vehicles)}
      </td>
      <td className="figure" data-testid="region-persons">
        {number(tally.persons)}
      </td>
      {showFlagged ? (
        <td className="figure" data-testid="region-flagged">
          {flaggedPersons === undefined ? t('none') : number(flaggedPersons)}
        </td>
      ) : null}
      {list('region-types', parts.types)}
      {list('region-origins', parts.origins)}
      {list('region-flags', parts.flags)}
      {list('region-dispositions', parts.dispositions)}
      <td className="figure" data-testid="region-tablets">
        {number(tally.devices)}
      </td>
    </>
  );
}

export function RegionTable({ region, caption }: { region: RegionTally; caption: string }) {
  const t = useT(regionMessages);
  const totalFlagged = totalFlaggedPersons(region);
  // Older servers count no flagged persons: the column appears when there is a figure to put in it.
  const showFlagged =
    totalFlagged !== undefined || region.checkpoints.some((checkpoint) => checkpoint.flaggedPersons !== undefined);

  return (
    <div className="card region-table-card">
      <table className="console-table region-table" data-testid="region-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colCheckpoint')}</th>
            <th scope="col" className="figure">
              {t('colVehicles')}
            </th>
            <th scope="col" className="figure">
              {t('colPersons')}
            </th>
            {showFlagged ? (
              <th scope="col" className="figure">
                {t('colFlagged')}
              </th>
            ) : null}
            <th scope="col">{t('colTypes')}</th>
            <th scope="col">{t('colOrigins')}</th>
            <th scope="col">{t('colFlags')}</th>
            <th scope="col">{t('colDispositions')}</th>
            <th scope="col" className="figure">
              {t('colTablets')}
            </th>
          </tr>
        </thead>
        <tbody>
          {region.checkpoints.map((checkpoint) => (
            <tr key={checkpoint.checkpointId} data-testid="region-row" data-checkpoint-id={checkpoint.checkpointId}>
              <th scope="row">
                <strong>{checkpoint.name}</strong>
                <br />
                <span className="hint">
                  {checkpoint.province} {checkpoint.city}
                </span>
              </th>
              <FigureCells tally={checkpoint} flaggedPersons={checkpoint.flaggedPersons} showFlagged={showFlagged} />
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="region-total" className="region-total">
            <th scope="row">{t('total')}</th>
            <FigureCells tally={region.total} flaggedPersons={totalFlagged} showFlagged={showFlagged} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
