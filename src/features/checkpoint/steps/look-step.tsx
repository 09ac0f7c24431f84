// 二看: the code's colour (the scanner's suggestion preselected, recorded only when tapped) and the itinerary card's star.
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import type { CodeColor } from '../../../domain/vocabulary.ts';
import { useT } from '../../../platform/i18n.ts';
import { checkpointMessages } from '../checkpoint.messages.ts';
import type { StepProps } from './step-props.ts';

const MAIN_COLORS = ['green', 'yellow', 'red', 'grey'] as const satisfies readonly CodeColor[];

export function splitCities(text: string): string[] {
  return text
    .split(/[,，、\s]+/u)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

export function LookStep({ person, patch }: StepProps) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [citiesText, setCitiesText] = useState(person.itineraryCities.join('，'));
  const [citiesError, setCitiesError] = useState(false);

  const suggested = person.suggestedCodeColor;

  const finish = (chosen: CodeColor) => {
    // Tapping the suggested colour confirms it; any other colour is the officer's own reading.
    const codeColorSource = suggested !== null && chosen === suggested ? 'suggested-confirmed' : 'officer';
    if (person.itineraryStar) {
      const cities = splitCities(citiesText);
      if (cities.length === 0) {
        patch({ codeColor: chosen, codeColorSource });
        setCitiesError(true);
        return;
      }
      patch({ codeColor: chosen, codeColorSource, itineraryCities: cities, step: 'check' });
      return;
    }
    // The common case: no star, one tap on the colour moves on.
    patch({ codeColor: chosen, codeColorSource, itineraryCities: [], step: 'check' });
  };

  return (
    <section aria-labelledby="look-title">
      <h2 id="look-title">{t('lookTitle')}</h2>
      <div className="field">
        <span className="field-label">{t('itinerary')}</span>
        <div className="btn-row" role="group" aria-label={t('itinerary')}>
          <button
            type="button"
            className="btn"
            aria-pressed={!person.itineraryStar}
            onClick={() => {
              patch({ itineraryStar: false });
            }}
          >
            {t('starNo')}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={person.itineraryStar}
            onClick={() => {
              patch({ itineraryStar: true });
            }}
          >
            {t('starYes')}
          </button>
        </div>
      </div>
      {person.itineraryStar ? (
        <div className="field">
          <label htmlFor="star-cities">{t('starCities')}</label>
          <input
            id="star-cities"
            className="input"
            value={citiesText}
            aria-invalid={citiesError}
            aria-describedby={citiesError ? 'star-cities-error' : undefined}
            onChange={(e) => {
              setCitiesText(e.target.value);
              setCitiesError(false);
              patch({ itineraryCities: splitCities(e.target.value) });
            }}
          />
          {citiesError ? (
            <span id="star-cities-error" className="error-text" role="alert">
              {t('starCitiesMissing')}
            </span>
          ) : null}
        </div>
      ) : null}
      {suggested !== null && person.codeColor === null ? (
        <p id="code-color-suggestion" className="banner banner-warn" data-testid="code-color-suggestion">
          {t('colorSuggested', { color: labels(`codeColor.${suggested}`) })}
        </p>
      ) : null}
      <div className="choice-grid" role="group" aria-label={t('lookTitle')}>
        {MAIN_COLORS.map((color) => {
          // Preselected, not chosen: aria-pressed stays false until the officer taps, so nothing is recorded unseen.
          const preselected = suggested === color && person.codeColor === null;
          return (
            <button
              key={color}
              type="button"
              className={`btn btn-big code-swatch-${color}${preselected ? ' btn-suggested' : ''}`}
              aria-pressed={person.codeColor === color}
              aria-describedby={preselected ? 'code-color-suggestion' : undefined}
              data-suggested={suggested === color ? 'true' : undefined}
              onClick={() => {
                finish(color);
              }}
            >
              {labels(`codeColor.${color}`)}
              {suggested === color ? (
                <span className="suggested-badge" aria-hidden="true">
                  {person.codeColor === null
                    ? t('suggestedBadge')
                    : person.codeColor === color && person.codeColorSource === 'suggested-confirmed'
                      ? t('suggestedConfirmedBadge')
                      : t('suggestedOverruledBadge')}
                </span>
              ) : null}
            </button>
          );
        })}
        <button
          type="button"
          className="btn btn-big"
          aria-pressed={person.codeColor === 'unknown'}
          onClick={() => {
            finish('unknown');
          }}
        >
          {labels('codeColor.unknown')}
        </button>
      </div>
    </section>
  );
}
