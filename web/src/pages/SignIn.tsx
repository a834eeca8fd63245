import { useState, type FormEvent } from 'react';
import { ApiError, type WillowApi } from '../api/client';
import type { Account } from '../api/types';

export function SignIn({ api, onSignedIn }: { api: WillowApi; onSignedIn(account: Account): void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(email, password));
    } catch (e) {
      setError(e instanceof ApiError ? (e.status === 429 ? `${e.title}. ${e.detail ?? ''}` : e.title) : 'The hub cannot be reached. Try again in a moment.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <img src="/icon.svg" alt="" width="56" height="56" />
        <h1 id="sign-in-title">Sign in to Willow</h1>
        <label>
          E-mail
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          New here? Ask a household's owner for an invitation, or create the first owner on the hub with <code>willow users add --owner</code>.
        </p>
      </form>
    </main>
  );
}
