import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, problemText, type WillowApi } from '../api/client';
import type { Channel, ChannelKind, ChannelRequest, ChannelTestResult, Household } from '../api/types';
import { CopyField } from '../components/CopyField';
import { FieldError } from '../components/Field';
import { span } from '../components/RegimenEditor';
import { duration, spanMinutes } from '../format';

type Errors = Record<string, string[]>;

export interface ChannelForm {
  kind: ChannelKind;
  name: string;
  url: string;
  email: string;
  token: string;
}

const kindLabel: Record<ChannelKind, string> = { webhook: 'Webhook', ntfy: 'ntfy push', email: 'E-mail' };

/** The rules ChannelEndpoints applies, with its field names and words, so a mistake shows while typing. */
export function validateChannel(form: ChannelForm): Errors {
  const errors: Errors = {};
  if (form.name.trim().length > 100) errors.name = ['name must be at most 100 characters.'];
  if (form.kind === 'email') {
    const email = form.email.trim();
    if (email.length < 3 || email.length > 254 || !/^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+$/.test(email)) errors.email = ['email must be an e-mail address, like sam@example.org.'];
  } else if (!isHttpUrl(form.url) || form.url.length > 2000) {
    errors.url = ['url must be an absolute http:// or https:// address.'];
  }
  if (form.token.length > 200) errors.token = ['token must be at most 200 characters.'];
  return errors;
}

/** Quiet hours as the hub reads them: two HH:mm times that differ. */
export function validateQuietHours(from: string, to: string): Errors {
  const errors: Errors = {};
  const time = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (!time.test(from)) errors['quietHours.from'] = ['quietHours.from must be a time as HH:mm, like 22:00.'];
  if (!time.test(to)) errors['quietHours.to'] = ['quietHours.to must be a time as HH:mm, like 07:00.'];
  else if (!errors['quietHours.from'] && from === to) errors['quietHours.to'] = ['Quiet hours must not start and end at the same time; send null for none.'];
  return errors;
}

/** The escalation delay in whole minutes, from a minute to a day as the hub allows. */
export function validateEscalation(minutes: string): Errors {
  const value = Number(minutes);
  return Number.isInteger(value) && value >= 1 && value <= 1440 ? {} : { escalateAfter: ['escalateAfter must be from 00:01:00 (a minute) to 1.00:00:00 (a day).'] };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function toChannelRequest(form: ChannelForm, enabled = true): ChannelRequest {
  return {
    kind: form.kind,
    name: form.name.trim() || null,
    ...(form.kind === 'email' ? { email: form.email.trim() } : { url: form.url.trim() }),
    ...(form.kind === 'ntfy' && form.token ? { token: form.token } : {}),
    enabled,
  };
}

/** Where the signed-in person hears about alerts in this household, and when they want quiet. */
export function Notifications({ api, household }: { api: WillowApi; household: Household }) {
  return (
    <main className="page notifications-page">
      <div className="page-head">
        <h1 className="page-title">Notifications</h1>
      </div>
      <p className="muted intro">
        How Willow reaches you, {household.name}’s {household.role ?? 'member'}, when a dose is missed, a dispense fails or a device goes quiet. These settings are yours
        alone; everyone in the household chooses their own.
      </p>
      <Channels api={api} household={household} />
      <QuietHoursSettings api={api} household={household} />
      <Escalation api={api} household={household} />
    </main>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}

const emptyForm: ChannelForm = { kind: 'webhook', name: '', url: '', email: '', token: '' };

function Channels({ api, household }: { api: WillowApi; household: Household }) {
  const [channels, setChannels] = useState<Channel[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, ChannelTestResult | 'sending'>>({});
  const [created, setCreated] = useState<Channel | null>(null);
  const id = household.id;

  const reload = useCallback(async () => {
    try {
      setChannels(await api.channels(id));
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e));
    }
  }, [api, id]);
  useEffect(() => void reload(), [reload]);

  const act = async (action: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await action();
      await reload();
    } catch (e) {
      setProblem(problemText(e));
    }
  };

  async function test(channel: Channel) {
    setTests((t) => ({ ...t, [channel.id]: 'sending' }));
    try {
      const result = await api.testChannel(id, channel.id);
      setTests((t) => ({ ...t, [channel.id]: result }));
    } catch (e) {
      setTests((t) => ({ ...t, [channel.id]: { channelId: channel.id, sent: false, error: problemText(e), deliveryId: '' } }));
    }
  }

  const setEnabled = (channel: Channel, enabled: boolean) =>
    act(() =>
      api.changeChannel(id, channel.id, {
        kind: channel.kind, name: channel.name, enabled,
        ...(channel.kind === 'email' ? { email: channel.email } : { url: channel.url }),
      }),
    );

  return (
    <Section id="channels-title" title="Your channels">
      {channels?.length === 0 && <p className="muted">No channel yet: alerts show only here on the dashboard. Add one below to hear about them on your phone or by e-mail.</p>}
      <ul className="plain-list channel-list">
        {channels?.map((c) => {
          const result = tests[c.id];
          return (
            <li key={c.id} className={`channel ${c.enabled ? '' : 'inactive'}`} data-testid="channel">
              <div className="channel-what">
                <strong>{c.name}</strong> <span className="badge">{kindLabel[c.kind]}</span>
                {!c.enabled && <span className="badge"> off</span>}
                <div className="muted small channel-target">{c.kind === 'email' ? c.email : c.url}</div>
              </div>
              <div className="row-buttons">
                <label className="check">
                  <input type="checkbox" checked={c.enabled} onChange={(e) => void setEnabled(c, e.target.checked)} />
                  On
                </label>
                <button type="button" className="secondary small-button" disabled={result === 'sending'} onClick={() => void test(c)}>
                  {result === 'sending' ? 'Sending…' : 'Send a test'}
                </button>
                <button
                  type="button"
                  className="secondary danger small-button"
                  onClick={() => {
                    if (window.confirm(`Delete the channel ${c.name}? Alerts stop reaching it at once.`)) void act(() => api.deleteChannel(id, c.id));
                  }}
                >
                  Delete
                </button>
              </div>
              <p className="channel-test small" role="status" data-testid="channel-test">
                {result && result !== 'sending' && (result.sent ? <span className="ok-text">Test sent. Check that it arrived.</span> : <span className="error">Not sent: {result.error}</span>)}
              </p>
            </li>
          );
        })}
      </ul>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <AddChannel
        api={api}
        household={household}
        onAdded={(channel) => {
          setCreated(channel.secret ? channel : null);
          void reload();
        }}
      />
      {created?.secret && (
        <div className="secret" role="status">
          <p>
            <strong>Copy this secret now: it is shown only this once.</strong> Willow signs every message it sends to {created.url} with it (an HMAC-SHA256 in the{' '}
            <code>Willow-Signature</code> header), so your receiver can check that a message really came from this hub and was not changed on the way.
          </p>
          <CopyField label={`Signing secret of ${created.name}`} value={created.secret} />
        </div>
      )}
    </Section>
  );
}

function AddChannel({ api, household, onAdded }: { api: WillowApi; household: Household; onAdded(channel: Channel): void }) {
  const [form, setForm] = useState<ChannelForm>(emptyForm);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const localErrors = validateChannel(form);
  const errorsFor = (field: string) => (submitted || touched.has(field) ? localErrors[field] : undefined) ?? serverErrors[field];
  const set = <K extends keyof ChannelForm>(key: K, value: ChannelForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setServerErrors((e) => {
      const { [key]: _, ...rest } = e;
      return rest;
    });
  };
  const invalid = (name: string) => ({
    'aria-invalid': errorsFor(name) ? true : undefined,
    'aria-describedby': `channel-${name}-error`,
    onBlur: () => setTouched((t) => new Set(t).add(name)),
  });

  async function add(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setProblem(null);
    if (Object.keys(localErrors).length > 0) return;
    setBusy(true);
    try {
      const channel = await api.addChannel(household.id, toChannelRequest(form));
      setForm({ ...emptyForm, kind: form.kind });
      setSubmitted(false);
      setTouched(new Set());
      onAdded(channel);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.errors).length) {
        setServerErrors(e.errors);
        const unplaced = Object.entries(e.errors).filter(([k]) => !['name', 'url', 'email', 'token'].includes(k));
        setProblem(unplaced.length ? unplaced.flatMap(([, m]) => m).join(' ') : 'The hub refused this channel; see the fields marked.');
      } else {
        setProblem(problemText(e, 'The hub cannot be reached; nothing was added.'));
      }
    } finally {
      setBusy(false);
    }
  }

  const help: Record<ChannelKind, string> = {
    webhook: 'Willow POSTs each alert as JSON to this address, signed so your receiver can check it.',
    ntfy: 'The topic’s address on an ntfy server (ntfy.sh or your own); your phone’s ntfy app subscribed to it shows the alert.',
    email: 'Alerts come from this hub’s mail server to this address.',
  };

  return (
    <form className="form add-channel" onSubmit={add} noValidate aria-labelledby="add-channel-title">
      <h3 id="add-channel-title" className="subsection-title">
        Add a channel
      </h3>
      <div className="segmented" role="radiogroup" aria-label="Kind of channel">
        {(Object.keys(kindLabel) as ChannelKind[]).map((kind) => (
          <label key={kind} className={form.kind === kind ? 'chosen' : ''}>
            <input type="radio" name="channel-kind" value={kind} checked={form.kind === kind} onChange={() => set('kind', kind)} />
            {kindLabel[kind]}
          </label>
        ))}
      </div>
      <p className="muted small">{help[form.kind]}</p>
      <div className="two channel-fields">
        <div className="field">
          <label>
            Name (optional)
            <input value={form.name} maxLength={100} placeholder={form.kind === 'email' ? 'Work e-mail' : 'My phone'} onChange={(e) => set('name', e.target.value)} {...invalid('name')} />
          </label>
          <FieldError id="channel-name-error" messages={errorsFor('name')} />
        </div>
        {form.kind === 'email' ? (
          <div className="field">
            <label>
              E-mail address
              <input type="email" value={form.email} autoComplete="email" placeholder="sam@example.org" onChange={(e) => set('email', e.target.value)} {...invalid('email')} />
            </label>
            <FieldError id="channel-email-error" messages={errorsFor('email')} />
          </div>
        ) : (
          <div className="field">
            <label>
              {form.kind === 'webhook' ? 'Webhook URL' : 'Topic URL'}
              <input type="url" value={form.url} placeholder={form.kind === 'webhook' ? 'https://example.org/willow-hook' : 'https://ntfy.sh/willow-juno'} onChange={(e) => set('url', e.target.value)} {...invalid('url')} />
            </label>
            <FieldError id="channel-url-error" messages={errorsFor('url')} />
          </div>
        )}
      </div>
      {form.kind === 'ntfy' && (
        <div className="field">
          <label>
            Access token (optional, for a protected topic)
            <input type="password" value={form.token} autoComplete="off" onChange={(e) => set('token', e.target.value)} {...invalid('token')} />
          </label>
          <FieldError id="channel-token-error" messages={errorsFor('token')} />
        </div>
      )}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Adding…' : `Add ${kindLabel[form.kind].toLowerCase()}`}
        </button>
      </div>
    </form>
  );
}

function QuietHoursSettings({ api, household }: { api: WillowApi; household: Household }) {
  const [on, setOn] = useState(false);
  const [from, setFrom] = useState('22:00');
  const [to, setTo] = useState('07:00');
  const [loaded, setLoaded] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api.myAlertSettings(household.id).then(
      (settings) => {
        setOn(settings.quietHours !== null);
        if (settings.quietHours) {
          setFrom(settings.quietHours.from);
          setTo(settings.quietHours.to);
        }
        setLoaded(true);
      },
      (e) => setMessage({ ok: false, text: problemText(e) }),
    );
  }, [api, household.id]);

  const localErrors = on ? validateQuietHours(from, to) : {};
  const errorsFor = (field: string) => (submitted ? localErrors[field] : undefined) ?? serverErrors[field];

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setMessage(null);
    if (Object.keys(localErrors).length > 0) return;
    try {
      const saved = await api.changeMyAlertSettings(household.id, on ? { from, to } : null);
      setServerErrors({});
      setMessage({ ok: true, text: saved.quietHours ? `Saved: quiet from ${saved.quietHours.from} to ${saved.quietHours.to}.` : 'Saved: no quiet hours.' });
    } catch (e) {
      setServerErrors(e instanceof ApiError ? e.errors : {});
      setMessage({ ok: false, text: problemText(e, 'The hub cannot be reached; nothing was saved.') });
    }
  }

  return (
    <Section id="quiet-title" title="Quiet hours">
      <form className="form" onSubmit={save} noValidate>
        <p className="muted small">
          During quiet hours, warnings (a device gone quiet, a dispenser running low) wait until they end. <strong>Urgent alerts, such as a missed dose, still come at once.</strong> Times are
          on the household’s clock ({household.timeZone}).
        </p>
        <label className="check">
          <input type="checkbox" checked={on} disabled={!loaded} onChange={(e) => setOn(e.target.checked)} />
          Keep quiet hours
        </label>
        {on && (
          <div className="two">
            <div className="field">
              <label>
                From
                <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={errorsFor('quietHours.from') ? true : undefined} aria-describedby="quiet-from-error" />
              </label>
              <FieldError id="quiet-from-error" messages={errorsFor('quietHours.from')} />
            </div>
            <div className="field">
              <label>
                To
                <input type="time" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={errorsFor('quietHours.to') ? true : undefined} aria-describedby="quiet-to-error" />
              </label>
              <FieldError id="quiet-to-error" messages={errorsFor('quietHours.to')} />
            </div>
          </div>
        )}
        <div className="form-buttons">
          {message && (
            <span className={message.ok ? 'ok-text' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
          <button type="submit" className="secondary" disabled={!loaded}>
            Save quiet hours
          </button>
        </div>
      </form>
    </Section>
  );
}

function Escalation({ api, household }: { api: WillowApi; household: Household }) {
  const [minutes, setMinutes] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Errors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const isOwner = household.role === 'owner';

  useEffect(() => {
    api.householdAlertSettings(household.id).then(
      (settings) => {
        setMinutes(String(spanMinutes(settings.escalateAfter)));
        setSaved(settings.escalateAfter);
      },
      (e) => setMessage({ ok: false, text: problemText(e) }),
    );
  }, [api, household.id]);

  const localErrors = minutes === null ? {} : validateEscalation(minutes);
  const errors = (submitted ? localErrors.escalateAfter : undefined) ?? serverErrors.escalateAfter;

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setMessage(null);
    if (minutes === null || Object.keys(localErrors).length > 0) return;
    try {
      const answer = await api.changeHouseholdAlertSettings(household.id, span(Number(minutes)));
      setSaved(answer.escalateAfter);
      setServerErrors({});
      setMessage({ ok: true, text: 'Saved.' });
    } catch (e) {
      setServerErrors(e instanceof ApiError ? e.errors : {});
      setMessage({ ok: false, text: problemText(e, 'The hub cannot be reached; nothing was saved.') });
    }
  }

  return (
    <Section id="escalation-title" title="When nobody answers">
      <p className="muted small">
        An urgent alert that nobody acknowledges {saved ? `within ${duration(saved)}` : 'in time'} also goes to the next person in the household, and so on, until someone
        does. {isOwner ? 'Owners set the wait for the whole household.' : 'An owner sets this for the household.'}
      </p>
      {isOwner && minutes !== null && (
        <form className="inline-form" onSubmit={save} noValidate>
          <div className="field">
            <label>
              Escalate after (minutes)
              <input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} aria-invalid={errors ? true : undefined} aria-describedby="escalate-error" />
            </label>
            <FieldError id="escalate-error" messages={errors} />
          </div>
          <button type="submit" className="secondary">
            Save
          </button>
          {message && (
            <span className={message.ok ? 'ok-text' : 'error'} role={message.ok ? 'status' : 'alert'}>
              {message.text}
            </span>
          )}
        </form>
      )}
      {!isOwner && message && !message.ok && (
        <p className="error" role="alert">
          {message.text}
        </p>
      )}
    </Section>
  );
}
