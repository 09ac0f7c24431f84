// The cities a shared office letter may stand for (皖Q: 合肥, 芜湖, 马鞍山), offered as taps under the origin: the
// plate cannot say which one, so nothing is prefilled and the officer picks or types it.
import { originCitiesFromPlate, parsePlate } from '../../../domain/plate.ts';
import { samePlace } from '../../../domain/places.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';

export interface OriginCityChoicesProps {
  plate: string;
  origin: { province: string; city: string };
  onChoose: (city: string) => void;
}

/** The office part of a plate: province character and letter ('皖Q'). */
const OFFICE_PREFIX_CHARS = 2;

export function OriginCityChoices({ plate, origin, onChoose }: OriginCityChoicesProps) {
  const t = useT(checkpointMessages);
  const parsed = parsePlate(plate);
  if (!parsed.ok) return null;
  const hint = originCitiesFromPlate(parsed.plate);
  // Only while the origin is still the plate's province: an officer who chose another one knows better.
  if (hint === null || hint.cities.length < 2 || !samePlace(origin.province, hint.province)) return null;
  const prefix = Array.from(parsed.plate).slice(0, OFFICE_PREFIX_CHARS).join('');
  const label = t('originCityChoices', { prefix });
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <div className="btn-row" role="group" aria-label={label}>
        {hint.cities.map((city) => (
          <button
            key={city}
            type="button"
            className="btn"
            aria-pressed={samePlace(origin.city, city)}
            onClick={() => {
              onChoose(city);
            }}
          >
            {city}
          </button>
        ))}
      </div>
    </div>
  );
}
