import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Command, Device } from '../api/types';
import { ActionPanel } from './ActionPanel';
import { CommandTimeline } from './CommandTimeline';

const device = (id: string, capabilities: string[], online = true, lockedUntil: string | null = null): Device => ({
  id, name: id, capabilities, link: 'gateway', gatewayId: 'home', online, lastSeenAt: null, version: null,
  capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil,
});
const zone = 'Europe/Berlin';
const now = new Date('2026-11-25T10:00:00Z');

describe('ActionPanel', () => {
  it('offers Feed and Call to a caregiver and sends the right kind', () => {
    const acted: string[] = [];
    render(<ActionPanel devices={[device('treats', ['dispenser']), device('speaker', ['speaker'])]} role="caregiver"
      medicationByDevice={{}} busy={null} zone={zone} now={now} onAct={(d, kind) => acted.push(`${kind}:${d.id}`)} />);

    fireEvent.click(screen.getByRole('button', { name: /Feed/ }));
    fireEvent.click(screen.getByRole('button', { name: /Call/ }));

    expect(acted).toEqual(['dispense:treats', 'call:speaker']);
  });

  it('shows a viewer no buttons at all, and says why', () => {
    render(<ActionPanel devices={[device('treats', ['dispenser'])]} role="viewer" medicationByDevice={{}} busy={null} zone={zone} now={now} onAct={() => undefined} />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByTestId('viewer-note')).toHaveTextContent('caregivers and owners');
  });

  it('asks before an extra dose of medication, and sends nothing on Cancel', () => {
    const acted: string[] = [];
    render(<ActionPanel devices={[device('pills', ['dispenser'])]} role="owner" medicationByDevice={{ pills: 'clomipramine' }}
      busy={null} zone={zone} now={now} onAct={(d) => acted.push(d.id)} />);

    fireEvent.click(screen.getByRole('button', { name: /Give medication/ }));
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('clomipramine');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(acted).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: /Give medication/ }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Give it now' }));
    expect(acted).toEqual(['pills']);
  });

  it('disables the button of an offline device and says so', () => {
    render(<ActionPanel devices={[device('treats', ['dispenser'], false)]} role="owner" medicationByDevice={{}} busy={null} zone={zone} now={now} onAct={() => undefined} />);
    const button = screen.getByRole('button', { name: /Feed/ });
    expect(button).toBeDisabled();
    expect(button).toHaveTextContent('offline');
  });

  it('disables Feed inside the lockout with the time it ends, and leaves Call alone', () => {
    const devices = [device('treats', ['dispenser'], true, '2026-11-25T12:05:00Z'), device('speaker', ['speaker'])];
    const { rerender } = render(<ActionPanel devices={devices} role="owner" medicationByDevice={{}} busy={null} zone={zone} now={now} onAct={() => undefined} />);

    const feed = screen.getByRole('button', { name: /Feed/ });
    expect(feed).toBeDisabled();
    expect(feed).toHaveAccessibleDescription(/Locked until 13:05 \(in 2 h 05 min\)/);
    expect(screen.getByRole('button', { name: /Call/ })).toBeEnabled();

    // Once the lockout has passed the button comes back by itself, without a new report.
    rerender(<ActionPanel devices={devices} role="owner" medicationByDevice={{}} busy={null} zone={zone} now={new Date('2026-11-25T12:05:01Z')} onAct={() => undefined} />);
    expect(screen.getByRole('button', { name: /Feed/ })).toBeEnabled();
    expect(screen.queryByTestId('lockout')).toBeNull();
  });
});

describe('CommandTimeline', () => {
  const at = '2026-11-25T10:00:00Z';
  const ended = (state: Command['state'], detail: string): Command => ({
    id: state, householdId: 'h', deviceId: 'treats', kind: 'dispense', args: {}, issuedBy: 'jo@example.org', issuedAt: at,
    expiresAt: at, doseId: null, state, updatedAt: at,
    events: [{ state: 'queued', at, source: 'hub', detail: null }, { state, at, source: 'agent', detail }],
  });

  it('says plainly what to do after an uncertain or failed dispense', () => {
    render(<CommandTimeline zone="UTC" commands={[ended('uncertain', 'The agent restarted mid-dispense.'), ended('failed', 'Nothing fell: empty or jammed.')]} />);

    const [uncertain, failed] = screen.getAllByRole('listitem').filter((li) => li.classList.contains('command'));
    expect(within(uncertain).getByTestId('command-state')).toHaveTextContent('Uncertain');
    expect(uncertain).toHaveTextContent('Check the bowl before giving another dose');
    expect(uncertain).toHaveTextContent('The agent restarted mid-dispense.');
    expect(within(failed).getByTestId('command-state')).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('Nothing was given');
  });

  it('marks only the steps a command reached: a refusal before executing does not show it executing', () => {
    const refused: Command = {
      ...ended('refused', 'Locked out until 10:05.'),
      events: [
        { state: 'queued', at, source: 'hub', detail: null },
        { state: 'delivered', at, source: 'gateway', detail: null },
        { state: 'refused', at, source: 'gateway', detail: 'Locked out until 10:05.' },
      ],
    };
    render(<CommandTimeline zone="UTC" commands={[refused]} deviceNames={{ treats: 'Treat dispenser' }} />);

    const steps = within(screen.getByRole('list', { name: 'Progress' })).getAllByRole('listitem');
    expect(steps.map((s) => s.className.includes('reached'))).toEqual([true, true, false, true]);
    expect(screen.getByText('Dispense on Treat dispenser')).toBeInTheDocument();
  });

  it('shows a success without advice', () => {
    render(<CommandTimeline zone="UTC" commands={[ended('succeeded', 'Released 1 portion.')]} />);
    expect(screen.getByTestId('command-state')).toHaveTextContent('Succeeded');
    expect(screen.queryByText(/Nothing was given/)).toBeNull();
  });
});
