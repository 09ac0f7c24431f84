// Last line of defence: a rendering error shows a readable message and a reload, never a blank screen.
// Saved data lives in IndexedDB and drafts are written on every change, so a reload loses nothing.
import { Component, type ReactNode } from 'react';
import { recordError } from '../platform/diagnostics.ts';
import { translator, getLanguage } from '../platform/i18n.ts';
import { appMessages } from './app.messages.ts';
import { ReloadScreen } from './reload-screen.tsx';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    recordError('screen', error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const t = translator(appMessages, getLanguage());
    return <ReloadScreen title={t('crashTitle')} body={t('crashBody')} reload={t('reload')} />;
  }
}
