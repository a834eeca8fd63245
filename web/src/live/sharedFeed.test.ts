import type { LiveHandlers } from './liveFeed';

// A stand-in for @microsoft/signalr's client: records each connection built, its handlers and its calls.
const built: FakeConnection[] = [];

class FakeConnection {
  state = 'Disconnected';
  handlers = new Map<string, (...args: unknown[]) => void>();
  invoked: unknown[][] = [];
  stops = 0;
  on(name: string, handler: (...args: unknown[]) => void) {
    this.handlers.set(name, handler);
  }
  onreconnecting() {}
  onreconnected() {}
  async start() {
    this.state = 'Connected';
  }
  async invoke(...args: unknown[]) {
    this.invoked.push(args);
  }
  async stop() {
    this.stops++;
    this.state = 'Disconnected';
  }
  send(name: string, ...args: unknown[]) {
    this.handlers.get(name)?.(...args);
  }
}

vi.mock('@microsoft/signalr', () => ({
  HubConnectionState: { Disconnected: 'Disconnected' },
  LogLevel: { Warning: 3 },
  HubConnectionBuilder: class {
    withUrl() {
      return this;
    }
    withAutomaticReconnect() {
      return this;
    }
    configureLogging() {
      return this;
    }
    build() {
      const connection = new FakeConnection();
      built.push(connection);
      return connection;
    }
  },
}));

const { watchHousehold } = await import('./liveFeed');

function watcher() {
  const heard: string[] = [];
  const handlers: LiveHandlers = {
    commandChanged: () => heard.push('command'),
    devicesChanged: () => heard.push('devices'),
    dosesChanged: () => heard.push('doses'),
    alertsChanged: () => heard.push('alerts'),
    readingsAdded: () => heard.push('readings'),
    photoAdded: () => heard.push('photo'),
    resynced: () => heard.push('resynced'),
    connectionChanged: (online) => heard.push(online ? 'online' : 'offline'),
  };
  return { heard, handlers };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchHousehold', () => {
  beforeEach(() => {
    built.length = 0;
  });

  it('shares one connection between the page and the nav, and tells both of everything', async () => {
    const page = watcher();
    const nav = watcher();
    const stopPage = watchHousehold('home', page.handlers);
    const stopNav = watchHousehold('home', nav.handlers);
    await settle();

    expect(built).toHaveLength(1);
    expect(built[0].invoked).toEqual([['Watch', 'home']]);
    built[0].send('AlertsChanged');
    expect(page.heard).toEqual(['online', 'resynced', 'alerts']);
    expect(nav.heard).toEqual(['online', 'resynced', 'alerts']);

    stopPage();
    expect(built[0].stops).toBe(0);
    stopNav();
    expect(built[0].stops).toBe(1);
  });

  it('tells a watcher that joins a connected feed at once, and reads afresh', async () => {
    const stopFirst = watchHousehold('home', watcher().handlers);
    await settle();

    const late = watcher();
    const stopLate = watchHousehold('home', late.handlers);
    expect(late.heard).toEqual(['online', 'resynced']);
    expect(built).toHaveLength(1);
    stopFirst();
    stopLate();
  });

  it('opens a connection per household, and a new one after the last watcher left', async () => {
    const stopHome = watchHousehold('home', watcher().handlers);
    const stopCabin = watchHousehold('cabin', watcher().handlers);
    await settle();
    expect(built.map((c) => c.invoked[0])).toEqual([['Watch', 'home'], ['Watch', 'cabin']]);
    stopHome();
    stopCabin();

    const stopAgain = watchHousehold('home', watcher().handlers);
    await settle();
    expect(built).toHaveLength(3);
    stopAgain();
  });
});
