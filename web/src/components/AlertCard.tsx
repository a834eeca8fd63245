import type { Alert, AlertSeverity, Role } from '../api/types';
import { pathOf } from '../alerts/alertList';
import { ago, dayAndClock } from '../format';
import { Link } from '../router';

const severityLabel: Record<AlertSeverity, string> = { urgent: 'Urgent', warning: 'Warning', info: 'For your information' };
// A shape as well as a colour, so severity reads in greyscale and to people who do not tell red from amber.
const severityMark: Record<AlertSeverity, string> = { urgent: '!', warning: '▲', info: 'i' };

const pageNames: Record<string, string> = { '/doses': 'Doses', '/devices': 'Devices', '/regimens': 'Regimens', '/people': 'People', '/alerts': 'Alerts', '/': 'Home' };

export function SeverityBadge({ severity }: { severity: AlertSeverity }) {
  return (
    <span className={`severity severity-${severity}`} data-testid="alert-severity">
      <span className="severity-mark" aria-hidden="true">
        {severityMark[severity]}
      </span>
      {severityLabel[severity]}
    </span>
  );
}

export interface AlertCardProps {
  alert: Alert;
  role: Role;
  zone: string;
  now: Date;
  busy: boolean;
  onAcknowledge(alert: Alert): void;
}

/** One alert: how bad, what happened, what to do next, when, and who is on it. */
export function AlertCard({ alert, role, zone, now, busy, onAcknowledge }: AlertCardProps) {
  const path = pathOf(alert.link);
  const page = path ? pageNames[path.split('?')[0]] : undefined;
  const titleId = `alert-${alert.id}-title`;
  return (
    <li className={`alert-card card alert-${alert.severity} alert-state-${alert.state}`} aria-labelledby={titleId} data-testid="alert">
      <div className="alert-head">
        <SeverityBadge severity={alert.severity} />
        <span className={`badge badge-alert-${alert.state}`} data-testid="alert-state">
          {alert.state === 'open' ? 'Open' : alert.state === 'acknowledged' ? 'Acknowledged' : 'Resolved'}
        </span>
      </div>
      <h3 id={titleId} className="alert-title">
        {alert.title}
      </h3>
      <p className="alert-next">
        <span className="muted">What to do: </span>
        {alert.nextStep}
      </p>
      <p className="muted small alert-when">
        <time dateTime={alert.openedAt}>
          {dayAndClock(alert.openedAt, zone, now)} ({ago(alert.openedAt, now)})
        </time>
        {alert.escalationStep > 0 && ' · not acknowledged in time, so it went to the next person as well'}
      </p>
      {alert.state === 'acknowledged' && alert.acknowledgedAt && (
        <p className="small alert-who" data-testid="alert-acknowledged">
          {alert.acknowledgedBy ?? 'Someone'} is on it (acknowledged {dayAndClock(alert.acknowledgedAt, zone, now)}).
        </p>
      )}
      {alert.state === 'resolved' && alert.resolvedAt && (
        <p className="small alert-who">
          Resolved {dayAndClock(alert.resolvedAt, zone, now)}
          {alert.resolution && `: ${alert.resolution}`}
          {alert.acknowledgedBy && ` · acknowledged by ${alert.acknowledgedBy}`}
        </p>
      )}
      <div className="row-buttons">
        {alert.state === 'open' && role !== 'viewer' && (
          <button type="button" className="primary small-button" disabled={busy} onClick={() => onAcknowledge(alert)} aria-describedby={titleId}>
            {busy ? 'Acknowledging…' : 'Acknowledge'}
          </button>
        )}
        {path && page && path !== '/alerts' && (
          <Link to={path} className="button-link">
            Go to {page}
          </Link>
        )}
        {!path && (
          <a href={alert.link} className="button-link">
            Open the page that helps
          </a>
        )}
      </div>
    </li>
  );
}

/** Urgent alerts still open, above everything else on Home: each names what happened and leads to the Alerts page. */
export function UrgentAlerts({ alerts, now }: { alerts: Alert[]; now: Date }) {
  const urgent = alerts.filter((a) => a.severity === 'urgent' && a.state === 'open');
  if (urgent.length === 0) return null;
  return (
    <section className="urgent-alerts" aria-labelledby="urgent-title" data-testid="urgent-alerts">
      <h2 id="urgent-title" className="urgent-heading">
        <span className="severity-mark" aria-hidden="true">
          !
        </span>
        {urgent.length === 1 ? 'Urgent: needs someone now' : `${urgent.length} urgent alerts need someone now`}
      </h2>
      <ul className="plain-list">
        {urgent.map((a) => (
          <li key={a.id}>
            <strong>{a.title}</strong> <span className="muted small">{ago(a.openedAt, now)}</span>
            <div className="small">{a.nextStep}</div>
          </li>
        ))}
      </ul>
      <Link to="/alerts" className="button-link">
        See {urgent.length === 1 ? 'the alert' : 'the alerts'} and acknowledge
      </Link>
    </section>
  );
}
