// The hub's wire types (see docs/openapi/v1.json). Times are ISO 8601 strings.

export type Role = 'owner' | 'caregiver' | 'viewer';

export type CommandState =
  | 'queued' | 'delivered' | 'executing' | 'succeeded' | 'failed' | 'refused' | 'expired' | 'uncertain' | 'cancelled';

export type DoseState = 'scheduled' | 'dispensed' | 'missed' | 'skipped' | 'uncertain';

export interface Membership {
  householdId: string;
  householdName: string;
  role: Role;
  endsAt: string | null;
}

export interface Account {
  id: string;
  email: string;
  displayName: string;
  households: Membership[];
}

export interface Household {
  id: string;
  name: string;
  timeZone: string;
  role: Role | null;
  membershipEndsAt: string | null;
}

export interface Device {
  id: string;
  name: string;
  capabilities: string[];
  link: 'gateway' | 'direct';
  gatewayId: string | null;
  online: boolean;
  lastSeenAt: string | null;
  version: string | null;
  capacity: number | null;
  remaining: number | null;
  dosesLeft: number | null;
  runsOutAt: string | null;
  /** Set while a dispenser's lockout lasts: a dispense before then is refused at home. */
  lockedUntil: string | null;
  /** A speaker's library of sounds, as its gateway last reported it (null for other devices). */
  sounds?: string[] | null;
}

export interface CommandEvent {
  state: CommandState;
  at: string;
  source: string;
  detail: string | null;
}

export interface Command {
  id: string;
  householdId: string;
  deviceId: string;
  kind: string;
  args: Record<string, unknown>;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  doseId: string | null;
  /** An owner's dispense inside the lockout, with the reason they gave. */
  lockoutOverride?: LockoutOverride | null;
  state: CommandState;
  updatedAt: string;
  events: CommandEvent[];
}

export interface LockoutOverride {
  reason: string;
  by: string;
}

export interface Pet {
  id: string;
  name: string;
  species: string | null;
}

export interface Dose {
  id: string;
  regimenId: string;
  petId: string;
  petName: string;
  medication: string;
  amount: string;
  deviceId: string;
  scheduledAt: string;
  windowOpens: string;
  windowCloses: string;
  state: DoseState;
  commandId: string | null;
  detail: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  /** The photo the camera took after the dose, if it took one. */
  photoId?: string | null;
}

export interface RegimenAdherence {
  regimenId: string;
  medication: string;
  status: string;
  due: number;
  dispensed: number;
  confirmed: number;
  missed: number;
  skipped: number;
  uncertain: number;
  percent: number | null;
  nextDoseAt: string | null;
}

export interface Adherence {
  petId: string;
  petName: string;
  regimens: RegimenAdherence[];
}

export interface Schedule {
  kind: 'every' | 'timesOfDay' | 'cron';
  every?: string | null;
  times?: string[] | null;
  cron?: string | null;
}

/** Body of create, change and preview. Local times are wall-clock times in the household, without an offset. */
export interface RegimenRequest {
  petId?: string;
  medication: string;
  amount: string;
  portions?: number;
  schedule: Schedule;
  startsAt: string;
  endsAt?: string | null;
  windowBefore?: string;
  windowAfter?: string;
  minimumInterval?: string;
  deviceId: string;
  slot?: number | null;
  callFirst?: boolean;
  callDeviceId?: string | null;
  photoAfter?: boolean;
}

export interface Regimen {
  id: string;
  petId: string;
  petName: string;
  status: 'active' | 'paused' | 'ended';
  version: number;
  medication: string;
  amount: string;
  portions: number;
  schedule: Schedule & { description: string };
  startsAt: string;
  endsAt: string | null;
  timeZone: string;
  windowBefore: string;
  windowAfter: string;
  minimumInterval: string;
  deviceId: string;
  slot: number | null;
  callFirst: boolean;
  callDeviceId: string | null;
  photoAfter: boolean;
  nextDoseAt: string | null;
  updatedAt: string;
  updatedBy: string;
}

export interface RegimenPreview {
  timeZone: string;
  doses: { scheduledAt: string; local: string }[];
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  endsAt: string | null;
  active: boolean;
}

export interface Invitation {
  id: string;
  role: Role;
  membershipEndsAt: string | null;
  expiresAt: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  status: string;
}

export interface NewInvitation {
  id: string;
  code: string;
  role: Role;
  membershipEndsAt: string | null;
  expiresAt: string;
}

export interface Gateway {
  id: string;
  status: string;
  connected: boolean;
  lastConnectedAt: string | null;
  lastSeenAt: string | null;
  clockTrusted: boolean | null;
  clockReason: string | null;
  enrolledAt: string | null;
  revokedAt: string | null;
  codeExpiresAt: string | null;
}

export interface GatewayCode {
  gatewayId: string;
  code: string;
  expiresAt: string;
  command: string;
}

export interface AccessToken {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewAccessToken {
  id: string;
  name: string;
  token: string;
  expiresAt: string | null;
}

export interface AuditEntry {
  sequence: number;
  at: string;
  actor: string;
  via: string;
  action: string;
  target: string | null;
  detail: string | null;
}

/** What a sensors board measures; each has one unit everywhere. */
export type Metric = 'temperature' | 'humidity' | 'bowl_weight' | 'motion';

/** One sensor value: °C, %, g, or motion (1 when it starts, 0 when it ends, no unit). */
export interface Reading {
  deviceId: string;
  metric: Metric;
  value: number;
  unit: string;
  at: string;
}

/** New readings of a household, as the live feed sends them. */
export interface ReadingsAdded {
  householdId: string;
  readings: Reading[];
}

/** A camera's photo; url serves the JPEG to members of the household (the session cookie is enough). */
export interface Photo {
  id: string;
  deviceId: string;
  doseId: string | null;
  takenAt: string;
  width: number;
  height: number;
  bytes: number;
  url: string;
}

export type AlertSeverity = 'urgent' | 'warning' | 'info';
export type AlertState = 'open' | 'acknowledged' | 'resolved';

/** Something that needs a person: what happened, how bad, what to do next, and who is on it. */
export interface Alert {
  id: string;
  householdId: string;
  kind: string;
  cause: string;
  severity: AlertSeverity;
  state: AlertState;
  title: string;
  nextStep: string;
  /** The dashboard page that helps (absolute when the hub knows its public address). */
  link: string;
  openedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  escalationStep: number;
}

export type ChannelKind = 'webhook' | 'ntfy' | 'email';

/** One of a member's alert channels; secret only in the answer that made a webhook. */
export interface Channel {
  id: string;
  userId: string;
  kind: ChannelKind;
  name: string;
  url: string | null;
  email: string | null;
  enabled: boolean;
  createdAt: string;
  secret?: string | null;
}

export interface ChannelRequest {
  kind: ChannelKind;
  name?: string | null;
  url?: string | null;
  email?: string | null;
  token?: string | null;
  enabled?: boolean;
}

export interface ChannelTestResult {
  channelId: string;
  sent: boolean;
  error: string | null;
  deliveryId: string;
}

/** "HH:mm" times on the household's clock. */
export interface QuietHours {
  from: string;
  to: string;
}

export interface MemberAlertSettings {
  quietHours: QuietHours | null;
}

/** escalateAfter is a .NET duration, "00:15:00". */
export interface HouseholdAlertSettings {
  escalateAfter: string;
}

export const finished: readonly CommandState[] = ['succeeded', 'failed', 'refused', 'expired', 'uncertain', 'cancelled'];
