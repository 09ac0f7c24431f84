// Signing in to the console: a username and a password, the failure in words (wrong, too many attempts, no server),
// and why a session ended when it did.
import { useId, useState, type SubmitEvent } from 'react';
import { signInAdmin } from '../../sync/admin-client.ts';
import { SyncHttpError, SyncUnauthorizedError } from '../../sync/transport.ts';
import { useT } from '../../platform/i18n.ts';
import { consoleErrorWords } from './console-errors.ts';
import { startSession, type SignedOutReason } from './console-session.ts';
import { consoleMessages } from './console.messages.ts';

const MS_PER_MINUTE = 60_000;

const REASON_KEYS = { expired: 'expired', refused: 'refused', 'signed-out': 'signedOut' } as const;

export function SignInScreen({ reason }: { reason: SignedOutReason }) {
  const t = useT(consoleMessages);
  const usernameId = useId();
  const passwordId = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      startSession(await signInAdmin(window.location.origin, { username: username.trim(), password }));
    } catch (e) {
      if (e instanceof SyncUnauthorizedError) setError(t('wrongCredentials'));
      else if (e instanceof SyncHttpError && e.status === 429) {
        const minutes = Math.max(1, Math.ceil((e.retryAfterMs ?? MS_PER_MINUTE) / MS_PER_MINUTE));
        setError(t('tooManyAttempts', { minutes: String(minutes) }));
      } else setError(consoleErrorWords(e, t));
      setBusy(false);
    }
  };

  return (
    <main className="page" style={{ maxWidth: 560 }}>
      <h1>{t('signInTitle')}</h1>
      {reason !== null ? (
        <p className={reason === 'signed-out' ? 'banner banner-ok' : 'banner banner-warn'} role="status">
          {t(REASON_KEYS[reason])}
        </p>
      ) : null}
      <p className="hint">{t('signInIntro')}</p>
      <form className="card" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor={usernameId}>{t('username')}</label>
          <input
            id={usernameId}
            className="input"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            value={username}
            onChange={(event) => {
              setUsername(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>{t('password')}</label>
          <input
            id={passwordId}
            className="input"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => {
              setPassword(event.target.value);
            }}
          />
        </div>
        {error !== null ? (
          <p className="banner banner-danger" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary btn-big" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
