import { act, render, screen, within } from '@testing-library/react';
import type { WillowApi } from '../api/client';
import type { Device, Household, Photo, Reading } from '../api/types';
import type { LiveHandlers } from '../live/liveFeed';
import { Devices } from './Devices';

// The live feed as the hub would drive it: the test holds the page's handlers and sends what /hubs/live sends.
let live: LiveHandlers | null = null;
vi.mock('../live/liveFeed', () => ({
  watchHousehold: (_household: string, handlers: LiveHandlers) => {
    live = handlers;
    return () => undefined;
  },
}));

const household: Household = { id: 'h', name: 'Home', timeZone: 'Europe/Berlin', role: 'viewer', membershipEndsAt: null };
const station: Device = {
  id: 'station', name: 'Feeding station', capabilities: ['camera', 'sensors'], link: 'gateway', gatewayId: 'home', online: true,
  lastSeenAt: null, version: null, capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil: null,
};
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const bowl = (value: number, at: string): Reading => ({ deviceId: 'station', metric: 'bowl_weight', value, unit: 'g', at });
const photo = (id: string, takenAt: string): Photo => ({ id, deviceId: 'station', doseId: null, takenAt, width: 640, height: 480, bytes: 1, url: `/p/${id}` });

describe('Devices', () => {
  it('adds readings and photos as the live feed brings them, without asking the hub again', async () => {
    const asked: string[] = [];
    const api = {
      devices: async () => [station],
      photos: async () => (asked.push('photos'), [photo('old', minutesAgo(60))]),
      readings: async (_h: string, q: { metric?: string }) => (asked.push(`readings ${q.metric}`), q.metric === 'bowl_weight' ? [bowl(300, minutesAgo(30)), bowl(280, minutesAgo(20))] : []),
      latestReadings: async () => [bowl(280, minutesAgo(20))],
    } as unknown as WillowApi;

    const { container } = render(<Devices api={api} household={household} />);
    const chart = await screen.findByRole('figure', { name: 'Bowl' });
    expect(chart).toHaveTextContent('; 2 readings since');
    const askedBefore = asked.length;

    await act(async () => live!.readingsAdded({ householdId: 'h', readings: [bowl(250, minutesAgo(0.1)), { ...bowl(0, minutesAgo(0.1)), deviceId: 'elsewhere' }] }));
    expect(within(chart).getByRole('img')).toHaveAccessibleName(/^Lowest 250 g .*; 3 readings since/);
    expect(container.querySelector(".sensor-value[data-metric='bowl_weight']")).toHaveTextContent(/^Bowl250 g/);

    await act(async () => live!.photoAdded(photo('new', minutesAgo(0))));
    expect(screen.getByRole('button', { name: /Enlarge the latest photo/ }).querySelector('img')).toHaveAttribute('src', '/p/new');
    expect(asked.length).toBe(askedBefore);
  });
});
