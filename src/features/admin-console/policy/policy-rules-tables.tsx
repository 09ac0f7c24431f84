// The policy's two tables per vehicle type: what each flag recommends, and which dispositions an officer may choose.
// Flags and dispositions down, vehicle types across, so a truck's rules read beside a car's. A recommendation the
// type does not allow is marked where it is; read-only, the tables are words.
import type { ReactNode } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import {
  DISPOSITIONS,
  FLAGS,
  VEHICLE_TYPES,
  type Disposition,
  type Flag,
  type VehicleType,
} from '../../../domain/vocabulary.ts';
import { useT } from '../../../platform/i18n.ts';
import type { PolicyFormState, RecommendationProblem } from './policy-form-state.ts';
import { policyMessages } from './policy.messages.ts';

/** A card with a table whose columns are the vehicle types; its rows are the caller's. */
function ByVehicleType({
  testId,
  title,
  intro,
  rowsHeading,
  children,
}: {
  testId: string;
  title: string;
  intro: string;
  rowsHeading: string;
  children: ReactNode;
}) {
  const label = useT(domainLabels);
  return (
    <section className="card" data-testid={testId}>
      <h2>{title}</h2>
      <p className="hint">{intro}</p>
      <div className="policy-table-scroll">
        <table className="console-table policy-table">
          <thead>
            <tr>
              <th scope="col">{rowsHeading}</th>
              {VEHICLE_TYPES.map((type) => (
                <th key={type} scope="col">
                  {label(`vehicleType.${type}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}

export function RecommendationsTable({
  recommendations,
  problems,
  readOnly,
  onChange,
}: {
  recommendations: PolicyFormState['recommendations'];
  problems: readonly RecommendationProblem[];
  readOnly: boolean;
  onChange: (vehicleType: VehicleType, flag: Flag, disposition: Disposition) => void;
}) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  const wrong = new Set(problems.map((p) => `${p.vehicleType} ${p.flag}`));
  return (
    <ByVehicleType
      testId="policy-recommendations"
      title={t('recommendationsTitle')}
      intro={t('recommendationsIntro')}
      rowsHeading={t('flagColumn')}
    >
      {FLAGS.map((flag) => (
        <tr key={flag}>
          <th scope="row">{label(`flag.${flag}`)}</th>
          {VEHICLE_TYPES.map((type) => {
            const value = recommendations[type][flag];
            const name = t('recommendationFor', {
              vehicleType: label(`vehicleType.${type}`),
              flag: label(`flag.${flag}`),
            });
            return (
              <td key={type}>
                {readOnly ? (
                  label(`disposition.${value}`)
                ) : (
                  <select
                    className="input policy-select"
                    aria-label={name}
                    aria-invalid={wrong.has(`${type} ${flag}`)}
                    value={value}
                    onChange={(event) => {
                      onChange(type, flag, event.target.value as Disposition);
                    }}
                  >
                    {DISPOSITIONS.map((d) => (
                      <option key={d} value={d}>
                        {label(`disposition.${d}`)}
                      </option>
                    ))}
                  </select>
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </ByVehicleType>
  );
}

export function AllowedDispositionsTable({
  allowed,
  readOnly,
  onToggle,
}: {
  allowed: PolicyFormState['allowedDispositions'];
  readOnly: boolean;
  onToggle: (vehicleType: VehicleType, disposition: Disposition) => void;
}) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  return (
    <ByVehicleType
      testId="policy-allowed"
      title={t('allowedTitle')}
      intro={t('allowedIntro')}
      rowsHeading={t('dispositionColumn')}
    >
      {DISPOSITIONS.map((disposition) => (
        <tr key={disposition}>
          <th scope="row">{label(`disposition.${disposition}`)}</th>
          {VEHICLE_TYPES.map((type) => {
            const on = allowed[type].includes(disposition);
            const name = t('allowedFor', {
              vehicleType: label(`vehicleType.${type}`),
              disposition: label(`disposition.${disposition}`),
            });
            return (
              <td key={type} className="policy-check-cell">
                {readOnly ? (
                  <span aria-label={name}>{on ? t('allowedYes') : t('allowedNo')}</span>
                ) : (
                  <label className="policy-check">
                    <input
                      type="checkbox"
                      aria-label={name}
                      checked={on}
                      // Release is always allowed: the vehicle's recommendation steps down to it at the least.
                      disabled={disposition === 'release'}
                      onChange={() => {
                        onToggle(type, disposition);
                      }}
                    />
                  </label>
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </ByVehicleType>
  );
}
