// The install guide (/install, from settings and from the home screen's offer): the browser's own prompt where
// Chromium offers one, the iPad's Add to Home Screen steps in Safari, the browser menu's steps otherwise, and
// "already installed" when it is. ADR 036.
import { useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../platform/i18n.ts';
import { promptInstall, useInstallState, type InstallOutcome } from '../../platform/install-prompt.ts';
import { installMessages } from './install.messages.ts';

const OUTCOME_KEYS = {
  accepted: 'accepted',
  dismissed: 'dismissedPrompt',
  unavailable: 'unavailable',
} as const satisfies Record<InstallOutcome, keyof (typeof installMessages)['en']>;

function Steps({ title, steps }: { title: string; steps: readonly string[] }) {
  return (
    <section className="card">
      <h2>{title}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
    </section>
  );
}

export function InstallScreen() {
  const t = useT(installMessages);
  const state = useInstallState();
  const [prompting, setPrompting] = useState(false);
  const [outcome, setOutcome] = useState<InstallOutcome | null>(null);

  const install = async () => {
    setPrompting(true);
    try {
      setOutcome(await promptInstall());
    } finally {
      setPrompting(false);
    }
  };

  const android = <Steps title={t('androidTitle')} steps={[t('android1'), t('android2'), t('android3')]} />;
  const ipad = <Steps title={t('ipadTitle')} steps={[t('ipad1'), t('ipad2'), t('ipad3'), t('ipad4')]} />;

  return (
    <div className="page" data-testid="install-guide" data-state={state}>
      <h1>{t('title')}</h1>
      {state === 'installed' ? (
        <p className="banner banner-ok" role="status" data-testid="install-state">
          {outcome === 'accepted' ? t('accepted') : t('installed')}
        </p>
      ) : (
        <>
          <p>{t('why')}</p>
          {state === 'promptable' ? (
            <button
              type="button"
              className="btn btn-primary btn-big"
              disabled={prompting}
              onClick={() => void install()}
            >
              {prompting ? t('installing') : t('installButton')}
            </button>
          ) : null}
          {outcome !== null && outcome !== 'accepted' ? (
            <p className="banner banner-warn" role="status" data-testid="install-outcome">
              {t(OUTCOME_KEYS[outcome])}
            </p>
          ) : null}
          {state === 'ipad' ? ipad : state === 'manual' ? android : null}
        </>
      )}
      <Link href="/" className="btn">
        {t('back')}
      </Link>
    </div>
  );
}
