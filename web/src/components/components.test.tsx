import { fireEvent, render, screen, within } from '@testing-library/react';
import type { Command, Device, Dose } from '../api/types';
import { ActionPanel } from './ActionPanel';
import { CommandTimeline } from './CommandTimeline';
import { Dialog } from './Dialog';
import { PetCard } from './PetCard';

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

  it('lets an owner give a dose inside the lockout only with a reason, sent as an override', () => {
    const acted: unknown[] = [];
    render(<ActionPanel devices={[device('pills', ['dispenser'], true, '2026-11-25T12:05:00Z')]} role="owner" medicationByDevice={{ pills: 'clomipramine' }}
      busy={null} zone={zone} now={now} onAct={(d, kind, override) => acted.push([d.id, kind, override])} />);

    fireEvent.click(screen.getByRole('button', { name: /Give anyway/ }));
    const dialog = screen.getByRole('dialog', { name: 'Give a dose inside the lockout?' });
    expect(dialog).toHaveTextContent('locked until 13:05');
    expect(dialog).toHaveTextContent('audit log');
    const give = within(dialog).getByRole('button', { name: 'Give anyway' });
    expect(give).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText('Why it is needed (required)'), { target: { value: '  ' } });
    expect(give).toBeDisabled();

    fireEvent.change(within(dialog).getByLabelText('Why it is needed (required)'), { target: { value: ' She dropped the first one ' } });
    fireEvent.click(give);

    expect(acted).toEqual([['pills', 'dispense', { reason: 'She dropped the first one' }]]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('offers no override to a caregiver inside the lockout', () => {
    render(<ActionPanel devices={[device('pills', ['dispenser'], true, '2026-11-25T12:05:00Z')]} role="caregiver" medicationByDevice={{}}
      busy={null} zone={zone} now={now} onAct={() => undefined} />);
    expect(screen.getByRole('button', { name: /Feed/ })).toBeDisabled();
    expect(screen.queryByRole('button', { name: /Give anyway/ })).toBeNull();
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

  it('shows that a dispense overrode the lockout, by whom and why', () => {
    const overridden: Command = { ...ended('succeeded', 'Released 1 portion.'), lockoutOverride: { reason: 'She dropped the first one', by: 'jo@example.org' } };
    render(<CommandTimeline zone="UTC" commands={[overridden]} />);
    expect(screen.getByTestId('override')).toHaveTextContent('Lockout overridden by jo@example.org: “She dropped the first one”');
  });

  it('names photos, scale zeroing and spoken words in plain words', () => {
    const of = (kind: string, args: Record<string, unknown>): Command => ({ ...ended('succeeded', 'ok'), id: kind + JSON.stringify(args), kind, args });
    render(<CommandTimeline zone="UTC" deviceNames={{ treats: 'Feeding station' }}
      commands={[of('snapshot', {}), of('tare', {}), of('call', { text: 'Willow, dinner!' }), of('call', { sound: 'whistle' }), of('call', {})]} />);
    expect(screen.getAllByText(/on Feeding station$/).map((e) => e.textContent)).toEqual([
      'Photo on Feeding station', 'Zero the scale on Feeding station', 'Say “Willow, dinner!” on Feeding station', 'Play ‘whistle’ on Feeding station',
      'Call on Feeding station',
    ]);
  });

  it('shows a success without advice', () => {
    render(<CommandTimeline zone="UTC" commands={[ended('succeeded', 'Released 1 portion.')]} />);
    expect(screen.getByTestId('command-state')).toHaveTextContent('Succeeded');
    expect(screen.queryByText(/Nothing was given/)).toBeNull();
  });
});

describe('PetCard', () => {
  const given: Dose = {
    id: 'd', regimenId: 'r', petId: 'p', petName: 'Willow', medication: 'clomipramine', amount: '1 tablet', deviceId: 'pills',
    scheduledAt: '2026-11-25T07:00:00Z', windowOpens: '2026-11-25T06:15:00Z', windowCloses: '2026-11-25T07:45:00Z', state: 'dispensed',
    commandId: 'c', detail: null, confirmedBy: null, confirmedAt: null, photoId: 'ph',
  };

  it('shows the photo taken after the last dose, small, and large on a click with the dose\u2019s time and state', () => {
    render(<PetCard pet={{ id: 'p', name: 'Willow', species: 'dog' }} next={undefined} last={given} adherence={undefined}
      lastPhotoUrl="/api/v1/households/h/photos/ph" zone={zone} now={now} />);

    const thumbnail = screen.getByRole('button', { name: "Enlarge the photo after Willow's clomipramine, today 08:00" });
    expect(thumbnail.querySelector('img')).toHaveAttribute('src', '/api/v1/households/h/photos/ph');
    thumbnail.focus(); // as a real click or a key press leaves it
    fireEvent.click(thumbnail);

    const dialog = screen.getByRole('dialog', { name: 'Willow after clomipramine' });
    expect(within(dialog).getByRole('img')).toHaveAttribute('src', '/api/v1/households/h/photos/ph');
    expect(dialog).toHaveTextContent('Given · 1 tablet clomipramine, due today 08:00');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(thumbnail).toHaveFocus();
  });

  it('shows no photo when the camera took none', () => {
    render(<PetCard pet={{ id: 'p', name: 'Willow', species: 'dog' }} next={undefined} last={{ ...given, photoId: null }} adherence={undefined}
      lastPhotoUrl={null} zone={zone} now={now} />);
    expect(screen.queryByRole('button', { name: /Enlarge/ })).toBeNull();
    expect(screen.getByText('given')).toBeInTheDocument();
  });
});

describe('Dialog', () => {
  it('keeps Tab inside itself, both ways, and gives the focus back on Escape', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    let open = true;
    const { rerender } = render(
      <Dialog labelledBy="t" onClose={() => (open = false)}>
        <h2 id="t">Sure?</h2>
        <button type="button">One</button>
        <button type="button">Two</button>
      </Dialog>,
    );
    const [one, two] = within(screen.getByRole('dialog', { name: 'Sure?' })).getAllByRole('button');

    two.focus();
    fireEvent.keyDown(document, { key: 'Tab' });
    expect(one).toHaveFocus();
    fireEvent.keyDown(document, { key: 'Tab', shiftKey: true });
    expect(two).toHaveFocus();

    fireEvent.keyDown(document, { key: 'Escape' });
    expect(open).toBe(false);
    rerender(<></>);
    expect(opener).toHaveFocus();
    opener.remove();
  });
});
