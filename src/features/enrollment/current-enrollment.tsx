// Where this tablet is enrolled now (checkpoint, place, server), or that it is not enrolled yet.
import type { SettingsMap } from '../../db/settings-repository.ts';
import { useT } from '../../platform/i18n.ts';
import { enrollmentMessages } from './enrollment.messages.ts';

export interface CurrentEnrollmentProps {
  device: SettingsMap['device'] | null;
  /** The server the tablet syncs with, null when it is not enrolled. */
  serverUrl: string | null;
}

export function CurrentEnrollment({ device, serverUrl }: CurrentEnrollmentProps) {
  const t = useT(enrollmentMessages);
  return (
    <section className="card" aria-label={t('currentTitle')}>
      {serverUrl !== null && device ? (
        <p data-testid="current-enrollment">
          {t('currentLine', {
            checkpoint: device.checkpointName,
            province: device.province,
            city: device.city,
            server: serverUrl,
          })}
        </p>
      ) : (
        <p data-testid="current-enrollment">{t('notEnrolled')}</p>
      )}
    </section>
  );
}
