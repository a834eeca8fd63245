import { useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Household } from '../api/types';

/** Opened from an invitation link (/join?code=…): one button, and the person is in the household. */
export function Join({ api, code: initial, onJoined }: { api: WillowApi; code: string; onJoined(household: Household): void }) {
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onJoined(await api.acceptInvitation(code.trim()));
    } catch (e) {
      setError(problemText(e, 'The hub cannot be reached. Try again in a moment.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow">
      <form className="card form" onSubmit={submit} aria-labelledby="join-title">
        <h1 id="join-title" className="page-title">
          Join a household
        </h1>
        <p>An owner invited you. The code works once; the role and any end date were set by the owner.</p>
        <label>
          Invitation code
          <input required autoComplete="off" spellCheck={false} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || code.trim() === ''}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </form>
    </main>
  );
}
