// The settings screen: language, theme, the flag alert, a way to the teams and shifts, the lead PIN, this device,
// installing on the home screen, storage, camera test, diagnostics, version and build.
import type { ReactNode } from 'react';
import { useId } from 'react';
import { Link } from 'wouter';
import { APP_BUILD, APP_VERSION } from '../../platform/build-info.ts';
import { setLanguage, useLanguage, useT } from '../../platform/i18n.ts';
import { useInstallState } from '../../platform/install-prompt.ts';
import { setTheme, useTheme } from '../../platform/theme.ts';
import { AlertSection } from './alert-section.tsx';
import { DeviceSection } from './device-section.tsx';
import { DiagnosticsSection } from './diagnostics-section.tsx';
import { LeadPinSection } from './lead-pin-section.tsx';
import { PolicySection } from './policy-section.tsx';
import { settingsMessages } from './settings.messages.ts';
import { StorageSection } from './storage-section.tsx';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}

export function SettingsScreen() {
  const t = useT(settingsMessages);
  const language = useLanguage();
  const theme = useTheme();
  const installState = useInstallState();

  return (
    <div className="page">
      <h1>{t('title')}</h1>

      <Section title={t('languageTitle')}>
        <div className="choice-grid">
          <button
            type="button"
            className="btn btn-big"
            lang="zh-CN"
            aria-pressed={language === 'zh-CN'}
            onClick={() => {
              setLanguage('zh-CN');
            }}
          >
            {t('languageZh')}
          </button>
          <button
            type="button"
            className="btn btn-big"
            lang="en"
            aria-pressed={language === 'en'}
            onClick={() => {
              setLanguage('en');
            }}
          >
            {t('languageEn')}
          </button>
        </div>
      </Section>

      <Section title={t('themeTitle')}>
        <div className="choice-grid">
          <button
            type="button"
            className="btn btn-big"
            aria-pressed={theme === 'light'}
            onClick={() => {
              setTheme('light');
            }}
          >
            {t('themeLight')}
          </button>
          <button
            type="button"
            className="btn btn-big"
            aria-pressed={theme === 'dark'}
            onClick={() => {
              setTheme('dark');
            }}
          >
            {t('themeDark')}
          </button>
        </div>
      </Section>

      <Section title={t('alertTitle')}>
        <AlertSection />
      </Section>

      <Section title={t('policyTitle')}>
        <PolicySection />
      </Section>

      <Section title={t('teamsTitle')}>
        <p className="hint">{t('teamsHint')}</p>
        <Link href="/lead/config" className="btn">
          {t('teamsOpen')}
        </Link>
      </Section>

      <Section title={t('leadPinTitle')}>
        <LeadPinSection />
      </Section>

      <Section title={t('deviceTitle')}>
        <DeviceSection />
      </Section>

      <Section title={t('installTitle')}>
        <p className="hint" data-testid="install-summary">
          {installState === 'installed' ? t('installDone') : t('installNot')}
        </p>
        <Link href="/install" className="btn">
          {t('installOpen')}
        </Link>
      </Section>

      <Section title={t('storageTitle')}>
        <StorageSection />
      </Section>

      <Section title={t('cameraTitle')}>
        <Link href="/camera-test" className="btn">
          {t('cameraTest')}
        </Link>
      </Section>

      <Section title={t('diagnosticsTitle')}>
        <DiagnosticsSection />
      </Section>

      <Section title={t('aboutTitle')}>
        <p data-testid="app-version">{t('version', { version: APP_VERSION })}</p>
        <p data-testid="app-build">{t('build', { build: APP_BUILD })}</p>
      </Section>
    </div>
  );
}
