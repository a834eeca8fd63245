import { useCallback, useEffect, useMemo, useState } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Command, Device, Household, Photo, Reading } from '../api/types';
import { CameraPanel } from '../components/CameraPanel';
import { RefillForm } from '../components/RefillForm';
import { SensorPanel } from '../components/SensorPanel';
import { SpeakerPanel } from '../components/SpeakerPanel';
import { ago, clock, dayAndClock, relative } from '../format';
import { useLive } from '../live/useLive';
import { day, mergeLatest, mergeReadings, metricOrder } from '../sensors/readings';

const capabilityLabels: Record<string, string> = { dispenser: 'Dispenser', speaker: 'Speaker', camera: 'Camera', sensors: 'Sensors' };
const photosKept = 12;

/** Every device of the home: what it can do, whether it answers, what is left in it, what it sees and measures. */
export function Devices({ api, household }: { api: WillowApi; household: Household }) {
  const id = household.id;
  const zone = household.timeZone;
  const [devices, setDevices] = useState<Device[]>([]);
  const [photos, setPhotos] = useState<Record<string, Photo[]>>({});
  const [readings, setReadings] = useState<Record<string, Reading[]>>({});
  const [latest, setLatest] = useState<Reading[]>([]);
  const [commands, setCommands] = useState<Record<string, Command>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const canAct = household.role === 'owner' || household.role === 'caregiver';

  const load = useCallback(async () => {
    try {
      setDevices(await api.devices(id));
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; showing what was last known.'));
    }
  }, [api, id]);

  // Photos and readings are read per device when the devices with a camera or sensors are known, and again after a reconnect.
  const cameras = useMemo(() => devices.filter((d) => d.capabilities.includes('camera')).map((d) => d.id).join(' '), [devices]);
  const boards = useMemo(() => devices.filter((d) => d.capabilities.includes('sensors')).map((d) => d.id).join(' '), [devices]);
  const loadPhotos = useCallback(async () => {
    const list = cameras ? cameras.split(' ') : [];
    const entries = await Promise.all(list.map(async (d) => [d, await api.photos(id, { device: d, limit: photosKept })] as const));
    // A photo heard live while these were on their way stays.
    setPhotos((all) => Object.fromEntries(entries.map(([d, read]) => [d, newestPhotos([...(all[d] ?? []), ...read])])));
  }, [api, id, cameras]);
  const loadReadings = useCallback(async () => {
    const list = boards ? boards.split(' ') : [];
    if (list.length === 0) return;
    const from = new Date(Date.now() - day);
    // One request per metric: a busy metric (the bowl, every few seconds) must not crowd the others out of the hub's limit.
    const entries = await Promise.all(
      list.map(async (d) => {
        const perMetric = await Promise.all(metricOrder.map((metric) => api.readings(id, { device: d, metric, from, limit: 10_000 })));
        return [d, mergeReadings([], perMetric.flat(), from.getTime())] as const;
      }),
    );
    // Readings heard live while these were on their way stay too.
    setReadings((all) => Object.fromEntries(entries.map(([d, read]) => [d, mergeReadings(read, all[d] ?? [], from.getTime())])));
    const newest = await api.latestReadings(id);
    setLatest((list) => mergeLatest(newest, list));
  }, [api, id, boards]);

  useEffect(() => void load(), [load]);
  useEffect(() => void loadPhotos().catch(() => undefined), [loadPhotos]);
  useEffect(() => void loadReadings().catch(() => undefined), [loadReadings]);
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);

  const track = useCallback((command: Command) => setCommands((known) => remember(known, command)), []);
  const live = useLive(id, {
    devices: () => void load(),
    command: track,
    readings: (added) => {
      const since = Date.now() - day;
      setReadings((all) => {
        const next = { ...all };
        for (const d of new Set(added.map((r) => r.deviceId))) next[d] = mergeReadings(all[d] ?? [], added.filter((r) => r.deviceId === d), since);
        return next;
      });
      setLatest((list) => mergeLatest(list, added));
    },
    photo: (photo) => setPhotos((all) => ({ ...all, [photo.deviceId]: newestPhotos([photo, ...(all[photo.deviceId] ?? [])]) })),
    all: () => {
      void load();
      void loadPhotos().catch(() => undefined);
      void loadReadings().catch(() => undefined);
    },
  });

  const issue = useCallback(
    async (device: string, kind: string, args: Record<string, unknown> = {}) => {
      const command = await api.issue(id, device, kind, args);
      track(command);
      return command;
    },
    [api, id, track],
  );

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
        {devices.map((d) => {
          const camera = d.capabilities.includes('camera');
          const sensors = d.capabilities.includes('sensors');
          const speaker = d.capabilities.includes('speaker');
          const cameraPanel = camera && (
            <CameraPanel api={api} household={id} zone={zone} device={d} photos={photos[d.id] ?? []} commands={commands} canAct={canAct} now={now}
              onIssue={(kind) => issue(d.id, kind)} onReload={() => void loadPhotos().catch(() => undefined)} />
          );
          const speakerPanel = speaker && (
            <SpeakerPanel api={api} household={id} device={d} commands={commands} canAct={canAct} isOwner={household.role === 'owner'}
              onIssue={(kind, args) => issue(d.id, kind, args)}
              onSoundsChanged={(sounds) => setDevices((list) => list.map((x) => (x.id === d.id ? { ...x, sounds } : x)))} />
          );
          return (
            <li key={d.id} className={`card device-card ${d.online ? 'online' : 'offline'}${sensors ? ' wide' : ''}`} data-device-id={d.id}>
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
                <dd>{d.lastSeenAt ? `${dayAndClock(d.lastSeenAt, zone, now)} (${ago(d.lastSeenAt, now)})` : 'never'}</dd>
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
                      No dispense until {clock(d.lockedUntil, zone)} ({relative(d.lockedUntil, now)})
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
                      {d.runsOutAt && <strong className="warn-text"> · runs out before {dayAndClock(d.runsOutAt, zone, now)}</strong>}
                    </dd>
                  </>
                )}
              </dl>
              {d.capacity !== null && d.remaining !== null && (
                <meter className="fill" min={0} max={d.capacity} low={d.capacity * 0.2} optimum={d.capacity} value={d.remaining} aria-label="Portions left" />
              )}
              {canAct && d.capabilities.includes('dispenser') && <RefillForm api={api} household={household} device={d} onRefilled={load} />}
              {sensors ? (
                // Charts want the width: the board takes the whole row, its camera and speaker in a column of their own
                // beside the charts, so that charts growing with each reading never move the buttons.
                <div className={`device-panels${camera || speaker ? ' two-panels' : ''}`}>
                  {(camera || speaker) && (
                    <div className="panel-column">
                      {cameraPanel}
                      {speakerPanel}
                    </div>
                  )}
                  <SensorPanel device={d} readings={readings[d.id] ?? []} latest={latest.filter((r) => r.deviceId === d.id)} commands={commands}
                    canAct={canAct} zone={zone} now={now} onIssue={(kind) => issue(d.id, kind)} />
                </div>
              ) : (
                <>
                  {cameraPanel}
                  {speakerPanel}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </main>
  );
}

/** Each photo once, newest first, as many as the page keeps. */
function newestPhotos(photos: Photo[]): Photo[] {
  const byId = new Map(photos.map((p) => [p.id, p]));
  return [...byId.values()].sort((a, b) => Date.parse(b.takenAt) - Date.parse(a.takenAt)).slice(0, photosKept);
}

/** Keeps the newest view of each command this page has heard of (a late message never moves one back), the last 50. */
function remember(known: Record<string, Command>, command: Command): Record<string, Command> {
  const old = known[command.id];
  if (old && old.events.length > command.events.length) return known;
  const next = { ...known, [command.id]: command };
  const ids = Object.keys(next);
  if (ids.length <= 100) return next;
  const newest = ids.sort((a, b) => next[b].issuedAt.localeCompare(next[a].issuedAt)).slice(0, 50);
  return Object.fromEntries(newest.map((k) => [k, next[k]]));
}
