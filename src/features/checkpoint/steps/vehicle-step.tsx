// The vehicle: plate (on-screen plate keyboard, or no plate / foreign), origin prefilled from the plate,
// vehicle type (tapped, never preselected) and the number of occupants.
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { PlateKeyboard } from '../../../components/plate-keyboard.tsx';
import { VEHICLE_TYPES } from '../../../domain/vocabulary.ts';
import { originFromPlate, parsePlate } from '../../../domain/plate.ts';
import { PROVINCES } from '../../../domain/provinces.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import { OriginCityChoices } from './origin-city-choices.tsx';
import { MAX_OCCUPANTS, PLATE_MODES, withOccupantCount, type CheckDraft } from '../draft/check-draft.ts';

export interface VehicleStepProps {
  draft: CheckDraft;
  homeProvinceAbbr: string | undefined;
  update: (edit: (draft: CheckDraft) => CheckDraft) => void;
}

const MODE_LABEL = { plate: 'plateModePlate', none: 'plateModeNone', foreign: 'plateModeForeign' } as const;

export function plateReady(draft: CheckDraft): boolean {
  return draft.vehicle.plateMode !== 'plate' || parsePlate(draft.vehicle.plate).ok;
}

export function VehicleStep({ draft, homeProvinceAbbr, update }: VehicleStepProps) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [showErrors, setShowErrors] = useState(false);
  const [occupantsError, setOccupantsError] = useState(false);
  const vehicle = draft.vehicle;

  const setVehicle = (patch: Partial<CheckDraft['vehicle']>) => {
    update((d) => ({ ...d, vehicle: { ...d.vehicle, ...patch } }));
  };

  const setPlate = (plate: string) => {
    update((d) => {
      const parsed = parsePlate(plate);
      // The plate only hints at the origin (cars travel): prefill it until the officer edits it.
      const hint = parsed.ok && !d.vehicle.originEdited ? originFromPlate(parsed.plate) : null;
      return { ...d, vehicle: { ...d.vehicle, plate, ...(hint ? { origin: hint } : {}) } };
    });
  };

  const setOccupants = (count: number) => {
    const screened = draft.persons.filter((p) => p.completed).length;
    if (count < screened) {
      setOccupantsError(true);
      return;
    }
    setOccupantsError(false);
    update((d) => withOccupantCount(d, count));
  };

  const start = () => {
    if (!plateReady(draft) || draft.vehicle.type === null) {
      setShowErrors(true);
      return;
    }
    update((d) => {
      const firstOpen = d.persons.findIndex((p) => !p.completed);
      return { ...d, stage: 'persons', currentPerson: firstOpen === -1 ? 0 : firstOpen };
    });
  };

  return (
    <section aria-labelledby="vehicle-title">
      <h2 id="vehicle-title" className="sr-only">
        {t('stepVehicle')}
      </h2>
      <div className="btn-row" role="group" aria-label={t('plate')}>
        {PLATE_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className="btn"
            aria-pressed={vehicle.plateMode === mode}
            onClick={() => {
              setVehicle({
                plateMode: mode,
                ...(mode === 'plate' ? {} : { plate: mode === 'none' ? '' : vehicle.plate }),
              });
            }}
          >
            {t(MODE_LABEL[mode])}
          </button>
        ))}
      </div>
      <div className="split" style={{ marginTop: 12 }}>
        <div>
          {vehicle.plateMode === 'plate' ? (
            <PlateKeyboard
              value={vehicle.plate}
              onChange={setPlate}
              onDone={start}
              {...(homeProvinceAbbr ? { homeProvinceAbbr } : {})}
            />
          ) : vehicle.plateMode === 'foreign' ? (
            <div className="field">
              <label htmlFor="foreign-plate">{t('foreignPlateLabel')}</label>
              <input
                id="foreign-plate"
                className="input"
                value={vehicle.plate}
                maxLength={16}
                autoComplete="off"
                onChange={(e) => {
                  setVehicle({ plate: e.target.value.replace(/[\s.·]/gu, '').toUpperCase() });
                }}
              />
            </div>
          ) : (
            <p className="banner banner-warn">{t('noPlateNote')}</p>
          )}
          {showErrors && !plateReady(draft) ? (
            <p className="error-text" role="alert">
              {t('plateRequired')}
            </p>
          ) : null}
        </div>
        <div>
          <fieldset className="card">
            <legend>{t('originTitle')}</legend>
            <div className="field">
              <label htmlFor="origin-province">{t('originProvince')}</label>
              <select
                id="origin-province"
                className="input"
                value={vehicle.origin.province}
                onChange={(e) => {
                  setVehicle({ origin: { ...vehicle.origin, province: e.target.value }, originEdited: true });
                }}
              >
                <option value="">{t('none')}</option>
                {PROVINCES.map((p) => (
                  <option key={p.abbr} value={p.name}>
                    {p.abbr} {p.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="origin-city">{t('originCity')}</label>
              <input
                id="origin-city"
                className="input"
                value={vehicle.origin.city}
                maxLength={32}
                onChange={(e) => {
                  setVehicle({ origin: { ...vehicle.origin, city: e.target.value }, originEdited: true });
                }}
              />
            </div>
            {vehicle.plateMode === 'plate' ? (
              <OriginCityChoices
                plate={vehicle.plate}
                origin={vehicle.origin}
                onChoose={(city) => {
                  setVehicle({ origin: { ...vehicle.origin, city }, originEdited: true });
                }}
              />
            ) : null}
            {!vehicle.originEdited && vehicle.origin.province !== '' ? (
              <p className="hint">{t('originFromPlate')}</p>
            ) : null}
          </fieldset>
          <div className="field">
            <span className="field-label">{t('vehicleTypeTitle')}</span>
            <div className="choice-grid" role="group" aria-label={t('vehicleTypeTitle')}>
              {VEHICLE_TYPES.map((type) => (
                <button
                  key={type}
                  type="button"
                  className="btn"
                  aria-pressed={vehicle.type === type}
                  onClick={() => {
                    setVehicle({ type });
                  }}
                >
                  {labels(`vehicleType.${type}`)}
                </button>
              ))}
            </div>
            {showErrors && vehicle.type === null ? (
              <p className="error-text" role="alert">
                {t('vehicleTypeRequired')}
              </p>
            ) : null}
          </div>
          <div className="field">
            <span className="field-label" id="occupants-label">
              {t('occupantsTitle')}
            </span>
            <div className="btn-row" style={{ alignItems: 'center' }}>
              <button
                type="button"
                className="btn btn-big"
                aria-label={t('occupantsFewer')}
                disabled={vehicle.occupants <= 1}
                onClick={() => {
                  setOccupants(vehicle.occupants - 1);
                }}
              >
                −
              </button>
              <output
                aria-labelledby="occupants-label"
                data-testid="occupants"
                style={{ fontSize: 36, fontWeight: 800, textAlign: 'center', flex: 1 }}
              >
                {vehicle.occupants}
              </output>
              <button
                type="button"
                className="btn btn-big"
                aria-label={t('occupantsMore')}
                disabled={vehicle.occupants >= MAX_OCCUPANTS}
                onClick={() => {
                  setOccupants(vehicle.occupants + 1);
                }}
              >
                +
              </button>
            </div>
            {occupantsError ? (
              <p className="error-text" role="alert">
                {t('occupantsCannotDrop')}
              </p>
            ) : null}
          </div>
        </div>
      </div>
      <button type="button" className="btn btn-primary btn-big" onClick={start} style={{ marginTop: 12 }}>
        {t('startPersons')}
      </button>
    </section>
  );
}
