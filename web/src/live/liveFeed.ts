import { HubConnectionBuilder, HubConnectionState, LogLevel, type HubConnection } from '@microsoft/signalr';
import type { Command, Photo, ReadingsAdded } from '../api/types';

export interface LiveHandlers {
  commandChanged(command: Command): void;
  devicesChanged(): void;
  dosesChanged(): void;
  /** An alert was opened, acknowledged, resolved or escalated: read the alerts again. */
  alertsChanged(): void;
  /** New sensor readings, the values themselves (charts append them). */
  readingsAdded(readings: ReadingsAdded): void;
  /** A camera's photo arrived: after a dose, or a snapshot a person asked for. */
  photoAdded(photo: Photo): void;
  /** The feed is (re)connected: anything sent while it was away was missed, so read the state again. */
  resynced(): void;
  connectionChanged(online: boolean): void;
}

/**
 * The hub's /hubs/live feed for one household. Reconnects by itself, forever, with a growing pause; once it
 * watches the household (at the start and after every reconnect) it asks the page to read the state afresh.
 */
export function watchHousehold(household: string, handlers: LiveHandlers): () => void {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => Math.min(1000 * 2 ** retry.previousRetryCount, 15000) })
    .configureLogging(LogLevel.Warning)
    .build();

  connection.on('CommandChanged', (command: Command) => handlers.commandChanged(command));
  connection.on('DevicesChanged', () => handlers.devicesChanged());
  connection.on('DosesChanged', () => handlers.dosesChanged());
  connection.on('AlertsChanged', () => handlers.alertsChanged());
  connection.on('ReadingsAdded', (readings: ReadingsAdded) => handlers.readingsAdded(readings));
  connection.on('PhotoAdded', (photo: Photo) => handlers.photoAdded(photo));
  connection.onreconnecting(() => handlers.connectionChanged(false));
  connection.onreconnected(async () => {
    await connection.invoke('Watch', household);
    handlers.connectionChanged(true);
    handlers.resynced();
  });

  let stopped = false;
  const start = async (attempt: number): Promise<void> => {
    try {
      await connection.start();
      await connection.invoke('Watch', household);
      handlers.connectionChanged(true);
      // What happened between the page's first reads and this Watch reached nobody: read afresh once, as after a reconnect.
      handlers.resynced();
    } catch {
      handlers.connectionChanged(false);
      if (!stopped) setTimeout(() => void start(attempt + 1), Math.min(1000 * 2 ** attempt, 15000));
    }
  };
  void start(0);

  return () => {
    stopped = true;
    if (connection.state !== HubConnectionState.Disconnected) void connection.stop();
  };
}

/** Keeps the newest view of each command: a late message never moves a command back. */
export function mergeCommand(list: Command[], update: Command, keep = 10): Command[] {
  const existing = list.find((c) => c.id === update.id);
  if (existing && existing.events.length > update.events.length) return list;
  const others = list.filter((c) => c.id !== update.id);
  return [update, ...others].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, keep);
}
