import type {
  AccessToken, Account, Adherence, Alert, AlertState, AuditEntry, Channel, ChannelRequest, ChannelTestResult, HouseholdAlertSettings, MemberAlertSettings, QuietHours, Command, Device, Dose, Gateway, GatewayCode, Household, Invitation, Member, Metric,
  NewAccessToken, NewInvitation, Pet, Photo, Reading, Regimen, RegimenPreview, RegimenRequest, Role,
} from './types';

/** A refusal from the hub, from its RFC 9457 problem document: what went wrong and what to do. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]> = {},
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }
}

/** What to tell a person about a failed call: the hub's field errors, else its detail, else its title. */
export function problemText(error: unknown, offline = 'The hub cannot be reached.'): string {
  if (!(error instanceof ApiError)) return offline;
  return Object.values(error.errors).flat().join(' ') || error.detail || error.title;
}

type Fetch = typeof fetch;

/**
 * The hub's REST API for the dashboard. The session cookie travels by itself; writes also carry the
 * antiforgery token, which the hub asks of every write a cookie authorises.
 */
export class WillowApi {
  private antiforgery: { header: string; token: string } | null = null;

  constructor(private readonly fetcher: Fetch = (...args) => fetch(...args)) {}

  async signIn(email: string, password: string): Promise<Account> {
    this.antiforgery = null;
    return this.send<Account>('POST', '/api/v1/account/login', { email, password });
  }

  /** Creates an account and signs it in (the hub answers 403 when its operator turned sign-up off). */
  async signUp(email: string, password: string, displayName: string): Promise<Account> {
    this.antiforgery = null;
    return this.send<Account>('POST', '/api/v1/account/signup', { email, password, displayName });
  }

  async signOut(): Promise<void> {
    await this.send<void>('POST', '/api/v1/account/logout');
    this.antiforgery = null;
  }

  /** Who is signed in, or null when nobody is (the session ended or never began). */
  async account(): Promise<Account | null> {
    try {
      return await this.send<Account>('GET', '/api/v1/account');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    }
  }

  household(household: string) {
    return this.send<Household>('GET', base(household));
  }

  devices(household: string) {
    return this.send<Device[]>('GET', `${base(household)}/devices`);
  }

  pets(household: string) {
    return this.send<Pet[]>('GET', `${base(household)}/pets`);
  }

  adherence(household: string, pet: string, from: Date, to?: Date) {
    const query = new URLSearchParams({ from: from.toISOString() });
    if (to) query.set('to', to.toISOString());
    return this.send<Adherence>('GET', `${base(household)}/pets/${pet}/adherence?${query}`);
  }

  doses(household: string, from: Date, to: Date) {
    const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
    return this.send<Dose[]>('GET', `${base(household)}/doses?${query}`);
  }

  commands(household: string, limit = 10) {
    return this.send<Command[]>('GET', `${base(household)}/commands?limit=${limit}`);
  }

  /** Sends a command; with lockoutOverride (owners only) a dispense goes ahead inside the lockout, and the reason is audited. */
  issue(household: string, device: string, kind: string, args: Record<string, unknown> = {}, lockoutOverride?: { reason: string }) {
    const body = lockoutOverride ? { kind, args, lockoutOverride } : { kind, args };
    return this.send<Command>('POST', `${deviceBase(household, device)}/commands`, body);
  }

  /** Readings in time order; the hub's default span is the last 24 hours, and it keeps the latest 'limit' when there are more. */
  readings(household: string, query: { device?: string; metric?: Metric; from?: Date; to?: Date; limit?: number } = {}) {
    const search = new URLSearchParams();
    if (query.device) search.set('device', query.device);
    if (query.metric) search.set('metric', query.metric);
    if (query.from) search.set('from', query.from.toISOString());
    if (query.to) search.set('to', query.to.toISOString());
    if (query.limit) search.set('limit', String(query.limit));
    const text = search.toString();
    return this.send<Reading[]>('GET', `${base(household)}/readings${text ? `?${text}` : ''}`);
  }

  /** The newest reading of every device and metric, however old. */
  latestReadings(household: string) {
    return this.send<Reading[]>('GET', `${base(household)}/readings/latest`);
  }

  /** Photos newest first. */
  photos(household: string, query: { device?: string; before?: string; limit?: number } = {}) {
    const search = new URLSearchParams();
    if (query.device) search.set('device', query.device);
    if (query.before) search.set('before', query.before);
    if (query.limit) search.set('limit', String(query.limit));
    const text = search.toString();
    return this.send<Photo[]>('GET', `${base(household)}/photos${text ? `?${text}` : ''}`);
  }

  /** Where a photo's JPEG is (an img's src: the session cookie goes with it). */
  photoUrl(household: string, photo: string) {
    return `${base(household)}/photos/${photo}`;
  }

  /**
   * Opens a camera's live view: the hub relays MJPEG from the home for a few minutes. Read as a stream rather
   * than by an img's src, so that a refusal arrives with the hub's reason and the end of the stream is seen.
   */
  async watchCamera(household: string, device: string, signal: AbortSignal): Promise<Response> {
    const response = await this.fetcher(`${deviceBase(household, device)}/camera/live`, {
      credentials: 'same-origin',
      headers: { Accept: 'multipart/x-mixed-replace, application/problem+json' },
      cache: 'no-store',
      signal,
    });
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  /** Adds or replaces a sound on a speaker (owners; WAV or OGG, at most 2 MB); answers the speaker's library. */
  uploadSound(household: string, device: string, name: string, sound: Blob, type: 'audio/wav' | 'audio/ogg') {
    return this.send<string[]>('PUT', `${deviceBase(household, device)}/sounds/${encodeURIComponent(name)}`, undefined, { content: sound, type });
  }

  deleteSound(household: string, device: string, name: string) {
    return this.send<string[]>('DELETE', `${deviceBase(household, device)}/sounds/${encodeURIComponent(name)}`);
  }

  confirmDose(household: string, dose: string) {
    return this.send<Dose>('POST', `${base(household)}/doses/${dose}/confirm`, {});
  }

  skipDose(household: string, dose: string, reason: string) {
    return this.send<Dose>('POST', `${base(household)}/doses/${dose}/skip`, { reason });
  }

  refill(household: string, device: string, remaining: number, capacity?: number) {
    return this.send<Device>('POST', `${deviceBase(household, device)}/refill`, { remaining, capacity });
  }

  createHousehold(name: string, timeZone: string) {
    return this.send<Household>('POST', '/api/v1/households', { name, timeZone });
  }

  createPet(household: string, name: string, species: string | null) {
    return this.send<Pet>('POST', `${base(household)}/pets`, { name, species });
  }

  regimens(household: string) {
    return this.send<Regimen[]>('GET', `${base(household)}/regimens`);
  }

  previewRegimen(household: string, request: RegimenRequest) {
    return this.send<RegimenPreview>('POST', `${base(household)}/regimens/preview`, request);
  }

  createRegimen(household: string, request: RegimenRequest) {
    return this.send<Regimen>('POST', `${base(household)}/regimens`, request);
  }

  changeRegimen(household: string, regimen: string, request: RegimenRequest) {
    return this.send<Regimen>('PUT', `${base(household)}/regimens/${regimen}`, request);
  }

  setRegimenPaused(household: string, regimen: string, paused: boolean) {
    return this.send<Regimen>('POST', `${base(household)}/regimens/${regimen}/${paused ? 'pause' : 'resume'}`, {});
  }

  endRegimen(household: string, regimen: string) {
    return this.send<Regimen>('DELETE', `${base(household)}/regimens/${regimen}`);
  }

  members(household: string) {
    return this.send<Member[]>('GET', `${base(household)}/members`);
  }

  changeMember(household: string, user: string, role: Role, endsAt: string | null) {
    return this.send<Member>('PATCH', `${base(household)}/members/${user}`, { role, endsAt });
  }

  removeMember(household: string, user: string) {
    return this.send<void>('DELETE', `${base(household)}/members/${user}`);
  }

  invitations(household: string) {
    return this.send<Invitation[]>('GET', `${base(household)}/invitations`);
  }

  invite(household: string, role: Role, membershipEndsAt: string | null, note: string | null) {
    return this.send<NewInvitation>('POST', `${base(household)}/invitations`, { role, membershipEndsAt, note });
  }

  revokeInvitation(household: string, invitation: string) {
    return this.send<void>('DELETE', `${base(household)}/invitations/${invitation}`);
  }

  acceptInvitation(code: string) {
    return this.send<Household>('POST', '/api/v1/invitations/accept', { code });
  }

  gateways(household: string) {
    return this.send<Gateway[]>('GET', `${base(household)}/gateways`);
  }

  createGateway(household: string, gatewayId: string) {
    return this.send<GatewayCode>('POST', `${base(household)}/gateways`, { gatewayId });
  }

  newGatewayCode(household: string, gateway: string) {
    return this.send<GatewayCode>('POST', `${base(household)}/gateways/${encodeURIComponent(gateway)}/code`, {});
  }

  revokeGateway(household: string, gateway: string) {
    return this.send<Gateway>('POST', `${base(household)}/gateways/${encodeURIComponent(gateway)}/revoke`, {});
  }

  tokens() {
    return this.send<AccessToken[]>('GET', '/api/v1/account/tokens');
  }

  createToken(name: string, expiresInDays: number | null) {
    return this.send<NewAccessToken>('POST', '/api/v1/account/tokens', { name, expiresInDays });
  }

  revokeToken(token: string) {
    return this.send<void>('DELETE', `/api/v1/account/tokens/${token}`);
  }

  audit(household: string, limit = 50) {
    return this.send<AuditEntry[]>('GET', `${base(household)}/audit?limit=${limit}`);
  }

  /** Alerts newest first; one state only when given. */
  alerts(household: string, query: { state?: AlertState; limit?: number } = {}) {
    const search = new URLSearchParams();
    if (query.state) search.set('state', query.state);
    if (query.limit) search.set('limit', String(query.limit));
    const text = search.toString();
    return this.send<Alert[]>('GET', `${base(household)}/alerts${text ? `?${text}` : ''}`);
  }

  /** Someone is on it: the alert stops escalating (caregivers and owners; a resolved alert is a 409). */
  acknowledgeAlert(household: string, alert: string) {
    return this.send<Alert>('POST', `${base(household)}/alerts/${alert}/acknowledge`, {});
  }

  householdAlertSettings(household: string) {
    return this.send<HouseholdAlertSettings>('GET', `${base(household)}/alert-settings`);
  }

  /** How long an urgent alert waits to be acknowledged before it goes to the next person (owners; a minute to a day). */
  changeHouseholdAlertSettings(household: string, escalateAfter: string) {
    return this.send<HouseholdAlertSettings>('PUT', `${base(household)}/alert-settings`, { escalateAfter });
  }

  /** The signed-in person's channels in this household. */
  channels(household: string) {
    return this.send<Channel[]>('GET', `${base(household)}/members/me/channels`);
  }

  /** Adds a channel; a webhook's signing secret is in this answer only. */
  addChannel(household: string, request: ChannelRequest) {
    return this.send<Channel>('POST', `${base(household)}/members/me/channels`, request);
  }

  changeChannel(household: string, channel: string, request: ChannelRequest) {
    return this.send<Channel>('PUT', `${base(household)}/members/me/channels/${channel}`, request);
  }

  deleteChannel(household: string, channel: string) {
    return this.send<void>('DELETE', `${base(household)}/members/me/channels/${channel}`);
  }

  /** Sends a test message now; the answer says whether it went, or why not. */
  testChannel(household: string, channel: string) {
    return this.send<ChannelTestResult>('POST', `${base(household)}/members/me/channels/${channel}/test`, {});
  }

  myAlertSettings(household: string) {
    return this.send<MemberAlertSettings>('GET', `${base(household)}/members/me/alert-settings`);
  }

  /** Sets the quiet hours, or clears them with null. */
  changeMyAlertSettings(household: string, quietHours: QuietHours | null) {
    return this.send<MemberAlertSettings>('PUT', `${base(household)}/members/me/alert-settings`, { quietHours });
  }

  /** A JSON body, or a raw one (a sound file) with its own type. */
  private async send<T>(method: string, path: string, body?: unknown, raw?: { content: BodyInit; type: string }): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (raw) headers['Content-Type'] = raw.type;
    else if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') {
      const antiforgery = await this.antiforgeryToken(path);
      if (antiforgery) headers[antiforgery.header] = antiforgery.token;
    }

    const response = await this.fetcher(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.content : body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await problemOf(response);
    if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
    return (await response.json()) as T;
  }

  private async antiforgeryToken(path: string) {
    // Signing in needs none (there is no session yet), and asking for one would need a session.
    if (path === '/api/v1/account/login' || path === '/api/v1/account/signup') return null;
    if (!this.antiforgery) {
      const response = await this.fetcher('/api/v1/account/antiforgery', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) throw await problemOf(response);
      const view = (await response.json()) as { token: string; headerName: string };
      this.antiforgery = { header: view.headerName, token: view.token };
    }
    return this.antiforgery;
  }
}

function base(household: string) {
  return `/api/v1/households/${household}`;
}

function deviceBase(household: string, device: string) {
  return `${base(household)}/devices/${encodeURIComponent(device)}`;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    return new ApiError(response.status, problem.title ?? response.statusText, problem.detail, problem.errors ?? {});
  } catch {
    return new ApiError(response.status, response.statusText || `HTTP ${response.status}`, undefined);
  }
}
