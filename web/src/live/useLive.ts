import { useEffect, useRef, useState } from 'react';
import type { Command, Photo, Reading } from '../api/types';
import { watchHousehold } from './liveFeed';

export interface LiveReloads {
  devices?(): void;
  doses?(): void;
  alerts?(): void;
  command?(command: Command): void;
  readings?(readings: Reading[]): void;
  photo?(photo: Photo): void;
  /** After a reconnect: whatever was sent meanwhile was missed. */
  all(): void;
}

/** Keeps a page current from /hubs/live; says whether the feed is connected. */
export function useLive(household: string, reloads: LiveReloads): boolean {
  const [live, setLive] = useState(false);
  const latest = useRef(reloads);
  latest.current = reloads;
  useEffect(
    () =>
      watchHousehold(household, {
        commandChanged: (c) => latest.current.command?.(c),
        devicesChanged: () => latest.current.devices?.(),
        dosesChanged: () => latest.current.doses?.(),
        alertsChanged: () => latest.current.alerts?.(),
        readingsAdded: (added) => latest.current.readings?.(added.readings),
        photoAdded: (photo) => latest.current.photo?.(photo),
        resynced: () => latest.current.all(),
        connectionChanged: setLive,
      }),
    [household],
  );
  return live;
}
