// The one screen of a tablet that opened the app at a plain-HTTP address: where the secure address is (large text and
// a QR code), and how to trust the checkpoint's certificate once. Loaded only on that path: it imports no data layer.
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LANGUAGES, setLanguage, useLanguage, useT, type Language } from '../platform/i18n.ts';
import { qrCodeImageUrl } from '../platform/qr-image.ts';
import { setTheme, THEMES, useTheme, type Theme } from '../platform/theme.ts';
import { insecureContextMessages } from './insecure-context.messages.ts';
import { secureAddresses } from './secure-origin.ts';
import './insecure-context-screen.css';

const LANGUAGE_NAME_KEYS = { 'zh-CN': 'languageZh', en: 'languageEn' } as const satisfies Record<Language, string>;
const THEME_NAME_KEYS = { light: 'themeDay', dark: 'themeNight' } as const satisfies Record<Theme, string>;

function SecureAddressQr({ url }: { url: string }) {
  const t = useT(insecureContextMessages);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    qrCodeImageUrl(url).then(
      (next) => {
        if (current) setImageUrl(next);
      },
      () => {
        // Without the picture the address is still there in large text and as a link: nothing to tell the officer.
      },
    );
    return () => {
      current = false;
    };
  }, [url]);
  return (
    <figure className="insecure-qr">
      {imageUrl === null ? (
        <div className="insecure-qr-placeholder" aria-hidden="true" />
      ) : (
        <img src={imageUrl} alt={t('qrAlt', { url })} width={280} height={280} />
      )}
      <figcaption className="hint">{t('qrCaption')}</figcaption>
    </figure>
  );
}

function DisplayChoices() {
  const t = useT(insecureContextMessages);
  const language = useLanguage();
  const theme = useTheme();
  return (
    <div className="insecure-choices">
      <div className="btn-row" role="group" aria-label={t('languageLabel')}>
        {LANGUAGES.map((choice) => (
          <button
            key={choice}
            type="button"
            className="btn"
            lang={choice}
            aria-pressed={language === choice}
            onClick={() => {
              setLanguage(choice);
            }}
          >
            {t(LANGUAGE_NAME_KEYS[choice])}
          </button>
        ))}
      </div>
      <div className="btn-row" role="group" aria-label={t('themeLabel')}>
        {THEMES.map((choice) => (
          <button
            key={choice}
            type="button"
            className="btn"
            aria-pressed={theme === choice}
            onClick={() => {
              setTheme(choice);
            }}
          >
            {t(THEME_NAME_KEYS[choice])}
          </button>
        ))}
      </div>
    </div>
  );
}

export function InsecureContextScreen({ pageUrl }: { pageUrl: string }) {
  const t = useT(insecureContextMessages);
  const { appUrl, guideUrl } = secureAddresses(pageUrl);
  return (
    <main className="page insecure-page" data-insecure-context="true">
      <DisplayChoices />
      <h1 className="insecure-title">{t('title')}</h1>
      <p className="insecure-why">{t('why')}</p>

      <section className="card insecure-secure" aria-labelledby="insecure-secure-heading">
        <h2 id="insecure-secure-heading">{t('useSecure')}</h2>
        <div className="insecure-secure-body">
          <div className="insecure-secure-text">
            <p className="insecure-url" lang="en" translate="no">
              {appUrl}
            </p>
            <a className="btn btn-primary btn-big" href={appUrl}>
              {t('openSecure')}
            </a>
          </div>
          <SecureAddressQr url={appUrl} />
        </div>
      </section>

      <section className="card" aria-labelledby="insecure-trust-heading">
        <h2 id="insecure-trust-heading">{t('trustTitle')}</h2>
        <p>{t('trustWhy')}</p>
        <p className="insecure-guide-url" lang="en" translate="no">
          {guideUrl}
        </p>
        <a className="btn btn-big" href={guideUrl}>
          {t('openGuide')}
        </a>
        <div className="insecure-steps">
          <div>
            <h3>{t('androidTitle')}</h3>
            <ol>
              <li>{t('android1')}</li>
              <li>{t('android2')}</li>
              <li>{t('android3')}</li>
            </ol>
          </div>
          <div>
            <h3>{t('ipadTitle')}</h3>
            <ol>
              <li>{t('ipad1')}</li>
              <li>{t('ipad2')}</li>
              <li>{t('ipad3')}</li>
              <li>{t('ipad4')}</li>
            </ol>
          </div>
        </div>
      </section>
    </main>
  );
}

/** Renders the screen for the page this tablet opened; nothing else of the app is loaded on this path. */
export function showInsecureContextScreen(rootElement: HTMLElement, pageUrl: string): void {
  createRoot(rootElement).render(
    <StrictMode>
      <InsecureContextScreen pageUrl={pageUrl} />
    </StrictMode>,
  );
}
