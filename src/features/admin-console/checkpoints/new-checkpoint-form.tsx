// Opening a checkpoint: its name and where it stands, chosen from the division lists within the admin's scope (the
// county is where its tablets' destination picker starts). The enrollment code comes back once, for the poster.
import { useId, useState, type SubmitEvent } from 'react';
import type { AdminScope } from '../../../domain/admin-scope.ts';
import type { CountyIndexChunk } from '../../../domain/divisions.ts';
import { useT } from '../../../platform/i18n.ts';
import { consoleErrorWords, noteConsoleError } from '../console-errors.ts';
import { consoleMessages } from '../console.messages.ts';
import { PlaceSelect } from '../place-select.tsx';
import { useAdminClient } from '../use-admin-client.ts';
import { checkpointsMessages } from './checkpoints.messages.ts';
import { cityChoices, cityName, countyChoices, provinceChoices } from './place-choices.ts';

export interface OpenedCheckpoint {
  checkpointId: string;
  name: string;
  enrollmentCode: string;
}

export function NewCheckpointForm({
  index,
  scope,
  onOpened,
}: {
  index: CountyIndexChunk;
  scope: AdminScope;
  onOpened: (opened: OpenedCheckpoint) => void;
}) {
  const t = useT(checkpointsMessages);
  const tc = useT(consoleMessages);
  const client = useAdminClient();
  const nameId = useId();
  const [name, setName] = useState('');
  const [provinceCode, setProvinceCode] = useState('');
  const [cityCode, setCityCode] = useState('');
  const [countyCode, setCountyCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const provinces = provinceChoices(index, scope);
  const cities = provinceCode === '' ? [] : cityChoices(index, provinceCode, scope);
  const counties = cityCode === '' ? [] : countyChoices(index, cityCode);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (client === null) return;
    const trimmed = name.trim();
    if (trimmed === '') {
      setProblem(t('nameMissing'));
      return;
    }
    const province = provinces.find((p) => p.code === provinceCode)?.name;
    if (province === undefined || cityCode === '') {
      setProblem(t('placeMissing'));
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const opened = await client.createCheckpoint({
        name: trimmed,
        province,
        city: cityName(index, cityCode),
        ...(countyCode === '' ? {} : { countyCode }),
      });
      onOpened({ ...opened, name: trimmed });
      setName('');
      setCountyCode('');
    } catch (error) {
      noteConsoleError(error);
      setProblem(consoleErrorWords(error, tc));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(event) => void onSubmit(event)} data-testid="new-checkpoint">
      <h2>{t('newTitle')}</h2>
      <div className="field">
        <label htmlFor={nameId}>{t('name')}</label>
        <input
          id={nameId}
          className="input"
          maxLength={64}
          placeholder={t('namePlaceholder')}
          value={name}
          onChange={(event) => {
            setName(event.target.value);
          }}
        />
      </div>
      <PlaceSelect
        label={t('province')}
        value={provinceCode}
        options={provinces}
        noneLabel={t('choose')}
        onChange={(code) => {
          setProvinceCode(code);
          setCityCode('');
          setCountyCode('');
        }}
      />
      <PlaceSelect
        label={t('city')}
        value={cityCode}
        options={cities}
        noneLabel={t('choose')}
        onChange={(code) => {
          setCityCode(code);
          setCountyCode('');
        }}
      />
      <PlaceSelect
        label={t('county')}
        value={countyCode}
        options={counties}
        noneLabel={t('noCounty')}
        onChange={setCountyCode}
      />
      {problem !== null ? (
        <p className="banner banner-danger" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {busy ? t('creating') : t('create')}
      </button>
    </form>
  );
}
