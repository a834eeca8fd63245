import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Adherence, Alert, Command, Device, Dose, Household, Pet } from '../api/types';
import { UrgentAlerts } from '../components/AlertCard';
import { ActionPanel } from '../components/ActionPanel';
import { CommandTimeline } from '../components/CommandTimeline';
import { DeviceStrip } from '../components/DeviceStrip';
import { PetCard } from '../components/PetCard';
import { mergeCommand } from '../live/liveFeed';
import { useLive } from '../live/useLive';

const week = 7 * 86_400_000;

/** The page an owner opens at work: each pet, every device, and the buttons, all live. */
export function Home({ api, household }: { api: WillowApi; household: Household }) {
  const [devices, setDevices] = useState<Device[]>([]);
  const [pets, setPets] = useState<Pet[]>([]);
  const [doses, setDoses] = useState<Dose[]>([]);
  const [adherence, setAdherence] = useState<Record<string, Adherence>>({});
  const [commands, setCommands] = useState<Command[]>([]);
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const id = household.id;

  const loadDevices = useCallback(async () => setDevices(await api.devices(id)), [api, id]);
  const loadDoses = useCallback(async () => {
    const at = new Date();
    const [list, petList] = await Promise.all([api.doses(id, new Date(at.getTime() - week), new Date(at.getTime() + 2 * 86_400_000)), api.pets(id)]);
    setDoses(list);
    setPets(petList);
    const entries = await Promise.all(petList.map(async (p) => [p.id, await api.adherence(id, p.id, new Date(at.getTime() - week))] as const));
    setAdherence(Object.fromEntries(entries));
  }, [api, id]);
  const loadCommands = useCallback(async () => setCommands(await api.commands(id, 8)), [api, id]);
  const loadAlerts = useCallback(async () => setAlerts(await api.alerts(id, { state: 'open', limit: 200 })), [api, id]);
  const loadAll = useCallback(async () => {
    try {
      await Promise.all([loadDevices(), loadDoses(), loadCommands(), loadAlerts()]);
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; showing what was last known.'));
    }
  }, [loadDevices, loadDoses, loadCommands, loadAlerts]);

  useEffect(() => void loadAll(), [loadAll]);
  const live = useLive(id, {
    command: (command) => setCommands((list) => mergeCommand(list, command, 8)),
    devices: () => void loadDevices().catch(() => undefined),
    doses: () => void loadDoses().catch(() => undefined),
    alerts: () => void loadAlerts().catch(() => undefined),
    // A dose's photo arrives a moment after the dose: read the doses again to show it on the pet's card.
    photo: (photo) => {
      if (photo.doseId) void loadDoses().catch(() => undefined);
    },
    all: () => void loadAll(),
  });

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);

  const medicationByDevice = useMemo(
    () => Object.fromEntries(doses.map((d) => [d.deviceId, d.medication])),
    [doses],
  );

  const deviceNames = useMemo(() => Object.fromEntries(devices.map((d) => [d.id, d.name])), [devices]);

  async function act(device: Device, kind: 'dispense' | 'call', lockoutOverride?: { reason: string }) {
    setBusy(device.id);
    setProblem(null);
    try {
      const command = await api.issue(id, device.id, kind, kind === 'dispense' ? { portions: 1 } : {}, lockoutOverride);
      setCommands((list) => mergeCommand(list, command, 8));
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; nothing was sent.'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <main className="home">
      {problem && (
        <p className="error banner" role="alert">
          {problem}
        </p>
      )}
      <UrgentAlerts alerts={alerts} now={now} />
      <section aria-labelledby="pets-title">
        <h2 id="pets-title" className="section-title">
          Pets
        </h2>
        <div className="pet-grid">
          {pets.length === 0 && <p className="muted">No pets yet.{household.role === 'owner' && ' Add the first below.'}</p>}
          {pets.map((pet) => {
            const mine = doses.filter((d) => d.petId === pet.id);
            const next = mine.filter((d) => d.state === 'scheduled' && new Date(d.windowCloses) > now).sort(byTime)[0];
            const last = mine.filter((d) => d.state !== 'scheduled').sort(byTime).at(-1);
            return (
              <PetCard key={pet.id} pet={pet} next={next} last={last} adherence={adherence[pet.id]} zone={household.timeZone} now={now}
                lastPhotoUrl={last?.photoId ? api.photoUrl(id, last.photoId) : null} />
            );
          })}
        </div>
        {household.role === 'owner' && <AddPet api={api} household={household} onAdded={() => void loadDoses()} />}
      </section>

      <section aria-labelledby="actions-title" className="card">
        <h2 id="actions-title" className="section-title">
          Now
        </h2>
        <ActionPanel devices={devices} role={household.role ?? 'viewer'} medicationByDevice={medicationByDevice} busy={busy} zone={household.timeZone} now={now} onAct={act} />
      </section>

      <section aria-labelledby="devices-title" className="card">
        <h2 id="devices-title" className="section-title">
          Devices <span className={`live ${live ? 'on' : 'off'}`}>{live ? 'live' : 'reconnecting…'}</span>
        </h2>
        <DeviceStrip devices={devices} now={now} />
      </section>

      <section aria-labelledby="commands-title" className="card">
        <h2 id="commands-title" className="section-title">
          Recent commands
        </h2>
        <CommandTimeline commands={commands} zone={household.timeZone} deviceNames={deviceNames} />
      </section>
    </main>
  );
}

function byTime(a: Dose, b: Dose) {
  return a.scheduledAt.localeCompare(b.scheduledAt);
}

function AddPet({ api, household, onAdded }: { api: WillowApi; household: Household; onAdded(): void }) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [species, setSpecies] = useState('dog');
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.createPet(household.id, name.trim(), species.trim() || null);
      setName('');
      setOpen(false);
      onAdded();
    } catch (e) {
      setError(problemText(e));
    }
  }

  if (!open) {
    return (
      <button type="button" className="secondary add-pet" onClick={() => setOpen(true)}>
        Add a pet
      </button>
    );
  }
  return (
    <form className="card inline-form add-pet" onSubmit={add} aria-label="Add a pet">
      <label>
        Name
        <input required maxLength={60} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label>
        Species
        <input maxLength={40} value={species} onChange={(e) => setSpecies(e.target.value)} />
      </label>
      <div className="form-buttons">
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Add pet
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
