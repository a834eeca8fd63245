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

interface Feed {
  connection: HubConnection;
  watchers: Set<LiveHandlers>;
  online: boolean;
}

/** One connection per household for the whole page: the nav's alert count and the page itself share it. */
const feeds = new Map<string, Feed>();

/**
 * The hub's /hubs/live feed for one household. Reconnects by itself, forever, with a growing pause; once it
 * watches the household (at the start and after every reconnect) it asks every watcher to read the state afresh.
 * Watchers of the same household share one connection; a watcher that joins a feed already watching is told at once.
 */
export function watchHousehold(household: string, handlers: LiveHandlers): () => void {
  let feed = feeds.get(household);
  if (!feed) {
    feed = openFeed(household);
    feeds.set(household, feed);
  } else if (feed.online) {
    // Whatever happened before it joined reached the others only: it reads afresh, as after a reconnect.
    handlers.connectionChanged(true);
    handlers.resynced();
  }

  const joined = feed;
  joined.watchers.add(handlers);
  return () => {
    joined.watchers.delete(handlers);
    if (joined.watchers.size === 0 && feeds.get(household) === joined) {
      feeds.delete(household);
      if (joined.connection.state !== HubConnectionState.Disconnected) void joined.connection.stop();
    }
  };
}

function openFeed(household: string): Feed {
  const connection: HubConnection = new HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (retry) => Math.min(1000 * 2 ** retry.previousRetryCount, 15000) })
    .configureLogging(LogLevel.Warning)
    .build();
  const feed: Feed = { connection, watchers: new Set(), online: false };
  const each = (tell: (handlers: LiveHandlers) => void) => [...feed.watchers].forEach(tell);
  const online = (yes: boolean) => {
    feed.online = yes;
    each((h) => h.connectionChanged(yes));
  };

  connection.on('CommandChanged', (command: Command) => each((h) => h.commandChanged(command)));
  connection.on('DevicesChanged', () => each((h) => h.devicesChanged()));
  connection.on('DosesChanged', () => each((h) => h.dosesChanged()));
  connection.on('AlertsChanged', () => each((h) => h.alertsChanged()));
  connection.on('ReadingsAdded', (readings: ReadingsAdded) => each((h) => h.readingsAdded(readings)));
  connection.on('PhotoAdded', (photo: Photo) => each((h) => h.photoAdded(photo)));
  connection.onreconnecting(() => online(false));
  connection.onreconnected(async () => {
    await connection.invoke('Watch', household);
    online(true);
    each((h) => h.resynced());
  });

  const start = async (attempt: number): Promise<void> => {
    try {
      await connection.start();
      await connection.invoke('Watch', household);
      online(true);
      // What happened between the page's first reads and this Watch reached nobody: read afresh once, as after a reconnect.
      each((h) => h.resynced());
    } catch {
      online(false);
      if (feeds.get(household) === feed) setTimeout(() => void start(attempt + 1), Math.min(1000 * 2 ** attempt, 15000));
    }
  };
  void start(0);
  return feed;
}

/** Keeps the newest view of each command: a late message never moves a command back. */
export function mergeCommand(list: Command[], update: Command, keep = 10): Command[] {
  const existing = list.find((c) => c.id === update.id);
  if (existing && existing.events.length > update.events.length) return list;
  const others = list.filter((c) => c.id !== update.id);
  return [update, ...others].sort((a, b) => b.issuedAt.localeCompare(a.issuedAt)).slice(0, keep);
}
