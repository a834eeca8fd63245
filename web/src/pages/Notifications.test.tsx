import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApiError, type WillowApi } from '../api/client';
import type { Channel, ChannelRequest, Household, QuietHours, Role } from '../api/types';
import { Notifications, validateChannel, validateEscalation, validateQuietHours, type ChannelForm } from './Notifications';

const household = (role: Role): Household => ({ id: 'h', name: 'Home', timeZone: 'Europe/Berlin', role, membershipEndsAt: null });
const form: ChannelForm = { kind: 'webhook', name: '', url: 'https://example.org/hook', email: '', token: '' };

describe('validateChannel', () => {
  it.each([
    [{ url: 'example.org/hook' }, 'url'],
    [{ url: 'ftp://example.org/hook' }, 'url'],
    [{ kind: 'ntfy', url: '' }, 'url'],
    [{ kind: 'email', email: 'sam' }, 'email'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ kind: 'ntfy', token: 't'.repeat(201) }, 'token'],
  ] as [Partial<ChannelForm>, string][])('names the field the API would name: %o → %s', (change, field) => {
    expect(Object.keys(validateChannel({ ...form, ...change }))).toEqual([field]);
  });

  it('accepts what the API accepts', () => {
    expect(validateChannel(form)).toEqual({});
    expect(validateChannel({ ...form, kind: 'email', url: '', email: 'sam@example.org' })).toEqual({});
  });

  it('checks quiet hours and the escalation delay as the API does', () => {
    expect(validateQuietHours('22:00', '07:00')).toEqual({});
    expect(Object.keys(validateQuietHours('22:00', '22:00'))).toEqual(['quietHours.to']);
    expect(Object.keys(validateQuietHours('25:00', '07:00'))).toEqual(['quietHours.from']);
    expect(validateEscalation('15')).toEqual({});
    expect(Object.keys(validateEscalation('0'))).toEqual(['escalateAfter']);
    expect(Object.keys(validateEscalation('1441'))).toEqual(['escalateAfter']);
  });
});

/** A hub keeping one person's channels and settings, answering as ChannelEndpoints does. */
function hub(options: { refuse?: Record<string, string[]> } = {}) {
  const channels: Channel[] = [];
  const asked: { quiet: (QuietHours | null)[]; escalation: string[] } = { quiet: [], escalation: [] };
  const api = {
    channels: async () => channels.map(({ secret: _, ...c }) => c),
    addChannel: async (_h: string, request: ChannelRequest) => {
      if (options.refuse) throw new ApiError(400, 'One or more validation errors occurred.', undefined, options.refuse);
      const channel: Channel = {
        id: `c${channels.length + 1}`, userId: 'u', kind: request.kind, name: request.name ?? request.kind, url: request.url ?? null, email: request.email ?? null,
        enabled: request.enabled ?? true, createdAt: '2026-12-01T08:00:00Z', secret: request.kind === 'webhook' ? 'whsec_shown_once' : null,
      };
      channels.push(channel);
      return channel;
    },
    changeChannel: async (_h: string, id: string, request: ChannelRequest) => {
      const channel = channels.find((c) => c.id === id)!;
      channel.enabled = request.enabled ?? channel.enabled;
      return channel;
    },
    testChannel: async (_h: string, id: string) => ({ channelId: id, sent: false, error: 'Connection refused (127.0.0.1:9)', deliveryId: 'd' }),
    myAlertSettings: async () => ({ quietHours: null }),
    changeMyAlertSettings: async (_h: string, quiet: QuietHours | null) => (asked.quiet.push(quiet), { quietHours: quiet }),
    householdAlertSettings: async () => ({ escalateAfter: '00:15:00' }),
    changeHouseholdAlertSettings: async (_h: string, after: string) => (asked.escalation.push(after), { escalateAfter: after }),
  } as unknown as WillowApi;
  return { api, channels, asked };
}

describe('Notifications', () => {
  it('adds a webhook, shows its secret once with a copy button, and says what a test did', async () => {
    const { api } = hub();
    render(<Notifications api={api} household={household('caregiver')} />);

    fireEvent.change(await screen.findByLabelText('Webhook URL'), { target: { value: 'https://example.org/hook' } });
    fireEvent.change(screen.getByLabelText('Name (optional)'), { target: { value: 'My phone' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }));

    expect(await screen.findByLabelText('Signing secret of My phone')).toHaveValue('whsec_shown_once');
    expect(screen.getByText(/shown only this once/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Copy' })).toBeInTheDocument();

    const channel = await screen.findByTestId('channel');
    expect(channel).toHaveTextContent('My phone');
    fireEvent.click(within(channel).getByRole('button', { name: 'Send a test' }));
    expect(await within(channel).findByText('Not sent: Connection refused (127.0.0.1:9)')).toBeInTheDocument();
  });

  it('shows a mistake at its field before asking the hub, and the hub\u2019s own words at the field it refuses', async () => {
    const { api, channels } = hub({ refuse: { email: ['email must be an e-mail address, like sam@example.org.'] } });
    render(<Notifications api={api} household={household('viewer')} />);

    fireEvent.click(await screen.findByRole('radio', { name: 'ntfy push' }));
    fireEvent.change(screen.getByLabelText('Topic URL'), { target: { value: 'ntfy.sh/willow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add ntfy push' }));
    expect(screen.getByLabelText('Topic URL')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('url must be an absolute http:// or https:// address.')).toBeInTheDocument();
    expect(channels).toHaveLength(0);

    fireEvent.click(screen.getByRole('radio', { name: 'E-mail' }));
    fireEvent.change(screen.getByLabelText('E-mail address'), { target: { value: 'sam@example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add e-mail' }));
    await waitFor(() => expect(screen.getByLabelText('E-mail address')).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('email must be an e-mail address, like sam@example.org.')).toBeInTheDocument();
  });

  it('saves quiet hours, says urgent alerts still come, and lets only an owner set the escalation', async () => {
    const { api, asked } = hub();
    const { unmount } = render(<Notifications api={api} household={household('owner')} />);

    expect(screen.getByText(/Urgent alerts, such as a missed dose, still come at once/)).toBeInTheDocument();
    const keep = screen.getByRole('checkbox', { name: 'Keep quiet hours' });
    await waitFor(() => expect(keep).toBeEnabled());
    fireEvent.click(keep);
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '21:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save quiet hours' }));
    expect(await screen.findByText('Saved: quiet from 21:30 to 07:00.')).toBeInTheDocument();
    expect(asked.quiet).toEqual([{ from: '21:30', to: '07:00' }]);

    const escalate = await screen.findByLabelText('Escalate after (minutes)');
    expect(escalate).toHaveValue(15);
    fireEvent.change(escalate, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(escalate).toHaveAttribute('aria-invalid', 'true');
    fireEvent.change(escalate, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(asked.escalation).toEqual(['00:30:00']));
    unmount();

    render(<Notifications api={api} household={household('caregiver')} />);
    expect(await screen.findByText(/An owner sets this for the household/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Escalate after (minutes)')).toBeNull();
  });
});
