import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Device, Household } from '../api/types';
import { clock, dayAndClock, relative } from '../format';
import { useLive } from '../live/useLive';

const capabilityLabels: Record<string, string> = { dispenser: 'Dispenser', speaker: 'Speaker', camera: 'Camera', sensors: 'Sensors' };

/** Every device of the home: what it can do, whether it answers, what is left in it; refill here. */
export function Devices({ api, household }: { api: WillowApi; household: Household }) {
  const [devices, setDevices] = useState<Device[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const canRefill = household.role === 'owner' || household.role === 'caregiver';

  const load = useCallback(async () => {
    try {
      setDevices(await api.devices(household.id));
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; showing what was last known.'));
    }
  }, [api, household.id]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const live = useLive(household.id, { devices: () => void load(), all: () => void load() });

  return (
    <main className="page">
      <div className="page-head">
        <h1 className="page-title">
          Devices <span className={`live ${live ? 'on' : 'off'}`}>{live ? 'live' : 'reconnecting…'}</span>
        </h1>
      </div>
      {problem && (
        <p className="error banner" role="alert">
          {problem}
        </p>
      )}
      {devices.length === 0 && (
        <p className="card">
          No devices yet. Enrol the home's gateway (People → Gateways) and start its agents; they appear here as soon as the gateway finds them.
        </p>
      )}
      <ul className="device-grid">
        {devices.map((d) => (
          <li key={d.id} className={`card device-card ${d.online ? 'online' : 'offline'}`} data-device-id={d.id}>
            <div className="device-card-head">
              <span className="dot" aria-hidden="true" />
              <h2>{d.name}</h2>
              <span className={`badge ${d.online ? 'badge-succeeded' : 'badge-failed'}`}>{d.online ? 'Online' : 'Offline'}</span>
            </div>
            <div className="chips" aria-label="Capabilities">
              {d.capabilities.map((c) => (
                <span key={c} className="chip">
                  {capabilityLabels[c] ?? c}
                </span>
              ))}
            </div>
            <dl className="facts">
              <dt>Connected</dt>
              <dd>{d.link === 'gateway' ? `through gateway ${d.gatewayId}` : 'directly to the hub'}</dd>
              <dt>Last seen</dt>
              <dd>{d.lastSeenAt ? `${dayAndClock(d.lastSeenAt, household.timeZone, now)} (${relative(d.lastSeenAt, now)})` : 'never'}</dd>
              {d.version && (
                <>
                  <dt>Version</dt>
                  <dd>{d.version}</dd>
                </>
              )}
              {d.lockedUntil && new Date(d.lockedUntil) > now && (
                <>
                  <dt>Lockout</dt>
                  <dd>
                    No dispense until {clock(d.lockedUntil, household.timeZone)} ({relative(d.lockedUntil, now)})
                  </dd>
                </>
              )}
              {d.capabilities.includes('dispenser') && (
                <>
                  <dt>Contents</dt>
                  <dd>
                    {d.remaining === null
                      ? 'Not counted yet: refill to start counting.'
                      : `${d.remaining}${d.capacity ? ` of ${d.capacity}` : ''} portions`}
                    {d.dosesLeft !== null && ` · covers ${d.dosesLeft} scheduled doses`}
                    {d.runsOutAt && <strong className="warn-text"> · runs out before {dayAndClock(d.runsOutAt, household.timeZone, now)}</strong>}
                  </dd>
                </>
              )}
            </dl>
            {d.capacity !== null && d.remaining !== null && (
              <meter className="fill" min={0} max={d.capacity} low={d.capacity * 0.2} optimum={d.capacity} value={d.remaining} aria-label="Portions left" />
            )}
            {(d.capabilities.includes('camera') || d.capabilities.includes('sensors')) && (
              <p className="muted small">Photos and sensor readings are shown by the device's own page on the home network; the hub does not relay them yet.</p>
            )}
            {canRefill && d.capabilities.includes('dispenser') && <RefillForm api={api} household={household} device={d} onRefilled={load} />}
          </li>
        ))}
      </ul>
    </main>
  );
}

function RefillForm({ api, household, device, onRefilled }: { api: WillowApi; household: Household; device: Device; onRefilled(): Promise<void> }) {
  const [open, setOpen] = useState(false);
  const [remaining, setRemaining] = useState(String(device.capacity ?? ''));
  const [capacity, setCapacity] = useState(String(device.capacity ?? ''));
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.refill(household.id, device.id, Number(remaining), capacity ? Number(capacity) : undefined);
      setOpen(false);
      await onRefilled();
    } catch (e) {
      setError(problemText(e));
    }
  }

  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Refill…
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Refill ${device.name}`}>
      <div className="two">
        <label>
          Portions in it now
          <input type="number" min={0} required value={remaining} onChange={(e) => setRemaining(e.target.value)} />
        </label>
        <label>
          Capacity
          <input type="number" min={1} value={capacity} onChange={(e) => setCapacity(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-buttons">
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Save
        </button>
      </div>
    </form>
  );
}
