// The command's console at /admin (ADR 038): signing in, then the frame — who is signed in, the sections, signing out —
// and the section screens below /admin. Loaded only on an /admin address: nothing of it is in the officer's app.
import { useEffect, type ReactNode } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { adminScopeOf, type AdminSession } from '../../contract/admin-console.ts';
import { formatAdminScopeWords } from './scope-words.ts';
import { setLanguage, useLanguage, useT } from '../../platform/i18n.ts';
import { useTheme } from '../../platform/theme.ts';
import { CheckpointsScreen } from './checkpoints/checkpoints-screen.tsx';
import { noteConsoleError } from './console-errors.ts';
import { endSession, useConsoleSession } from './console-session.ts';
import { consoleMessages } from './console.messages.ts';
import { PolicyScreen } from './policy/policy-screen.tsx';
import { SignInScreen } from './sign-in-screen.tsx';
import { TabletsScreen } from './tablets/tablets-screen.tsx';
import { RegionDayScreen } from './region/region-day-screen.tsx';
import { RegionHandoffsScreen } from './region/region-handoffs-screen.tsx';
import { useAdminClient } from './use-admin-client.ts';

/** The longest wait setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Where the console lives in the app's address space. */
export const CONSOLE_BASE = '/admin';

const SECTIONS = [
  { path: '/', key: 'navCheckpoints' },
  { path: '/policy', key: 'navPolicy' },
  { path: '/region', key: 'navRegionDay' },
  { path: '/handoffs', key: 'navRegionHandoffs' },
] as const;

function NavLink({ path, children }: { path: string; children: ReactNode }) {
  const [location] = useLocation();
  const current = path === '/' ? location === '/' || location.startsWith('/checkpoints') : location.startsWith(path);
  return (
    <Link href={path} className="btn" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** 中文 ⇄ English, kept with the browser's other Kakou settings. */
function LanguageSwitch() {
  const language = useLanguage();
  const other = language === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <button
      type="button"
      className="btn"
      lang={other}
      onClick={() => {
        setLanguage(other);
      }}
    >
      {other === 'en' ? 'English' : '中文'}
    </button>
  );
}

function ConsoleFrame({ session }: { session: AdminSession }) {
  const t = useT(consoleMessages);
  const client = useAdminClient();

  // Ended on this computer's clock at its expiry, so a console left open does not fail call after call.
  useEffect(() => {
    const left = Date.parse(session.expiresAt) - Date.now();
    // A browser fires a longer wait than 2^31−1 ms at once; sessions last 8 hours, so only an odd expiry is capped.
    const timer = window.setTimeout(
      () => {
        endSession('expired');
      },
      Math.min(Math.max(0, left), MAX_TIMER_MS),
    );
    return () => {
      window.clearTimeout(timer);
    };
  }, [session.expiresAt]);

  const signOut = async () => {
    try {
      await client?.signOut();
    } catch (error) {
      // Signed out here whatever the server said: the token is forgotten either way.
      noteConsoleError(error);
    }
    endSession('signed-out');
  };

  return (
    <Router base={CONSOLE_BASE}>
      <header className="app-header no-print">
        <span className="brand">{t('title')}</span>
        <nav className="btn-row" aria-label={t('title')} style={{ margin: 0 }}>
          {SECTIONS.map((section) => (
            <NavLink key={section.path} path={section.path}>
              {t(section.key)}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <span className="chip" data-testid="console-user">
          {t('signedInAs', {
            username: session.username,
            scope: formatAdminScopeWords(adminScopeOf(session.scope), t),
          })}
        </span>
        <LanguageSwitch />
        <button type="button" className="btn" onClick={() => void signOut()}>
          {t('signOut')}
        </button>
      </header>
      <main>
        <Switch>
          <Route path="/">
            <CheckpointsScreen scope={adminScopeOf(session.scope)} />
          </Route>
          <Route path="/checkpoints/:checkpointId">
            {(params) => <TabletsScreen key={params.checkpointId} checkpointId={params.checkpointId} />}
          </Route>
          <Route path="/policy">
            <PolicyScreen scope={adminScopeOf(session.scope)} />
          </Route>
          <Route path="/region">
            <RegionDayScreen scope={adminScopeOf(session.scope)} />
          </Route>
          <Route path="/handoffs">
            <RegionHandoffsScreen scope={adminScopeOf(session.scope)} />
          </Route>
          <Route>
            <div className="page">
              <p className="banner banner-warn">{t('notFound')}</p>
              <Link href="/" className="btn btn-primary">
                {t('toConsole')}
              </Link>
            </div>
          </Route>
        </Switch>
      </main>
    </Router>
  );
}

export function ConsoleApp() {
  const t = useT(consoleMessages);
  useTheme();
  const { session, reason } = useConsoleSession();
  if (session !== null) return <ConsoleFrame session={session} />;
  return (
    <>
      <header className="app-header">
        <span className="brand">{t('title')}</span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <SignInScreen reason={reason} />
    </>
  );
}
