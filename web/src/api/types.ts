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
  state: CommandState;
  updatedAt: string;
  events: CommandEvent[];
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

export const finished: readonly CommandState[] = ['succeeded', 'failed', 'refused', 'expired', 'uncertain', 'cancelled'];
