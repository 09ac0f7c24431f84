// What a person's record says of the itinerary card and the ID document, in words: "not seen" and "not checked" are
// said, never left for a blank to imply (ADR 032). Shown on the review before saving and on a saved check.
import type { PersonCheck } from '../../../domain/vehicle-check.ts';
import { itinerarySeen } from '../../../domain/observations.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';

export type RecordedObservations = Pick<
  PersonCheck,
  'itineraryStar' | 'itineraryCities' | 'itinerarySeen' | 'idChecked'
>;

export function ObservationStatus({ person }: { person: RecordedObservations }) {
  const t = useT(checkpointMessages);
  const itinerary = !itinerarySeen(person)
    ? t('unobserved_itinerary-not-seen')
    : person.itineraryStar
      ? t('itineraryStarred', { cities: person.itineraryCities.join('、') })
      : t('itineraryNoStar');
  return (
    <>
      <span data-testid="itinerary-status" className={itinerarySeen(person) ? undefined : 'chip chip-warn'}>
        {itinerary}
      </span>
      <span data-testid="id-status" className={person.idChecked ? undefined : 'chip chip-warn'}>
        {person.idChecked ? t('idStatusChecked') : t('unobserved_id-not-checked')}
      </span>
    </>
  );
}
