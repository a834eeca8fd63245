import { useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import { navigate } from '../router';

/** A new account belongs nowhere yet: start a household, or join one with an invitation. */
export function NoHousehold({ api, onChosen }: { api: WillowApi; onChosen(householdId: string): void }) {
  const [name, setName] = useState('');
  const [zone, setZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onChosen((await api.createHousehold(name.trim(), zone.trim())).id);
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow">
      <form className="card form" onSubmit={create} aria-labelledby="start-title">
        <h1 id="start-title" className="page-title">
          Start a household
        </h1>
        <p>You belong to no household yet. Start one for your pets, or join one with an invitation from its owner.</p>
        <label>
          Household name
          <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="The Parkers" />
        </label>
        <label>
          Time zone
          <input required value={zone} onChange={(e) => setZone(e.target.value)} aria-describedby="zone-help" />
          <span id="zone-help" className="muted small">
            Doses are scheduled on this clock, e.g. Europe/Berlin.
          </span>
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="form-buttons">
          <button type="button" className="secondary" onClick={() => navigate('/join')}>
            I have an invitation
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Start household
          </button>
        </div>
      </form>
    </main>
  );
}
