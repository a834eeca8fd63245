import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Command, Device, Reading } from '../api/types';
import { ReadingChart } from './ReadingChart';
import { SensorPanel, type SensorPanelProps } from './SensorPanel';

const zone = 'Europe/Berlin';
const now = new Date('2026-11-25T10:00:00Z');
const board: Device = {
  id: 'station', name: 'Feeding station', capabilities: ['sensors'], link: 'gateway', gatewayId: 'home', online: true,
  lastSeenAt: null, version: null, capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil: null,
};
const units = { temperature: '°C', humidity: '%', bowl_weight: 'g', motion: '' } as const;
const reading = (metric: Reading['metric'], value: number, minutesAgo: number): Reading => ({
  deviceId: 'station', metric, value, unit: units[metric], at: new Date(now.getTime() - minutesAgo * 60_000).toISOString(),
});
/** A day of a bowl emptying and a room warming, every 10 minutes. */
const day: Reading[] = Array.from({ length: 144 }, (_, i) => i).flatMap((i) => [
  reading('bowl_weight', Math.max(0, 300 - i * 3), (143 - i) * 10),
  reading('temperature', 19 + i / 48, (143 - i) * 10),
]);
const tare = (states: Command['state'][]): Command => ({
  id: 't', householdId: 'h', deviceId: 'station', kind: 'tare', args: {}, issuedBy: 'jo', issuedAt: now.toISOString(), expiresAt: now.toISOString(),
  doseId: null, state: states[states.length - 1], updatedAt: now.toISOString(),
  events: states.map((state) => ({ state, at: now.toISOString(), source: 'agent', detail: state === 'refused' ? 'This board has no scale.' : null })),
});

function panel(props: Partial<SensorPanelProps> = {}) {
  const all: SensorPanelProps = {
    device: board, readings: day, latest: [day[day.length - 2], day[day.length - 1]], commands: {}, canAct: true, zone, now,
    onIssue: async () => tare(['queued']), ...props,
  };
  return { props: all, ...render(<SensorPanel {...all} />) };
}

describe('SensorPanel', () => {
  it('shows each value now, with its unit and how old it is', () => {
    panel({ latest: [reading('temperature', 21.04, 2), reading('bowl_weight', 12.4, 0.05), reading('motion', 0, 7)] });
    const values = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(values).toEqual(['Bowl12 gjust now', 'Temperature21.0 °C2 min ago', 'MotionStillsince 10:53']);
  });

  it('draws a chart per metric, each with the same in words and as a table', () => {
    panel();
    const bowl = screen.getByRole('figure', { name: /Bowl/ });
    expect(within(bowl).getByRole('img')).toHaveAccessibleName(
      'Lowest 0 g at 03:50, highest 300 g at 11:10; 144 readings since yesterday 11:10.',
    );
    const rows = within(bowl).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[1]).toHaveTextContent(/^11:10\d/);
    expect(screen.getByRole('figure', { name: /Temperature/ })).toHaveTextContent('°C');
    expect(screen.queryByRole('figure', { name: /Humidity/ })).toBeNull();
  });

  it('zeroes the scale only after the person confirms the bowl is empty', async () => {
    const issued: string[] = [];
    const { props, rerender } = panel({ onIssue: async (kind) => (issued.push(kind), tare(['queued'])) });

    fireEvent.click(screen.getByRole('button', { name: 'Zero the scale…' }));
    fireEvent.click(within(screen.getByRole('dialog', { name: "Zero the bowl's scale?" })).getByRole('button', { name: 'Cancel' }));
    expect(issued).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Zero the scale…' }));
    expect(screen.getByRole('dialog')).toHaveTextContent('empty bowl');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Zero it' })));
    expect(issued).toEqual(['tare']);
    expect(screen.getByRole('status')).toHaveTextContent('Zeroing the scale…');

    rerender(<SensorPanel {...props} commands={{ t: tare(['queued', 'refused']) }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Not zeroed: This board has no scale.');
  });

  it('offers a viewer the readings but not the scale', () => {
    panel({ canAct: false });
    expect(screen.getAllByRole('figure')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Zero the scale…' })).toBeNull();
  });
});

describe('ReadingChart', () => {
  it('marks each time motion was seen, and says how often in words', () => {
    const motion = [reading('motion', 1, 300), reading('motion', 0, 299), reading('motion', 1, 60), reading('motion', 0, 59.5), reading('motion', 1, 1)];
    const { container } = render(
      <ReadingChart metric="motion" readings={motion} from={now.getTime() - 86_400_000} to={now.getTime()} zone={zone} now={now} />,
    );
    expect(container.querySelectorAll('rect.chart-mark')).toHaveLength(3);
    expect(screen.getByRole('img')).toHaveAccessibleName('Motion seen 3 times since yesterday 11:00; moving now, since 10:59.');
    expect(screen.getAllByRole('row').slice(1).map((r) => r.textContent)).toEqual(['10:59still moving', '10:0030 s', '06:001 min 00 s']);
  });

  it('labels the time axis on the household\u2019s clock, with the day at midnight', () => {
    const { container } = render(
      <ReadingChart metric="bowl_weight" readings={day.filter((r) => r.metric === 'bowl_weight')} from={now.getTime() - 86_400_000} to={now.getTime()} zone={zone} now={now} />,
    );
    const labels = [...container.querySelectorAll('.chart-axis text')].map((t) => t.textContent);
    expect(labels).toEqual(['12:00', '18:00', 'Wed', '06:00']);
  });
});
