// The vehicle check, from the plate to the save: 一扫二看三查四验 for every occupant (不漏一人).
import { Link, useLocation } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { drafts } from '../../db/db-instance.ts';
import { formatInZone } from '../../domain/time.ts';
import { provinceNamed } from '../../domain/provinces.ts';
import { useNow } from '../../platform/use-now.ts';
import { usePolicy } from '../../db/use-policy.ts';
import { useT } from '../../platform/i18n.ts';
import { judgeDraft } from './draft/check-builder.ts';
import { hasVehicleType, updatePerson } from './draft/check-draft.ts';
import { checkpointMessages } from './checkpoint.messages.ts';
import { ClockSkewBanner } from './clock-skew-banner.tsx';
import { FlowProgress } from './steps/flow-progress.tsx';
import { PersonStepView } from './steps/person-step-view.tsx';
import { ReviewStep } from './steps/review-step.tsx';
import { useCheckDraft } from './draft/use-check-draft.ts';
import { useSaveCheck } from './draft/use-save-check.ts';
import { VehicleStep } from './steps/vehicle-step.tsx';

/** How often the on-screen judgement re-reads the clock (a test's age can cross the window mid-check). */
const JUDGEMENT_CLOCK_MS = 30_000;

export function CheckFlowScreen({ id }: { id: string }) {
  const t = useT(checkpointMessages);
  const [, navigate] = useLocation();
  const policy = usePolicy();
  const now = useNow(JUDGEMENT_CLOCK_MS);
  const session = useSetting('session');
  const device = useSetting('device');
  const clockSkew = useSetting('clockSkew');
  const { load, update, flush, writeError } = useCheckDraft(id);
  const { save, saving, saveError } = useSaveCheck(
    session && device ? { session, device, policy, clockSkew, flushDraft: flush } : null,
    (saved) => {
      navigate(`/?saved=${encodeURIComponent(saved.id)}`);
    },
  );

  if (load.status === 'loading' || session === undefined || device === undefined) {
    return <p className="page">…</p>;
  }
  if (load.status === 'missing' || !device) {
    return (
      <div className="page">
        <p className="banner banner-warn">{t('draftMissing')}</p>
        <Link href="/" className="btn btn-primary btn-big">
          {t('backToStart')}
        </Link>
      </div>
    );
  }
  if (!session) {
    return <p className="page banner banner-warn">{t('signInFirst')}</p>;
  }

  const draft = load.draft;
  const timeZone = device.timeZone;
  const index = draft.currentPerson;
  const person = draft.persons[index];
  // The checkpoint's province as the server's record spells it: 广东, 广东省 and 广西壮族自治区 all find their key.
  const homeProvinceAbbr = provinceNamed(device.province)?.abbr;

  const discard = () => {
    if (!window.confirm(t('discardConfirm'))) return;
    void flush()
      .then(() => drafts.remove(draft.id))
      .then(() => {
        navigate('/');
      });
  };

  let body;
  if (draft.stage === 'vehicle' || !hasVehicleType(draft)) {
    // Without a tapped vehicle type nothing can be judged (the policy recommends per type): the vehicle step asks.
    body = <VehicleStep draft={draft} homeProvinceAbbr={homeProvinceAbbr} update={update} />;
  } else {
    const judgement = judgeDraft(draft, policy, draft.completedAt ?? formatInZone(now, timeZone));
    body =
      draft.stage === 'review' || !person ? (
        <ReviewStep
          draft={draft}
          judgement={judgement}
          policy={policy}
          saving={saving}
          saveError={saveError}
          update={update}
          onSave={save}
        />
      ) : (
        <PersonStepView
          draft={draft}
          index={index}
          person={person}
          policy={policy}
          timeZone={timeZone}
          judgement={judgement}
          saving={saving}
          saveError={saveError}
          update={update}
          onSave={save}
        />
      );
  }

  return (
    <div
      className="page"
      data-testid="check-flow"
      data-stage={draft.stage}
      data-step={draft.stage === 'persons' ? person?.step : undefined}
    >
      <FlowProgress
        draft={draft}
        onGoToStep={(step) => {
          update((d) => updatePerson(d, index, { step }));
        }}
        onGoToVehicle={() => {
          update((d) => ({ ...d, stage: 'vehicle' }));
        }}
      />
      {writeError ? (
        <p className="banner banner-danger" role="alert">
          {t('draftWriteFailed')}
        </p>
      ) : null}
      {body}
      <div className="btn-row" style={{ marginTop: 24 }}>
        <button type="button" className="btn btn-danger" onClick={discard}>
          {t('discard')}
        </button>
      </div>
      {/* Below the keys: the sync that finds the clock off can come mid-check (ADR 040). */}
      <ClockSkewBanner />
    </div>
  );
}
