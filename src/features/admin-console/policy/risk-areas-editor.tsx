// The draft's risk areas: listed with a remove button each, added one at a time from the division lists (province →
// city → county and a level), or pasted as a list, one area a line, which the server reads against its own lists
// (POST /api/v1/policy/risk-area-lines): each line is shown added or refused with the reason in the admin's language.
import { useId, useState } from 'react';
import { domainLabels } from '../../../components/domain-labels.messages.ts';
import { RISK_AREAS_MAX } from '../../../contract/policy.ts';
import type { CountyIndexChunk } from '../../../domain/divisions.ts';
import type { RiskArea } from '../../../domain/policy.ts';
import { pastedLines, RISK_AREA_LINES_MAX, type RiskAreaLine } from '../../../domain/risk-area-lines.ts';
import { RISK_LEVELS, type RiskLevel } from '../../../domain/vocabulary.ts';
import { SyncHttpError } from '../../../sync/transport.ts';
import { formatNumber, useLanguage, useT } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { PlaceSelect } from '../place-select.tsx';
import { useAdminClient } from '../use-admin-client.ts';
import { useConsoleData } from '../use-console-data.ts';
import { policyMessages } from './policy.messages.ts';
import {
  riskAreaChoices,
  riskAreaPlaceKey,
  riskAreaPlaceWords,
  withRiskArea,
  type AddedArea,
} from './risk-area-choices.ts';

/** The server's answer when it has no division lists to read a paste against (src/server/routes/risk-area-lines.ts). */
const NO_DIVISION_LISTS_STATUS = 503;

const OUTCOME_KEYS = {
  added: 'outcomeAdded',
  'already-listed': 'outcomeAlreadyListed',
  'level-changed': 'outcomeLevelChanged',
  'list-full': 'outcomeListFull',
} as const satisfies Record<AddedArea, string>;

/** How an area reads after what adding it did: "已添加：湖南省 长沙市 岳麓区 · 中风险". */
function OutcomeWords({ outcome, area }: { outcome: AddedArea; area: RiskArea }) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  const language = useLanguage();
  const mark = '\u0000';
  const words = t(OUTCOME_KEYS[outcome], {
    place: mark,
    level: label(`riskLevel.${area.level}`),
    max: formatNumber(RISK_AREAS_MAX, language),
  });
  const [before = '', after = ''] = words.split(mark);
  return (
    <>
      {before}
      <span lang="zh-CN">{riskAreaPlaceWords(area)}</span>
      {after}
    </>
  );
}

function AreaList({
  areas,
  readOnly,
  onRemove,
}: {
  areas: readonly RiskArea[];
  readOnly: boolean;
  onRemove: (area: RiskArea) => void;
}) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  if (areas.length === 0) return <p data-testid="risk-areas-none">{t('riskAreasNone')}</p>;
  return (
    <>
      <p className="hint">{t('riskAreasCount', { count: areas.length })}</p>
      <ul className="policy-area-list" data-testid="risk-areas">
        {areas.map((area) => {
          const place = riskAreaPlaceWords(area);
          return (
            <li key={riskAreaPlaceKey(area)} data-testid="risk-area" data-level={area.level}>
              <span>
                <span lang="zh-CN">{place}</span> · <strong>{label(`riskLevel.${area.level}`)}</strong>
              </span>
              {readOnly ? null : (
                <button
                  type="button"
                  className="btn"
                  aria-label={t('removeArea', { place })}
                  onClick={() => {
                    onRemove(area);
                  }}
                >
                  {t('remove')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

type PickNotice = { outcome: AddedArea; area: RiskArea } | { problem: 'pickProvince' | 'pickCounty' | 'pickLevel' };

function AreaPicker({ index, onAdd }: { index: CountyIndexChunk; onAdd: (area: RiskArea) => AddedArea }) {
  const t = useT(policyMessages);
  const label = useT(domainLabels);
  const ids = { level: useId() };
  const [choices] = useState(() => riskAreaChoices(index));
  const [provinceCode, setProvinceCode] = useState('');
  const [cityCode, setCityCode] = useState('');
  const [countyCode, setCountyCode] = useState('');
  const [level, setLevel] = useState<RiskLevel | null>(null);
  const [notice, setNotice] = useState<PickNotice | null>(null);

  const cities = provinceCode === '' ? [] : choices.cities(provinceCode);
  const city = cities.find((c) => c.code === cityCode);
  const counties = city === undefined ? [] : choices.counties(provinceCode, city.code);

  const pick = (): PickNotice => {
    if (provinceCode === '') return { problem: 'pickProvince' };
    if (city?.kind === 'direct' && countyCode === '') return { problem: 'pickCounty' };
    if (level === null) return { problem: 'pickLevel' };
    const area = choices.area({ provinceCode, cityCode, countyCode, level });
    return area === null ? { problem: 'pickCounty' } : { outcome: onAdd(area), area };
  };
  const add = () => {
    setNotice(pick());
  };

  return (
    <fieldset className="card policy-picker" data-testid="risk-area-picker">
      <legend>{t('pickTitle')}</legend>
      <div className="policy-grid">
        <PlaceSelect
          label={t('province')}
          value={provinceCode}
          options={choices.provinces}
          noneLabel={t('choose')}
          onChange={(code) => {
            setProvinceCode(code);
            setCityCode('');
            setCountyCode('');
            setNotice(null);
          }}
        />
        <PlaceSelect
          label={t('city')}
          value={cityCode}
          options={cities}
          noneLabel={t('wholeProvince')}
          onChange={(code) => {
            setCityCode(code);
            setCountyCode('');
            setNotice(null);
          }}
        />
        <PlaceSelect
          label={t('county')}
          value={countyCode}
          options={counties}
          noneLabel={city?.kind === 'direct' ? t('choose') : t('wholeCity')}
          onChange={(code) => {
            setCountyCode(code);
            setNotice(null);
          }}
        />
        <div className="field">
          <span className="field-label" id={ids.level}>
            {t('level')}
          </span>
          <div className="btn-row" role="group" aria-labelledby={ids.level}>
            {RISK_LEVELS.map((l) => (
              <button
                key={l}
                type="button"
                className="btn"
                aria-pressed={level === l}
                onClick={() => {
                  setLevel(l);
                  setNotice(null);
                }}
              >
                {label(`riskLevel.${l}`)}
              </button>
            ))}
          </div>
        </div>
      </div>
      <button type="button" className="btn btn-primary" onClick={add}>
        {t('addArea')}
      </button>
      {notice === null ? null : 'problem' in notice ? (
        <p className="error-text" role="alert">
          {t(notice.problem)}
        </p>
      ) : (
        <p
          className={notice.outcome === 'list-full' ? 'banner banner-warn' : 'banner banner-ok'}
          role="status"
          data-testid="pick-outcome"
        >
          <OutcomeWords outcome={notice.outcome} area={notice.area} />
        </p>
      )}
    </fieldset>
  );
}

interface CheckedPaste {
  lines: RiskAreaLine[];
  /** What adding each matched line did, by line number. */
  outcomes: ReadonlyMap<number, AddedArea>;
}

function PastedLines({ checked }: { checked: CheckedPaste }) {
  const t = useT(policyMessages);
  const language = useLanguage();
  const matched = checked.lines.filter((line) => line.result.kind === 'matched').length;
  const refused = checked.lines.length - matched;
  return (
    <div data-testid="paste-result">
      <p role="status">
        {t('pasteSummary', {
          matched: t('pasteMatched', { count: matched }),
          refused: t('pasteRefused', { count: refused }),
        })}
      </p>
      <ol className="policy-paste-lines">
        {checked.lines.map((line) => {
          const { result } = line;
          const outcome = result.kind === 'matched' ? (checked.outcomes.get(line.lineNumber) ?? 'added') : 'refused';
          return (
            <li key={line.lineNumber} data-testid="paste-line" data-outcome={outcome}>
              <span className="policy-paste-line-head">
                {t('lineNumber', { line: formatNumber(line.lineNumber, language) })} <q lang="zh-CN">{line.text}</q>
              </span>{' '}
              {result.kind === 'matched' ? (
                <span className="policy-line-ok">
                  <OutcomeWords outcome={checked.outcomes.get(line.lineNumber) ?? 'added'} area={result.area} />
                </span>
              ) : (
                <span className="error-text">{t('lineRefused', { reason: result.reason.words[language] })}</span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function PasteBox({ areas, onChange }: { areas: readonly RiskArea[]; onChange: (areas: RiskArea[]) => void }) {
  const t = useT(policyMessages);
  const tc = useT(consoleMessages);
  const language = useLanguage();
  const client = useAdminClient();
  const ids = { text: useId(), intro: useId() };
  const [text, setText] = useState('');
  const [replace, setReplace] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<CheckedPaste | null>(null);

  const check = async () => {
    if (client === null) return;
    setProblem(null);
    setChecked(null);
    if (text.trim() === '') {
      setProblem(t('pasteEmpty'));
      return;
    }
    if (pastedLines(text).length > RISK_AREA_LINES_MAX) {
      setProblem(t('pasteTooManyLines', { max: formatNumber(RISK_AREA_LINES_MAX, language) }));
      return;
    }
    setBusy(true);
    try {
      const lines = await client.riskAreaLines(text);
      let next: RiskArea[] = replace ? [] : [...areas];
      const outcomes = new Map<number, AddedArea>();
      for (const line of lines) {
        if (line.result.kind !== 'matched') continue;
        const added = withRiskArea(next, line.result.area, RISK_AREAS_MAX);
        next = added.areas;
        outcomes.set(line.lineNumber, added.outcome);
      }
      onChange(next);
      setChecked({ lines, outcomes });
    } catch (error) {
      noteConsoleError(error);
      setProblem(
        error instanceof SyncHttpError && error.status === NO_DIVISION_LISTS_STATUS
          ? t('pasteNoDivisions')
          : consoleErrorWords(error, tc),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset className="card" data-testid="risk-area-paste">
      <legend>{t('pasteTitle')}</legend>
      <p className="hint" id={ids.intro}>
        {t('pasteIntro')} <code lang="zh-CN">{t('pasteExample')}</code>
      </p>
      <div className="field">
        <label htmlFor={ids.text}>{t('pasteLabel')}</label>
        <textarea
          id={ids.text}
          className="input policy-paste"
          aria-describedby={ids.intro}
          lang="zh-CN"
          rows={8}
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
          }}
        />
      </div>
      <label className="policy-check-row">
        <input
          type="checkbox"
          checked={replace}
          onChange={(event) => {
            setReplace(event.target.checked);
          }}
        />
        {t('pasteReplace')}
      </label>
      <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void check()}>
        {busy ? t('pasteChecking') : t('pasteCheck')}
      </button>
      {problem === null ? null : (
        <p className="banner banner-danger" role="alert">
          {problem}
        </p>
      )}
      {checked === null ? null : <PastedLines checked={checked} />}
    </fieldset>
  );
}

export function RiskAreasEditor({
  areas,
  readOnly,
  onChange,
}: {
  areas: readonly RiskArea[];
  readOnly: boolean;
  onChange: (areas: RiskArea[]) => void;
}) {
  const t = useT(policyMessages);
  const tc = useT(consoleMessages);
  return (
    <section className="card" data-testid="policy-risk-areas">
      <h2>{t('riskAreasTitle')}</h2>
      <AreaList
        areas={areas}
        readOnly={readOnly}
        onRemove={(removed) => {
          const key = riskAreaPlaceKey(removed);
          onChange(areas.filter((area) => riskAreaPlaceKey(area) !== key));
        }}
      />
      {readOnly ? null : (
        <>
          <PlacesPicker
            onAdd={(area) => {
              const added = withRiskArea(areas, area, RISK_AREAS_MAX);
              onChange(added.areas);
              return added.outcome;
            }}
            loadingWords={t('loadingPlaces')}
            failedWords={(error) => consoleErrorWords(error, tc)}
          />
          <PasteBox areas={areas} onChange={onChange} />
        </>
      )}
    </section>
  );
}

/** The picker once the division lists are at hand (a file of the built app, fetched once per screen). */
function PlacesPicker({
  onAdd,
  loadingWords,
  failedWords,
}: {
  onAdd: (area: RiskArea) => AddedArea;
  loadingWords: string;
  failedWords: (error: unknown) => string;
}) {
  const [index] = useConsoleData((client) => client.countyIndex(), []);
  if (index.state === 'loading') return <p className="hint">{loadingWords}</p>;
  if (index.state === 'failed') return <p className="banner banner-danger">{failedWords(index.error)}</p>;
  return <AreaPicker index={index.value} onAdd={onAdd} />;
}
