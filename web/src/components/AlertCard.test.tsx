import { render, screen } from '@testing-library/react';
import type { Alert } from '../api/types';
import { pathOf } from '../alerts/alertList';
import { UrgentAlerts } from './AlertCard';

const alert = (id: string, severity: Alert['severity'], state: Alert['state']): Alert => ({
  id, householdId: 'h', kind: 'dose-missed', cause: id, severity, state, title: `Alert ${id}`, nextStep: 'Check on the pet', link: '/doses',
  openedAt: '2026-12-01T09:00:00Z', acknowledgedAt: null, acknowledgedBy: null, resolvedAt: null, resolution: null, escalationStep: 0,
});

describe('UrgentAlerts', () => {
  it('shows only urgent open alerts and leads to the Alerts page', () => {
    render(<UrgentAlerts alerts={[alert('u', 'urgent', 'open'), alert('w', 'warning', 'open'), alert('k', 'urgent', 'acknowledged')]} now={new Date('2026-12-01T09:05:00Z')} />);

    expect(screen.getByRole('heading', { name: /Urgent: needs someone now/ })).toBeInTheDocument();
    expect(screen.getByText('Alert u')).toBeInTheDocument();
    expect(screen.queryByText('Alert w')).toBeNull();
    expect(screen.queryByText('Alert k')).toBeNull();
    expect(screen.getByRole('link', { name: /See the alert/ })).toHaveAttribute('href', '/alerts');
  });

  it('shows nothing when nothing urgent is open', () => {
    const { container } = render(<UrgentAlerts alerts={[alert('w', 'warning', 'open')]} now={new Date()} />);
    expect(container).toBeEmptyDOMElement();
  });
});

describe('pathOf', () => {
  it('keeps a link to this dashboard inside the page, and leaves another site alone', () => {
    expect(pathOf('/doses', 'https://willow.example.org')).toBe('/doses');
    expect(pathOf('https://willow.example.org/devices', 'https://willow.example.org')).toBe('/devices');
    expect(pathOf('https://elsewhere.example.org/devices', 'https://willow.example.org')).toBeNull();
  });
});
