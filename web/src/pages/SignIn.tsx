import { useState, type FormEvent } from 'react';
import { ApiError, type WillowApi } from '../api/client';
import type { Account } from '../api/types';
import { FieldError } from '../components/Field';

/** Sign in, or create an account (where the hub's operator allows it) and be signed in at once. */
export function SignIn({ api, invitation = false, onSignedIn }: { api: WillowApi; invitation?: boolean; onSignedIn(account: Account): void }) {
  const [mode, setMode] = useState<'sign-in' | 'sign-up'>(invitation ? 'sign-up' : 'sign-in');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const signingUp = mode === 'sign-up';

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (signingUp) await api.signUp(email, password, displayName);
      onSignedIn(await api.signIn(email, password));
    } catch (e) {
      if (e instanceof ApiError) {
        setFieldErrors(e.errors);
        setError(e.status === 429 || e.status === 403 ? `${e.title}. ${e.detail ?? ''}` : Object.keys(e.errors).length ? 'Check the fields marked below.' : e.title);
      } else {
        setError('The hub cannot be reached. Try again in a moment.');
      }
    } finally {
      setBusy(false);
    }
  }

  const title = signingUp ? 'Create your Willow account' : 'Sign in to Willow';
  return (
    <main className="sign-in" id="main">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title" noValidate={false}>
        <img src="/icon.svg" alt="" width="56" height="56" />
        <h1 id="sign-in-title">{title}</h1>
        {invitation && <p className="notice">You have an invitation. Sign in, or create an account, and you join the household at once.</p>}
        {signingUp && (
          <>
          <label>
            Your name
            <input autoComplete="name" required maxLength={60} value={displayName} onChange={(e) => setDisplayName(e.target.value)}
              aria-invalid={fieldErrors.displayName ? true : undefined} aria-describedby="displayName-error" />
          </label>
          <FieldError id="displayName-error" messages={fieldErrors.displayName} />
          </>
        )}
        <label>
          E-mail
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldErrors.email ? true : undefined} aria-describedby="email-error" />
        </label>
        <FieldError id="email-error" messages={fieldErrors.email} />
        <label>
          Password
          <input type="password" autoComplete={signingUp ? 'new-password' : 'current-password'} required minLength={signingUp ? 10 : undefined}
            value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={fieldErrors.password ? true : undefined} aria-describedby="password-error" />
        </label>
        <FieldError id="password-error" messages={fieldErrors.password} />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? (signingUp ? 'Creating…' : 'Signing in…') : signingUp ? 'Create account' : 'Sign in'}
        </button>
        <p className="muted small switch-mode">
          {signingUp ? 'Have an account already? ' : 'New here? '}
          <button type="button" className="link inline" onClick={() => { setMode(signingUp ? 'sign-in' : 'sign-up'); setError(null); setFieldErrors({}); }}>
            {signingUp ? 'Sign in' : 'Create an account'}
          </button>
          {!signingUp && ', then join a household with the invitation an owner sent you.'}
        </p>
      </form>
    </main>
  );
}
