// After enrolling: the server's checkpoint, the checks saved before that go up with it, whether the policy came too,
// and whether the checkpoint's own lead PIN applies.
import { Link } from 'wouter';
import { useSetting } from '../../db/live-queries.ts';
import { useT } from '../../platform/i18n.ts';
import type { EnrollTabletResult } from '../../sync/enroll-tablet.ts';
import { enrollmentMessages } from './enrollment.messages.ts';

export function EnrollmentDone({ result }: { result: EnrollTabletResult }) {
  const t = useT(enrollmentMessages);
  const policy = useSetting('policy');
  const { checkpoint } = result.device;
  return (
    <div className="page" data-testid="enrollment-done">
      <h1>{t('title')}</h1>
      <section className="card banner-ok" role="status">
        <h2>{t('successTitle')}</h2>
        <p data-testid="enrolled-checkpoint">{t('successCheckpoint', { name: checkpoint.name })}</p>
        <p>{t('successPlace', { province: checkpoint.province, city: checkpoint.city })}</p>
        <p>{t('successTimeZone', { timeZone: checkpoint.timezone })}</p>
        {result.adopted > 0 ? <p>{t('successAdopted', { count: result.adopted })}</p> : null}
        <p className="hint">
          {result.policyFetched && policy ? t('successPolicy', { version: policy.version }) : t('successPolicyLater')}
        </p>
        {result.leadPinFromCheckpoint ? (
          <p data-testid="enrolled-lead-pin">{t('successLeadPinFromCheckpoint')}</p>
        ) : null}
      </section>
      <div className="btn-row">
        <Link href="/settings" className="btn btn-big">
          {t('goSettings')}
        </Link>
        <Link href="/" className="btn btn-primary btn-big">
          {t('goHome')}
        </Link>
      </div>
    </div>
  );
}
