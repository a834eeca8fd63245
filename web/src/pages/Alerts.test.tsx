import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { WillowApi } from '../api/client';
import type { Alert, AlertState, Household, Role } from '../api/types';
import type { LiveHandlers } from '../live/liveFeed';
import { Alerts } from './Alerts';

// The live feed as the hub would drive it: the test holds the page's handlers and sends what /hubs/live sends.
let live: LiveHandlers | null = null;
vi.mock('../live/liveFeed', () => ({
  watchHousehold: (_household: string, handlers: LiveHandlers) => {
    live = handlers;
    return () => undefined;
  },
}));

const household = (role: Role): Household => ({ id: 'h', name: 'Home', timeZone: 'Europe/Berlin', role, membershipEndsAt: null });
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const alert = (id: string, state: AlertState, severity: Alert['severity'], openedMinutesAgo: number, extra: Partial<Alert> = {}): Alert => ({
  id, householdId: 'h', kind: 'dose-missed', cause: `c-${id}`, severity, state, title: `Alert ${id}`, nextStep: `Do ${id}`, link: '/doses',
  openedAt: minutesAgo(openedMinutesAgo), acknowledgedAt: state === 'open' ? null : minutesAgo(1), acknowledgedBy: state === 'open' ? null : 'Sam',
  resolvedAt: state === 'resolved' ? minutesAgo(0.5) : null, resolution: state === 'resolved' ? 'the device came back' : null, escalationStep: 0, ...extra,
});

/** A hub holding alerts by state; acknowledge moves one, as the API does. */
function hub(initial: Alert[]) {
  let alerts = [...initial];
  const api = {
    alerts: async (_h: string, q: { state?: AlertState }) => alerts.filter((a) => a.state === q.state).sort((a, b) => b.openedAt.localeCompare(a.openedAt)),
    acknowledgeAlert: async (_h: string, id: string) => {
      alerts = alerts.map((a) => (a.id === id ? { ...a, state: 'acknowledged' as const, acknowledgedBy: 'Jo', acknowledgedAt: new Date().toISOString() } : a));
      return alerts.find((a) => a.id === id)!;
    },
  } as unknown as WillowApi;
  return { api, raise: (a: Alert) => (alerts = [...alerts, a]) };
}

describe('Alerts', () => {
  it('lists open before acknowledged, newest first, with severity in words, what to do, and who is on it', async () => {
    const { api } = hub([alert('old-open', 'open', 'warning', 30), alert('ack', 'acknowledged', 'urgent', 5), alert('new-open', 'open', 'urgent', 10), alert('done', 'resolved', 'info', 60)]);
    render(<Alerts api={api} household={household('caregiver')} />);

    const cards = await screen.findAllByTestId('alert');
    expect(cards.map((c) => within(c).getByRole('heading').textContent)).toEqual(['Alert new-open', 'Alert old-open', 'Alert ack']);
    expect(within(cards[0]).getByTestId('alert-severity')).toHaveTextContent('Urgent');
    expect(within(cards[1]).getByTestId('alert-severity')).toHaveTextContent('Warning');
    expect(cards[0]).toHaveTextContent('What to do: Do new-open');
    expect(cards[0]).toHaveTextContent('10 min ago');
    expect(within(cards[2]).getByTestId('alert-acknowledged')).toHaveTextContent('Sam is on it');
    expect(within(cards[0]).getByRole('link', { name: 'Go to Doses' })).toHaveAttribute('href', '/doses');
    // Only open alerts can be acknowledged; the resolved one waits behind the filter.
    expect(screen.getAllByRole('button', { name: 'Acknowledge' })).toHaveLength(2);
    expect(screen.queryByText('Alert done')).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: 'Resolved' }));
    expect(await screen.findByText('Alert done')).toBeInTheDocument();
    expect(screen.getByText(/Resolved .*: the device came back/)).toBeInTheDocument();
  });

  it('acknowledges for a caregiver: the card says who is on it and the button goes', async () => {
    const { api } = hub([alert('a', 'open', 'urgent', 2)]);
    render(<Alerts api={api} household={household('caregiver')} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Acknowledge' }));

    expect(await screen.findByTestId('alert-acknowledged')).toHaveTextContent('Jo is on it');
    expect(screen.getByTestId('alert-state')).toHaveTextContent('Acknowledged');
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
  });

  it('shows a viewer the alerts but no Acknowledge button', async () => {
    const { api } = hub([alert('a', 'open', 'urgent', 2)]);
    render(<Alerts api={api} household={household('viewer')} />);

    expect(await screen.findByText('Alert a')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('Caregivers and owners acknowledge alerts.');
  });

  it('shows a new alert when the live feed says alerts changed, without a reload', async () => {
    const { api, raise } = hub([]);
    render(<Alerts api={api} household={household('owner')} />);
    expect(await screen.findByText(/Nothing needs attention/)).toBeInTheDocument();

    raise(alert('fresh', 'open', 'urgent', 0));
    await act(async () => live!.alertsChanged());

    expect(await screen.findByText('Alert fresh')).toBeInTheDocument();
  });
});
