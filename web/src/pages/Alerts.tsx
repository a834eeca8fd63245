import { useEffect, useState } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Alert, AlertState, Household } from '../api/types';
import { useAlerts } from '../alerts/alertList';
import { AlertCard } from '../components/AlertCard';
import { Link } from '../router';

const current: AlertState[] = ['open', 'acknowledged'];
const past: AlertState[] = ['resolved'];

/** What needs a person now (open, then acknowledged, newest first), and behind a filter what has resolved. */
export function Alerts({ api, household }: { api: WillowApi; household: Household }) {
  const [showing, setShowing] = useState<'current' | 'resolved'>('current');
  const { alerts, problem, setAlerts, live } = useAlerts(api, household.id, showing === 'current' ? current : past);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const role = household.role ?? 'viewer';

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  async function acknowledge(alert: Alert) {
    setBusy(alert.id);
    setError(null);
    try {
      const changed = await api.acknowledgeAlert(household.id, alert.id);
      setAlerts((list) => list?.map((a) => (a.id === changed.id ? changed : a)) ?? null);
    } catch (e) {
      setError(problemText(e, 'The hub cannot be reached; nothing was acknowledged.'));
    } finally {
      setBusy(null);
    }
  }

  const open = alerts?.filter((a) => a.state === 'open').length ?? 0;
  return (
    <main className="page alerts-page">
      <div className="page-head">
        <h1 className="page-title">
          Alerts <span className={`live ${live ? 'on' : 'off'}`}>{live ? 'live' : 'reconnecting…'}</span>
        </h1>
        <Link to="/notifications" className="button-link">
          Notification settings
        </Link>
      </div>
      <div className="segmented alert-filter" role="radiogroup" aria-label="Which alerts">
        {(
          [
            ['current', 'Needs attention'],
            ['resolved', 'Resolved'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={showing === value ? 'chosen' : ''}>
            <input type="radio" name="alert-filter" value={value} checked={showing === value} onChange={() => setShowing(value)} />
            {label}
          </label>
        ))}
      </div>
      {(problem || error) && (
        <p className="error banner" role="alert">
          {error ?? problem}
        </p>
      )}
      {showing === 'current' && alerts && (
        <p className="muted" role="status">
          {alerts.length === 0
            ? 'Nothing needs attention. Willow tells you here, and on your notification channels, when a dose is missed or a device goes quiet.'
            : `${open} open, ${alerts.length - open} acknowledged.`}
          {role === 'viewer' && alerts.length > 0 && ' Caregivers and owners acknowledge alerts.'}
        </p>
      )}
      {showing === 'resolved' && alerts?.length === 0 && <p className="muted">No resolved alerts yet.</p>}
      {alerts === null && !problem && <p className="loading">Loading…</p>}
      <ul className="alert-list">
        {alerts?.map((alert) => (
          <AlertCard key={alert.id} alert={alert} role={role} zone={household.timeZone} now={now} busy={busy === alert.id} onAcknowledge={acknowledge} />
        ))}
      </ul>
    </main>
  );
}
