// The home screen's offer to install the app: shown until the app is installed or the officer says no more.
import { Link } from 'wouter';
import { useT } from '../../platform/i18n.ts';
import { dismissInstallOffer, useInstallOfferDismissed, useInstallState } from '../../platform/install-prompt.ts';
import { installMessages } from './install.messages.ts';

export function InstallOffer() {
  const t = useT(installMessages);
  const state = useInstallState();
  const dismissed = useInstallOfferDismissed();
  if (state === 'installed' || dismissed) return null;
  return (
    <div className="banner banner-warn page" role="note" data-testid="install-offer">
      <p style={{ margin: 0 }}>{t('offerText')}</p>
      <div className="btn-row">
        <Link href="/install" className="btn btn-primary">
          {t('offerOpen')}
        </Link>
        <button type="button" className="btn" onClick={dismissInstallOffer}>
          {t('offerDismiss')}
        </button>
      </div>
    </div>
  );
}
