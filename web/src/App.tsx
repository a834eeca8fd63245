import { useEffect, useState } from 'react';
import { WillowApi } from './api/client';
import type { Account, Household } from './api/types';
import { Home } from './pages/Home';
import { SignIn } from './pages/SignIn';

const chosenKey = 'willow.household';

export function App({ api }: { api: WillowApi }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [household, setHousehold] = useState<Household | null>(null);

  useEffect(() => {
    api.account().then(setAccount, () => setAccount(null));
  }, [api]);

  const chosen = account?.households.find((h) => h.householdId === localStorage.getItem(chosenKey)) ?? account?.households[0];
  useEffect(() => {
    if (!chosen) return;
    api.household(chosen.householdId).then(setHousehold, () => setHousehold(null));
  }, [api, chosen?.householdId]);

  if (account === undefined) return <p className="loading">Loading…</p>;
  if (account === null) return <SignIn api={api} onSignedIn={setAccount} />;

  return (
    <>
      <header className="top-bar">
        <div className="brand">
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>Willow</span>
        </div>
        {account.households.length > 1 ? (
          <label className="switcher">
            <span className="visually-hidden">Household</span>
            <select
              value={chosen?.householdId}
              onChange={(e) => {
                localStorage.setItem(chosenKey, e.target.value);
                setHousehold(null);
                setAccount({ ...account });
              }}
            >
              {account.households.map((h) => (
                <option key={h.householdId} value={h.householdId}>
                  {h.householdName}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="household-name">{chosen?.householdName}</span>
        )}
        <button
          type="button"
          className="link"
          onClick={async () => {
            await api.signOut().catch(() => undefined);
            setAccount(null);
            setHousehold(null);
          }}
        >
          Sign out
        </button>
      </header>
      {!chosen && (
        <main className="home">
          <p className="card">You belong to no household yet. Ask an owner for an invitation code, then run <code>willow join CODE</code>.</p>
        </main>
      )}
      {household && <Home key={household.id} api={api} household={household} />}
    </>
  );
}
