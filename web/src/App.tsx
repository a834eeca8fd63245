import { useEffect, useState } from 'react';
import { WillowApi } from './api/client';
import type { Account, Household } from './api/types';
import { useAlerts } from './alerts/alertList';
import { Alerts } from './pages/Alerts';
import { Devices } from './pages/Devices';
import { Doses } from './pages/Doses';
import { Home } from './pages/Home';
import { Join } from './pages/Join';
import { NoHousehold } from './pages/NoHousehold';
import { Notifications } from './pages/Notifications';
import { People } from './pages/People';
import { Regimens } from './pages/Regimens';
import { SignIn } from './pages/SignIn';
import { Link, navigate, useLocation } from './router';

const chosenKey = 'willow.household';

const pages = [
  { path: '/', label: 'Home' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/doses', label: 'Doses' },
  { path: '/regimens', label: 'Regimens' },
  { path: '/devices', label: 'Devices' },
  { path: '/people', label: 'People' },
] as const;

export function App({ api }: { api: WillowApi }) {
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [household, setHousehold] = useState<Household | null>(null);
  const location = useLocation();

  const reloadAccount = () => api.account().then(setAccount, () => setAccount(null));
  useEffect(() => {
    void reloadAccount();
  }, [api]);

  const chosen = account?.households.find((h) => h.householdId === localStorage.getItem(chosenKey)) ?? account?.households[0];
  useEffect(() => {
    if (!chosen) return;
    api.household(chosen.householdId).then(setHousehold, () => setHousehold(null));
  }, [api, chosen?.householdId]);

  const page = pages.find((p) => p.path === location.path) ?? (location.path === '/notifications' ? { path: '/notifications', label: 'Notifications' } : undefined);
  useEffect(() => {
    document.title = page && page.path !== '/' ? `${page.label} · Willow` : 'Willow';
  }, [page]);

  if (account === undefined) return <p className="loading">Loading…</p>;

  const joinCode = location.path === '/join' ? location.query.get('code') ?? '' : null;
  if (account === null) {
    return (
      <SignIn
        api={api}
        invitation={joinCode !== null}
        onSignedIn={(signedIn) => {
          setAccount(signedIn);
          if (joinCode === null && location.path !== '/') navigate(location.path, true);
        }}
      />
    );
  }

  function choose(householdId: string) {
    localStorage.setItem(chosenKey, householdId);
    setHousehold(null);
    void reloadAccount();
  }

  const signOut = async () => {
    await api.signOut().catch(() => undefined);
    setAccount(null);
    setHousehold(null);
    navigate('/', true);
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="chrome">
      <header className="top-bar">
        <Link to="/" className="brand">
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>Willow</span>
        </Link>
        {account.households.length > 1 ? (
          <label className="switcher">
            <span className="visually-hidden">Household</span>
            <select value={chosen?.householdId} onChange={(e) => choose(e.target.value)}>
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
        <button type="button" className="link" onClick={signOut}>
          Sign out
        </button>
      </header>
      {chosen && joinCode === null && <Tabs key={chosen.householdId} api={api} household={chosen.householdId} path={location.path} />}
      </div>
      <div id="main">
        {joinCode !== null ? (
          <Join
            api={api}
            code={joinCode}
            onJoined={(joined) => {
              choose(joined.id);
              navigate('/', true);
            }}
          />
        ) : !chosen ? (
          <NoHousehold api={api} onChosen={choose} />
        ) : !household ? (
          <p className="loading">Loading…</p>
        ) : (
          <HouseholdPage key={household.id} path={location.path} api={api} household={household} account={account} />
        )}
      </div>
    </>
  );
}

/** The page tabs; Alerts carries the number of open alerts, kept current by the live feed. */
function Tabs({ api, household, path }: { api: WillowApi; household: string; path: string }) {
  const { alerts } = useAlerts(api, household, ['open']);
  const open = alerts?.length ?? 0;
  return (
    <nav className="tabs" aria-label="Pages">
      {pages.map((p) => (
        <Link key={p.path} to={p.path} aria-current={p.path === path || (p.path === '/alerts' && path === '/notifications') ? 'page' : undefined}>
          {p.label}
          {p.path === '/alerts' && open > 0 && (
            <span className="count-badge" data-testid="open-alerts">
              {open}
              <span className="visually-hidden"> open</span>
            </span>
          )}
        </Link>
      ))}
    </nav>
  );
}

function HouseholdPage({ path, api, household, account }: { path: string; api: WillowApi; household: Household; account: Account }) {
  switch (path) {
    case '/':
      return <Home api={api} household={household} />;
    case '/doses':
      return <Doses api={api} household={household} />;
    case '/regimens':
      return <Regimens api={api} household={household} />;
    case '/devices':
      return <Devices api={api} household={household} />;
    case '/alerts':
      return <Alerts api={api} household={household} />;
    case '/notifications':
      return <Notifications api={api} household={household} />;
    case '/people':
      return <People api={api} household={household} account={account} />;
    default:
      return (
        <main className="page">
          <div className="card">
            <h1 className="page-title">Page not found</h1>
            <p>
              There is no page at <code>{path}</code>. <Link to="/">Go home</Link>.
            </p>
          </div>
        </main>
      );
  }
}
