import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { AccessToken, Account, AuditEntry, Gateway, GatewayCode, Household, Invitation, Member, NewAccessToken, NewInvitation, Role } from '../api/types';
import { CopyField } from '../components/CopyField';
import { addDays, dayAndClock, instantOf, localDate, localTimes } from '../format';

const roleHelp: Record<Role, string> = {
  owner: 'everything, including regimens, devices and people',
  caregiver: 'feeds, calls and confirms doses',
  viewer: 'sees everything, changes nothing',
};

/** Who belongs to the home and how they get in: members, invitations, gateways, access tokens, the audit log. */
export function People({ api, household, account }: { api: WillowApi; household: Household; account: Account }) {
  const isOwner = household.role === 'owner';
  return (
    <main className="page">
      <div className="page-head">
        <h1 className="page-title">People and access</h1>
      </div>
      <Members api={api} household={household} account={account} />
      {isOwner && <Invitations api={api} household={household} />}
      <Gateways api={api} household={household} />
      <Tokens api={api} />
      {isOwner && <Audit api={api} household={household} />}
    </main>
  );
}

function Section({ id, title, children, action }: { id: string; title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <div className="section-head">
        <h2 id={id} className="section-title">
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}

function useList<T>(load: () => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setItems(await load());
      setError(null);
    } catch (e) {
      setError(problemText(e));
    }
  }, [load]);
  useEffect(() => void reload(), [reload]);
  return { items, error, setError, reload };
}

function Members({ api, household, account }: { api: WillowApi; household: Household; account: Account }) {
  const zone = household.timeZone;
  const { items, error, setError, reload } = useList(useCallback(() => api.members(household.id), [api, household.id]));
  const isOwner = household.role === 'owner';
  const act = async (action: () => Promise<unknown>) => {
    try {
      await action();
      await reload();
    } catch (e) {
      setError(problemText(e));
    }
  };
  return (
    <Section id="members-title" title="Members">
      {error && <p className="error" role="alert">{error}</p>}
      <div className="table-wrap">
        <table className="stack members">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Until</th>
              {isOwner && <th scope="col"><span className="visually-hidden">Actions</span></th>}
            </tr>
          </thead>
          <tbody>
            {items.map((m: Member) => (
              <tr key={m.userId} className={m.active ? '' : 'inactive'}>
                <td>
                  <strong>{m.displayName}</strong>
                  {m.userId === account.id && ' (you)'}
                  <div className="muted small">{m.email}</div>
                </td>
                <td data-label="Role">
                  {isOwner ? (
                    <select aria-label={`Role of ${m.displayName}`} value={m.role} onChange={(e) => void act(() => api.changeMember(household.id, m.userId, e.target.value as Role, m.endsAt))}>
                      <option value="owner">Owner</option>
                      <option value="caregiver">Caregiver</option>
                      <option value="viewer">Viewer</option>
                    </select>
                  ) : (
                    <span className="badge">{m.role}</span>
                  )}
                  <div className="muted small">{roleHelp[m.role]}</div>
                </td>
                <td data-label="Until">{m.endsAt ? (m.active ? `end of ${localDate(new Date(new Date(m.endsAt).getTime() - 1), zone)}` : 'ended') : 'no end'}</td>
                {isOwner && (
                  <td>
                    <button
                      type="button"
                      className="secondary danger small-button"
                      onClick={() => {
                        if (window.confirm(`Remove ${m.displayName} from ${household.name}? They lose access at once.`)) void act(() => api.removeMember(household.id, m.userId));
                      }}
                    >
                      Remove
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Invitations({ api, household }: { api: WillowApi; household: Household }) {
  const { items, error, setError, reload } = useList(useCallback(() => api.invitations(household.id), [api, household.id]));
  const [role, setRole] = useState<Role>('caregiver');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const [created, setCreated] = useState<NewInvitation | null>(null);

  async function invite(event: FormEvent) {
    event.preventDefault();
    try {
      // "Until 7 December" means through that day on the household's clock.
      const ends = until ? instantOf(`${addDays(until, 1)}T00:00`, household.timeZone).toISOString() : null;
      setCreated(await api.invite(household.id, role, ends, note.trim() || null));
      setNote('');
      setUntil('');
      await reload();
    } catch (e) {
      setError(problemText(e));
    }
  }

  const link = created ? `${window.location.origin}/join?code=${encodeURIComponent(created.code)}` : '';
  return (
    <Section id="invitations-title" title="Invitations">
      <form className="inline-form invite-form" onSubmit={invite}>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="caregiver">Caregiver</option>
            <option value="viewer">Viewer</option>
            <option value="owner">Owner</option>
          </select>
        </label>
        <label>
          Until (optional)
          <input type="date" value={until} min={localDate(new Date(), household.timeZone)} onChange={(e) => setUntil(e.target.value)} />
        </label>
        <label>
          Note
          <input value={note} maxLength={100} placeholder="Sam, pet sitter" onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Invite
        </button>
      </form>
      <p className="muted small">A {role} {roleHelp[role]}.</p>
      {created && (
        <div className="secret" role="status">
          <p>
            Send this link to the person you invite. It works once, until {dayAndClock(created.expiresAt, household.timeZone)}.
          </p>
          <CopyField label="Invitation link" value={link} />
          <p className="muted small">
            Or they run <code>willow join {created.code}</code>.
          </p>
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {items.length > 0 && (
        <ul className="plain-list">
          {items.map((i: Invitation) => (
            <li key={i.id} className="list-row">
              <span>
                <span className="badge">{i.role}</span> {i.note ?? 'no note'} · {i.status}
                {i.membershipEndsAt && ` · membership ends ${dayAndClock(i.membershipEndsAt, household.timeZone)}`}
              </span>
              {i.status === 'open' && (
                <button type="button" className="secondary small-button" onClick={() => void api.revokeInvitation(household.id, i.id).then(reload, (e) => setError(problemText(e)))}>
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Gateways({ api, household }: { api: WillowApi; household: Household }) {
  const { items, error, setError, reload } = useList(useCallback(() => api.gateways(household.id), [api, household.id]));
  const [name, setName] = useState('');
  const [code, setCode] = useState<GatewayCode | null>(null);
  const isOwner = household.role === 'owner';
  const run = async (action: () => Promise<GatewayCode | Gateway>) => {
    try {
      const result = await action();
      if ('code' in result) setCode(result);
      await reload();
    } catch (e) {
      setError(problemText(e));
    }
  };

  return (
    <Section id="gateways-title" title="Gateways">
      {items.length === 0 && <p className="muted">No gateway yet: the gateway is the Pi at home that runs the doses and talks to the devices.</p>}
      <ul className="plain-list">
        {items.map((g: Gateway) => (
          <li key={g.id} className="list-row">
            <span>
              <strong>{g.id}</strong>{' '}
              <span className={`badge ${g.connected ? 'badge-succeeded' : g.status === 'revoked' ? 'badge-failed' : ''}`}>{g.connected ? 'connected' : g.status}</span>
              {g.lastSeenAt && <span className="muted small"> · seen {dayAndClock(g.lastSeenAt, household.timeZone)}</span>}
              {g.clockTrusted === false && <span className="warn-text small"> · clock not trusted: {g.clockReason}</span>}
            </span>
            {isOwner && g.status !== 'revoked' && (
              <span className="row-buttons">
                <button type="button" className="secondary small-button" onClick={() => void run(() => api.newGatewayCode(household.id, g.id))}>
                  New code
                </button>
                <button
                  type="button"
                  className="secondary danger small-button"
                  onClick={() => {
                    if (window.confirm(`Revoke gateway ${g.id}? It is disconnected at once and must be enrolled again.`)) void run(() => api.revokeGateway(household.id, g.id));
                  }}
                >
                  Revoke
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {isOwner && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api.createGateway(household.id, name.trim())).then(() => setName(''));
          }}
        >
          <label>
            New gateway name
            <input value={name} required pattern="[a-z0-9][a-z0-9-]{0,62}" placeholder="home" onChange={(e) => setName(e.target.value)} />
          </label>
          <button type="submit" className="secondary">
            Add gateway
          </button>
        </form>
      )}
      {code && (
        <div className="secret" role="status">
          <p>
            On the gateway Pi, run this before {dayAndClock(code.expiresAt, household.timeZone)}; the code works once.
          </p>
          <CopyField label="Enrolment command" value={code.command} />
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </Section>
  );
}

function Tokens({ api }: { api: WillowApi }) {
  const { items, error, setError, reload } = useList(useCallback(() => api.tokens(), [api]));
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<NewAccessToken | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    try {
      setCreated(await api.createToken(name.trim(), days ? Number(days) : null));
      setName('');
      await reload();
    } catch (e) {
      setError(problemText(e));
    }
  }

  return (
    <Section id="tokens-title" title="Your access tokens">
      <p className="muted small">For the <code>willow</code> command line and scripts. A token acts as you, in every household you belong to.</p>
      <ul className="plain-list">
        {items.filter((t: AccessToken) => !t.revokedAt).map((t: AccessToken) => (
          <li key={t.id} className="list-row">
            <span>
              <strong>{t.name}</strong>
              <span className="muted small">
                {' '}
                · {t.expiresAt ? `expires ${new Date(t.expiresAt).toLocaleDateString('en-GB')}` : 'no expiry'} ·{' '}
                {t.lastUsedAt ? `last used ${new Date(t.lastUsedAt).toLocaleDateString('en-GB')}` : 'never used'}
              </span>
            </span>
            <button type="button" className="secondary danger small-button" onClick={() => void api.revokeToken(t.id).then(reload, (e) => setError(problemText(e)))}>
              Revoke
            </button>
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={create}>
        <label>
          Token name
          <input value={name} required maxLength={60} placeholder="laptop" onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Expires in (days)
          <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" className="secondary">
          Create token
        </button>
      </form>
      {created && (
        <div className="secret" role="status">
          <p>
            <strong>Copy it now: it is shown only this once.</strong> Then sign in the command line with{' '}
            <code>willow login --hub {window.location.origin} --token …</code>
          </p>
          <CopyField label={`Token ${created.name}`} value={created.token} />
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
    </Section>
  );
}

function Audit({ api, household }: { api: WillowApi; household: Household }) {
  const { items, error } = useList(useCallback(() => api.audit(household.id, 50), [api, household.id]));
  return (
    <Section id="audit-title" title="Audit log">
      {error && <p className="error" role="alert">{error}</p>}
      <div className="table-wrap">
        <table className="stack audit">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a: AuditEntry) => (
              <tr key={a.sequence}>
                <td className="nowrap">{dayAndClock(a.at, household.timeZone)}</td>
                <td>
                  {a.actor}
                  <div className="muted small">{a.via}</div>
                </td>
                <td>
                  <strong>{a.action}</strong> {a.target}
                  {a.detail && <div className="muted small">{localTimes(a.detail, household.timeZone)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
