import { useCallback, useEffect, useState } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Device, Household, Pet, Regimen } from '../api/types';
import { RegimenEditor } from '../components/RegimenEditor';
import { dayAndClock, duration, relative } from '../format';

/** The household's courses of medication; owners create, change, pause and end them here. */
export function Regimens({ api, household }: { api: WillowApi; household: Household }) {
  const [regimens, setRegimens] = useState<Regimen[]>([]);
  const [pets, setPets] = useState<Pet[]>([]);
  const [devices, setDevices] = useState<Device[]>([]);
  const [editing, setEditing] = useState<Regimen | 'new' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const isOwner = household.role === 'owner';
  const zone = household.timeZone;

  const load = useCallback(async () => {
    try {
      const [r, p, d] = await Promise.all([api.regimens(household.id), api.pets(household.id), api.devices(household.id)]);
      setRegimens(r);
      setPets(p);
      setDevices(d);
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e));
    }
  }, [api, household.id]);
  useEffect(() => void load(), [load]);

  async function change(action: () => Promise<unknown>) {
    try {
      await action();
      await load();
    } catch (e) {
      setProblem(problemText(e));
    }
  }

  if (editing) {
    return (
      <main className="page">
        <RegimenEditor
          api={api}
          household={household}
          pets={pets}
          devices={devices}
          regimen={editing === 'new' ? null : editing}
          onDone={async () => {
            setEditing(null);
            await load();
          }}
          onCancel={() => setEditing(null)}
        />
      </main>
    );
  }

  const active = regimens.filter((r) => r.status !== 'ended');
  const ended = regimens.filter((r) => r.status === 'ended');
  return (
    <main className="page">
      <div className="page-head">
        <h1 className="page-title">Regimens</h1>
        {isOwner && (
          <button type="button" className="primary" onClick={() => setEditing('new')} disabled={pets.length === 0}>
            New regimen
          </button>
        )}
      </div>
      {problem && (
        <p className="error banner" role="alert">
          {problem}
        </p>
      )}
      {pets.length === 0 && <p className="card">Add a pet first: a regimen is for one pet.</p>}
      {active.length === 0 && pets.length > 0 && (
        <p className="card muted">No course of medication yet.{isOwner && ' Describe one once, and the home gives every dose on time.'}</p>
      )}
      <ul className="regimen-list">
        {active.map((r) => (
          <li key={r.id} className="card regimen" data-regimen-id={r.id}>
            <div className="regimen-head">
              <h2>
                {r.petName}: {r.medication}
              </h2>
              <span className={`badge badge-regimen-${r.status}`}>{r.status}</span>
            </div>
            <p className="regimen-terms">
              {r.amount} {r.schedule.description}, from {r.startsAt.replace('T', ' ')}
              {r.endsAt && ` until ${r.endsAt.replace('T', ' ')}`}
            </p>
            <p className="muted small">
              Window {duration(r.windowBefore)} before – {duration(r.windowAfter)} after · never twice within {duration(r.minimumInterval)} ·{' '}
              {devices.find((d) => d.id === r.deviceId)?.name ?? r.deviceId}
              {r.callFirst && ' · calls first'}
              {r.photoAfter && ' · photo after'}
            </p>
            <p>
              {r.nextDoseAt ? (
                <>
                  Next dose <strong>{dayAndClock(r.nextDoseAt, zone)}</strong> <span className="countdown">({relative(r.nextDoseAt)})</span>
                </>
              ) : (
                <span className="muted">No dose ahead.</span>
              )}
            </p>
            {isOwner && (
              <div className="row-buttons">
                <button type="button" className="secondary" onClick={() => setEditing(r)}>
                  Edit
                </button>
                <button type="button" className="secondary" onClick={() => void change(() => api.setRegimenPaused(household.id, r.id, r.status === 'active'))}>
                  {r.status === 'active' ? 'Pause' : 'Resume'}
                </button>
                <button
                  type="button"
                  className="secondary danger"
                  onClick={() => {
                    if (window.confirm(`End ${r.medication} for ${r.petName} now? No further dose is given; its record stays.`)) {
                      void change(() => api.endRegimen(household.id, r.id));
                    }
                  }}
                >
                  End course
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {ended.length > 0 && (
        <details className="card">
          <summary>Ended courses ({ended.length})</summary>
          <ul className="plain-list">
            {ended.map((r) => (
              <li key={r.id}>
                {r.petName}: {r.medication}, {r.amount} {r.schedule.description}
              </li>
            ))}
          </ul>
        </details>
      )}
    </main>
  );
}
