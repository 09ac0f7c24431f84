// 二看: the code's colour (the scanner's suggestion marked, recorded only when tapped) and the itinerary card's star.
// Nothing is pressed when it opens: a colour and a star answer are recorded only from the officer's taps (ADR 016, 032).
import { useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import type { CodeColor, CodeColorSource } from '../../../domain/vocabulary.ts';
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

/** The longest of these texts: the one a line sized for any of them must hold. */
function longest(texts: readonly string[]): string {
  return texts.reduce((a, b) => (b.length > a.length ? b : a), '');
}

/**
 * The line above the keys: the scanner's suggestion while it waits for the officer, the instruction otherwise. Both
 * stay in one grid cell, the one not shown kept invisible, so the line is as tall whichever it shows: the suggestion
 * can arrive a moment after 二看 opens (zxing tells the colour after html5-qrcode read the code), and a line appearing
 * then moved every key down under a gloved tap. `reserve` is the suggestion's text with the longest colour name, held
 * in the cell while no suggestion shows.
 */
function LookGuidance({
  suggestion,
  instruction,
  reserve,
}: {
  suggestion: string | null;
  instruction: string;
  reserve: string;
}) {
  return (
    <div className={`banner look-guidance ${suggestion === null ? 'banner-neutral' : 'banner-warn'}`}>
      {suggestion === null ? (
        <span aria-hidden="true" data-shown="false">
          {reserve}
        </span>
      ) : (
        <span id="code-color-suggestion" data-testid="code-color-suggestion">
          {suggestion}
        </span>
      )}
      <span data-shown={suggestion === null ? 'true' : 'false'} aria-hidden={suggestion === null ? undefined : 'true'}>
        {instruction}
      </span>
    </div>
  );
}

export function LookStep({ person, patch }: StepProps) {
  const t = useT(checkpointMessages);
  const labels = useT(domainLabels);
  const [citiesText, setCitiesText] = useState(person.itineraryCities.join('，'));
  const [citiesError, setCitiesError] = useState(false);

  const suggested = person.suggestedCodeColor;
  // Tapping the suggested colour confirms it; any other colour is the officer's own reading.
  const sourceOf = (chosen: CodeColor): CodeColorSource =>
    suggested !== null && chosen === suggested ? 'suggested-confirmed' : 'officer';
  /** Marked as the suggestion and not yet answered: the dashed ring and badge, never aria-pressed. */
  const awaitsConfirmation = (color: CodeColor) => suggested === color && person.codeColor === null;

  const finish = (chosen: CodeColor) => {
    const codeColorSource = sourceOf(chosen);
    if (person.itineraryStar === true) {
      const cities = splitCities(citiesText);
      if (cities.length === 0) {
        patch({ codeColor: chosen, codeColorSource });
        setCitiesError(true);
        return;
      }
      patch({ codeColor: chosen, codeColorSource, itineraryCities: cities, step: 'check' });
      return;
    }
    // No star, or no star answer tapped (the card not seen, recorded so): the colour moves on, no city is kept.
    patch({ codeColor: chosen, codeColorSource, itineraryCities: [], step: 'check' });
  };

  // The common case in one tap: the key records exactly what its label says, green and no star.
  const finishCommon = () => {
    setCitiesError(false);
    patch({
      codeColor: 'green',
      codeColorSource: sourceOf('green'),
      itineraryStar: false,
      itineraryCities: [],
      step: 'check',
    });
  };

  // A second tap on the pressed answer takes it back: the card counts as not seen again.
  const answerStar = (star: boolean) => {
    patch({ itineraryStar: person.itineraryStar === star ? null : star });
  };

  const suggestionBadge = (color: CodeColor) =>
    suggested === color ? (
      <span className="suggested-badge" aria-hidden="true">
        {person.codeColor === null
          ? t('suggestedBadge')
          : person.codeColor === color && person.codeColorSource === 'suggested-confirmed'
            ? t('suggestedConfirmedBadge')
            : t('suggestedOverruledBadge')}
      </span>
    ) : null;

  return (
    <section aria-labelledby="look-title">
      <h2 id="look-title">{t('lookTitle')}</h2>
      <LookGuidance
        suggestion={
          suggested !== null && person.codeColor === null
            ? t('colorSuggested', { color: labels(`codeColor.${suggested}`) })
            : null
        }
        instruction={t('lookGuidance')}
        reserve={t('colorSuggested', { color: longest(MAIN_COLORS.map((color) => labels(`codeColor.${color}`))) })}
      />
      <div className="field">
        <button
          type="button"
          className={`btn btn-big code-swatch-green${awaitsConfirmation('green') ? ' btn-suggested' : ''}`}
          aria-pressed={person.codeColor === 'green' && person.itineraryStar === false}
          aria-describedby={awaitsConfirmation('green') ? 'code-color-suggestion' : undefined}
          data-suggested={suggested === 'green' ? 'true' : undefined}
          onClick={finishCommon}
        >
          {t('greenNoStar')}
          {suggestionBadge('green')}
        </button>
      </div>
      <div className="field">
        <span className="field-label">{t('itinerary')}</span>
        <div className="btn-row" role="group" aria-label={t('itinerary')}>
          <button
            type="button"
            className="btn"
            aria-pressed={person.itineraryStar === false}
            onClick={() => {
              answerStar(false);
            }}
          >
            {t('starNo')}
          </button>
          <button
            type="button"
            className="btn"
            aria-pressed={person.itineraryStar === true}
            onClick={() => {
              answerStar(true);
            }}
          >
            {t('starYes')}
          </button>
        </div>
        {person.itineraryStar === null ? (
          <span className="hint" data-testid="itinerary-unanswered">
            {t('itineraryUnanswered')}
          </span>
        ) : null}
      </div>
      {person.itineraryStar === true ? (
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
      <div className="choice-grid" role="group" aria-label={t('lookTitle')}>
        {MAIN_COLORS.map((color) => (
          <button
            key={color}
            type="button"
            className={`btn btn-big code-swatch-${color}${awaitsConfirmation(color) ? ' btn-suggested' : ''}`}
            aria-pressed={person.codeColor === color}
            aria-describedby={awaitsConfirmation(color) ? 'code-color-suggestion' : undefined}
            data-suggested={suggested === color ? 'true' : undefined}
            onClick={() => {
              finish(color);
            }}
          >
            {labels(`codeColor.${color}`)}
            {suggestionBadge(color)}
          </button>
        ))}
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
