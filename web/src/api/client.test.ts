import { ApiError, WillowApi } from './client';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fake fetch that answers from a table and records what was asked. */
function hub(routes: Record<string, (init: RequestInit) => Response>) {
  const calls: Call[] = [];
  const fetcher = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    const key = `${init.method ?? 'GET'} ${url.split('?')[0]}`;
    const route = routes[key];
    if (!route) return json(404, { title: 'Not found' }, 'application/problem+json');
    return route(init);
  };
  return { calls, api: new WillowApi(fetcher as typeof fetch) };
}

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const household = '01a2113d-633e-7d30-ab5d-7946ec82ed6e';

describe('WillowApi', () => {
  it('signs in without an antiforgery token, then sends one with every write', async () => {
    const { calls, api } = hub({
      'POST /api/v1/account/login': () => json(200, { id: 'u', email: 'jo@example.org', displayName: 'Jo', households: [] }),
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'xsrf-123', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/devices/treat-dispenser/commands`]: () => json(202, { id: 'c', state: 'queued', events: [] }),
    });

    const account = await api.signIn('jo@example.org', 'secret secret');
    await api.issue(household, 'treat-dispenser', 'dispense', { portions: 1 });
    await api.issue(household, 'treat-dispenser', 'dispense', { portions: 1 });

    expect(account.email).toBe('jo@example.org');
    const login = calls[0];
    expect((login.init.headers as Record<string, string>)['X-XSRF-TOKEN']).toBeUndefined();
    expect(JSON.parse(login.init.body as string)).toEqual({ email: 'jo@example.org', password: 'secret secret' });
    const writes = calls.filter((c) => c.url.endsWith('/commands'));
    expect(writes).toHaveLength(2);
    for (const write of writes) {
      expect((write.init.headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('xsrf-123');
      expect(JSON.parse(write.init.body as string)).toEqual({ kind: 'dispense', args: { portions: 1 } });
    }
    // The token is asked for once, not before every write.
    expect(calls.filter((c) => c.url.endsWith('/antiforgery'))).toHaveLength(1);
  });

  it('turns a problem document into an ApiError with its title and detail', async () => {
    const { api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 't', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/devices/gone/commands`]: () =>
        json(404, { title: 'Device not found', detail: "This household has no device 'gone'." }, 'application/problem+json'),
    });

    const error = await api.issue(household, 'gone', 'dispense').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect((error as ApiError).title).toBe('Device not found');
    expect((error as ApiError).message).toBe("Device not found: This household has no device 'gone'.");
  });

  it('says nobody is signed in when the session has ended', async () => {
    const { api } = hub({ 'GET /api/v1/account': () => json(401, { title: 'Sign in first' }, 'application/problem+json') });
    expect(await api.account()).toBeNull();
  });

  it('asks for doses in a span with ISO times', async () => {
    const { calls, api } = hub({ [`GET /api/v1/households/${household}/doses`]: () => json(200, []) });
    await api.doses(household, new Date('2026-11-18T10:00:00Z'), new Date('2026-11-27T10:00:00Z'));
    expect(calls[0].url).toBe(`/api/v1/households/${household}/doses?from=2026-11-18T10%3A00%3A00.000Z&to=2026-11-27T10%3A00%3A00.000Z`);
  });

  it('survives an answer that is not JSON', async () => {
    const { api } = hub({ 'GET /api/v1/account': () => new Response('Bad gateway', { status: 502, statusText: 'Bad Gateway' }) });
    const error = await api.account().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
  });

  it('signs up without an antiforgery token and turns the hub\u2019s closed sign-up into a readable error', async () => {
    const { calls, api } = hub({
      'POST /api/v1/account/signup': () => json(403, { title: 'Sign-up is closed on this hub', detail: 'Ask an owner of a household for an invitation.' }, 'application/problem+json'),
    });

    const error = await api.signUp('sam@example.org', 'a long password', 'Sam').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('Sign-up is closed on this hub: Ask an owner of a household for an invitation.');
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/account/signup']);
  });

  it('sends a regimen preview with the household in the path and the terms as the body', async () => {
    const { calls, api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'xsrf-1', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/regimens/preview`]: () => json(200, { timeZone: 'Europe/Berlin', doses: [] }),
    });

    await api.previewRegimen(household, { medication: 'm', amount: '1', schedule: { kind: 'every', every: '08:00:00' }, startsAt: '2026-12-01T07:00', deviceId: 'pills' });

    const post = calls.find((c) => c.url.endsWith('/preview'))!;
    expect(JSON.parse(String(post.init.body))).toMatchObject({ schedule: { kind: 'every', every: '08:00:00' } });
    expect((post.init.headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('xsrf-1');
  });

  it('sends a lockout override with its reason beside the command, and nothing extra without one', async () => {
    const { calls, api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'x', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/devices/pills/commands`]: () => json(202, { id: 'c', state: 'queued', events: [] }),
    });

    await api.issue(household, 'pills', 'dispense', { portions: 1 }, { reason: 'She dropped the first one' });
    await api.issue(household, 'pills', 'dispense', { portions: 1 });

    const [overridden, plain] = calls.filter((c) => c.url.endsWith('/commands')).map((c) => JSON.parse(String(c.init.body)));
    expect(overridden).toEqual({ kind: 'dispense', args: { portions: 1 }, lockoutOverride: { reason: 'She dropped the first one' } });
    expect(plain).toEqual({ kind: 'dispense', args: { portions: 1 } });
  });

  it('asks for one device\u2019s readings of one metric since an instant', async () => {
    const { calls, api } = hub({ [`GET /api/v1/households/${household}/readings`]: () => json(200, []) });
    await api.readings(household, { device: 'feeding station', metric: 'bowl_weight', from: new Date('2026-11-24T10:00:00Z'), limit: 10000 });
    expect(calls[0].url).toBe(`/api/v1/households/${household}/readings?device=feeding+station&metric=bowl_weight&from=2026-11-24T10%3A00%3A00.000Z&limit=10000`);
  });

  it('uploads a sound as its own bytes and type, with the antiforgery token, and returns the speaker\u2019s library', async () => {
    const { calls, api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'xsrf-9', headerName: 'X-XSRF-TOKEN' }),
      [`PUT /api/v1/households/${household}/devices/speaker/sounds/dinner-bell`]: () => json(200, ['call', 'chime', 'dinner-bell', 'whistle']),
    });
    const wav = new Blob([new Uint8Array([82, 73, 70, 70])], { type: 'audio/wav' });

    const sounds = await api.uploadSound(household, 'speaker', 'dinner-bell', wav, 'audio/wav');

    expect(sounds).toContain('dinner-bell');
    const put = calls.find((c) => c.init.method === 'PUT')!;
    expect(put.init.body).toBe(wav);
    expect(put.init.headers).toMatchObject({ 'Content-Type': 'audio/wav', 'X-XSRF-TOKEN': 'xsrf-9' });
  });

  it('turns a live view the hub refuses into an ApiError with its reason', async () => {
    const { api } = hub({
      [`GET /api/v1/households/${household}/devices/station/camera/live`]: () =>
        json(503, { title: 'The home is offline', detail: "The gateway 'home' is not connected." }, 'application/problem+json'),
    });

    const error = await api.watchCamera(household, 'station', new AbortController().signal).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).detail).toBe("The gateway 'home' is not connected.");
  });

  it('asks for alerts of one state, and acknowledges one with the antiforgery token', async () => {
    const alert = { id: 'a1', state: 'acknowledged', acknowledgedBy: 'Sam' };
    const { calls, api } = hub({
      [`GET /api/v1/households/${household}/alerts`]: () => json(200, []),
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'xsrf-a', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/alerts/a1/acknowledge`]: () => json(200, alert),
    });

    await api.alerts(household, { state: 'resolved', limit: 20 });
    const acknowledged = await api.acknowledgeAlert(household, 'a1');

    expect(calls[0].url).toBe(`/api/v1/households/${household}/alerts?state=resolved&limit=20`);
    expect(acknowledged.acknowledgedBy).toBe('Sam');
    const post = calls.find((c) => c.url.endsWith('/acknowledge'))!;
    expect(post.init.method).toBe('POST');
    expect((post.init.headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('xsrf-a');
  });

  it('adds, changes, tests and deletes the caller’s own channels under members/me', async () => {
    const mine = `/api/v1/households/${household}/members/me/channels`;
    const { calls, api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'x', headerName: 'X-XSRF-TOKEN' }),
      [`POST ${mine}`]: () => json(201, { id: 'c1', kind: 'webhook', name: 'Phone', url: 'https://hooks.example.org/w', email: null, enabled: true, secret: 'whsec_abc' }),
      [`PUT ${mine}/c1`]: (init) => json(200, { id: 'c1', kind: 'webhook', ...JSON.parse(String(init.body)) }),
      [`POST ${mine}/c1/test`]: () => json(200, { channelId: 'c1', sent: false, error: 'HTTP 500 from hooks.example.org', deliveryId: 'd' }),
      [`DELETE ${mine}/c1`]: () => new Response(null, { status: 204 }),
    });

    const created = await api.addChannel(household, { kind: 'webhook', name: 'Phone', url: 'https://hooks.example.org/w' });
    const changed = await api.changeChannel(household, 'c1', { kind: 'webhook', name: 'Phone', url: 'https://hooks.example.org/w', enabled: false });
    const tested = await api.testChannel(household, 'c1');
    await api.deleteChannel(household, 'c1');

    expect(created.secret).toBe('whsec_abc');
    expect(changed.enabled).toBe(false);
    expect(tested).toMatchObject({ sent: false, error: 'HTTP 500 from hooks.example.org' });
    expect(calls.filter((c) => c.url.startsWith(mine)).map((c) => `${c.init.method} ${c.url.slice(mine.length)}`)).toEqual(['POST ', 'PUT /c1', 'POST /c1/test', 'DELETE /c1']);
  });

  it('sends quiet hours as from/to, null to clear them, and the escalation delay as a duration', async () => {
    const { calls, api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'x', headerName: 'X-XSRF-TOKEN' }),
      [`PUT /api/v1/households/${household}/members/me/alert-settings`]: (init) => json(200, JSON.parse(String(init.body))),
      [`PUT /api/v1/households/${household}/alert-settings`]: (init) => json(200, JSON.parse(String(init.body))),
    });

    await api.changeMyAlertSettings(household, { from: '22:00', to: '07:00' });
    await api.changeMyAlertSettings(household, null);
    await api.changeHouseholdAlertSettings(household, '00:20:00');

    const bodies = calls.filter((c) => c.init.method === 'PUT').map((c) => JSON.parse(String(c.init.body)));
    expect(bodies).toEqual([{ quietHours: { from: '22:00', to: '07:00' } }, { quietHours: null }, { escalateAfter: '00:20:00' }]);
  });

  it('puts the hub’s field errors for a channel on the ApiError', async () => {
    const { api } = hub({
      'GET /api/v1/account/antiforgery': () => json(200, { token: 'x', headerName: 'X-XSRF-TOKEN' }),
      [`POST /api/v1/households/${household}/members/me/channels`]: () =>
        json(400, { title: 'One or more validation errors occurred.', errors: { url: ['url must be an absolute http:// or https:// address.'] } }, 'application/problem+json'),
    });

    const error = await api.addChannel(household, { kind: 'ntfy', url: 'ntfy.sh/willow' }).catch((e: unknown) => e);

    expect((error as ApiError).errors.url).toEqual(['url must be an absolute http:// or https:// address.']);
  });
});
