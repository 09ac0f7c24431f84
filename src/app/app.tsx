// The composition root: start-up, the sync engine, the header, the update prompt and the routes.
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useSetting } from '../db/live-queries.ts';
import { HomeScreen } from '../features/checkpoint/home-screen.tsx';
import { SignInScreen } from '../features/shift/sign-in-screen.tsx';
import { recordError } from '../platform/diagnostics.ts';
import { useT } from '../platform/i18n.ts';
import { useTheme } from '../platform/theme.ts';
import { AppHeader } from './app-header.tsx';
import { appMessages } from './app.messages.ts';
import { ensureDevice } from './ensure-device.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { isLeadPath } from './lead-paths.ts';
import { ReloadScreen } from './reload-screen.tsx';

// Screens past the first one load on demand (all are precached, so this works offline too): the first
// usable screen pays only for itself. See docs/benchmarks.md for the initial-JS budget.
const CheckFlowScreen = lazy(() =>
  import('../features/checkpoint/check-flow-screen.tsx').then((m) => ({ default: m.CheckFlowScreen })),
);
const ChecksListScreen = lazy(() =>
  import('../features/checkpoint/records/checks-list-screen.tsx').then((m) => ({ default: m.ChecksListScreen })),
);
const CheckDetailScreen = lazy(() =>
  import('../features/checkpoint/records/check-detail-screen.tsx').then((m) => ({ default: m.CheckDetailScreen })),
);
const SettingsScreen = lazy(() =>
  import('../features/settings/settings-screen.tsx').then((m) => ({ default: m.SettingsScreen })),
);
const CameraTestScreen = lazy(() =>
  import('../features/camera-test/camera-test-screen.tsx').then((m) => ({ default: m.CameraTestScreen })),
);
const EnrollmentScreen = lazy(() =>
  import('../features/enrollment/enrollment-screen.tsx').then((m) => ({ default: m.EnrollmentScreen })),
);
const ReportScreen = lazy(() =>
  import('../features/tallies/report-screen.tsx').then((m) => ({ default: m.ReportScreen })),
);
const ReportPrintScreen = lazy(() =>
  import('../features/tallies/report-print-screen.tsx').then((m) => ({ default: m.ReportPrintScreen })),
);
const HandoffsScreen = lazy(() =>
  import('../features/tallies/handoffs-screen.tsx').then((m) => ({ default: m.HandoffsScreen })),
);
const HandoffsPrintScreen = lazy(() =>
  import('../features/tallies/handoffs-print-screen.tsx').then((m) => ({ default: m.HandoffsPrintScreen })),
);
const HandoverScreen = lazy(() =>
  import('../features/shift/handover-screen.tsx').then((m) => ({ default: m.HandoverScreen })),
);
const ShiftHistoryScreen = lazy(() =>
  import('../features/shift/shift-history-screen.tsx').then((m) => ({ default: m.ShiftHistoryScreen })),
);
// The gate, its pad and the PIN hashing load with the first lead screen opened: officers never pay for them.
const LeadGate = lazy(() => import('./lead-gate.tsx').then((m) => ({ default: m.LeadGate })));
const ShiftConfigScreen = lazy(() =>
  import('../features/settings/shift-config-screen.tsx').then((m) => ({ default: m.ShiftConfigScreen })),
);
const InstallScreen = lazy(() =>
  import('../features/install/install-screen.tsx').then((m) => ({ default: m.InstallScreen })),
);
const RejectedScreen = lazy(() =>
  import('../features/sync-status/rejected-screen.tsx').then((m) => ({ default: m.RejectedScreen })),
);
// Notices that show now and then (a new version, the storage answer and quota, the offer to install) load after
// the first screen: none is needed to start checking, and together they weigh ~4 kB gzip (docs/benchmarks.md, 1).
const UpdatePrompt = lazy(() => import('./update-prompt.tsx').then((m) => ({ default: m.UpdatePrompt })));
const QuotaWarning = lazy(() => import('./storage-notices.tsx').then((m) => ({ default: m.QuotaWarning })));
const PersistenceAnswerNotice = lazy(() =>
  import('./storage-notices.tsx').then((m) => ({ default: m.PersistenceAnswerNotice })),
);
const InstallOffer = lazy(() =>
  import('../features/install/install-offer.tsx').then((m) => ({ default: m.InstallOffer })),
);
import { useAppSync } from './use-app-sync.ts';

function NotFound() {
  const t = useT(appMessages);
  return (
    <div className="page">
      <p className="banner banner-warn">{t('notFound')}</p>
      <Link href="/" className="btn btn-primary">
        {t('backHome')}
      </Link>
    </div>
  );
}

/** Screens that need an officer on shift; without one, signing in comes first. */
function OnShift({ children }: { children: React.ReactNode }) {
  const session = useSetting('session');
  if (session === undefined) return null;
  return session ? children : <SignInScreen />;
}

/** The shift lead's screens (any route under isLeadPath, also those added later) open only behind the PIN. */
function LeadGated({ children }: { children: React.ReactNode }) {
  const [location] = useLocation();
  return isLeadPath(location) ? <LeadGate>{children}</LeadGate> : children;
}

/** Syncs while the app runs; before ensureDevice has written the device, there is nothing to sync. */
function SyncedHeader() {
  const { status, engine } = useAppSync(useSetting('device'));
  return <AppHeader syncStatus={status} onSyncNow={engine ? () => engine.syncNow() : null} />;
}

export function App() {
  const t = useT(appMessages);
  useTheme();
  const [ready, setReady] = useState(false);
  const [startFailed, setStartFailed] = useState(false);

  useEffect(() => {
    ensureDevice().then(
      () => {
        setReady(true);
      },
      (error: unknown) => {
        // The officer reads what happened and what to do; the browser's own words go to Settings → Diagnostics.
        recordError('start-up', error);
        setStartFailed(true);
      },
    );
  }, []);

  if (startFailed) {
    return <ReloadScreen title={t('crashTitle')} body={t('startFailed')} reload={t('reload')} testId="start-failed" />;
  }
  if (!ready) return <p className="page">{t('loading')}</p>;

  return (
    <ErrorBoundary>
      <div data-ready="true">
        <SyncedHeader />
        <Suspense fallback={null}>
          <QuotaWarning />
        </Suspense>
        <main>
          <Suspense fallback={<p className="page">{t('loading')}</p>}>
            <LeadGated>
              <Switch>
                <Route path="/">
                  <OnShift>
                    <HomeScreen />
                    {/* Below the start button: it appears a moment after the screen, and must never push the button
                        away from a finger about to tap it. */}
                    <Suspense fallback={null}>
                      <InstallOffer />
                    </Suspense>
                  </OnShift>
                </Route>
                <Route path="/check/:id">
                  {(params) => (
                    <OnShift>
                      <CheckFlowScreen key={params.id} id={params.id} />
                    </OnShift>
                  )}
                </Route>
                <Route path="/checks">
                  <ChecksListScreen />
                </Route>
                <Route path="/checks/:id">{(params) => <CheckDetailScreen id={params.id} />}</Route>
                <Route path="/settings">
                  <SettingsScreen />
                </Route>
                <Route path="/camera-test">
                  <CameraTestScreen />
                </Route>
                <Route path="/enroll">
                  <EnrollmentScreen />
                </Route>
                <Route path="/report">
                  <ReportScreen />
                </Route>
                <Route path="/report/print">
                  <ReportPrintScreen />
                </Route>
                <Route path="/handoffs">
                  <HandoffsScreen />
                </Route>
                <Route path="/handoffs/print">
                  <HandoffsPrintScreen />
                </Route>
                <Route path="/shift/history">
                  <ShiftHistoryScreen />
                </Route>
                <Route path="/shift/:id/handover">
                  {(params) => <HandoverScreen key={params.id} id={params.id} />}
                </Route>
                <Route path="/lead/config">
                  <ShiftConfigScreen />
                </Route>
                <Route path="/install">
                  <InstallScreen />
                </Route>
                <Route path="/sync">
                  <RejectedScreen />
                </Route>
                <Route>
                  <NotFound />
                </Route>
              </Switch>
            </LeadGated>
          </Suspense>
        </main>
        {/* Notices that appear on their own, not in answer to a tap (a new version, ready offline, the storage
            answer), come below the screen: above it they moved what was under a gloved finger (a plate key, the
            sign-in button) as they appeared. */}
        <Suspense fallback={null}>
          <UpdatePrompt />
          <PersistenceAnswerNotice />
        </Suspense>
      </div>
    </ErrorBoundary>
  );
}
