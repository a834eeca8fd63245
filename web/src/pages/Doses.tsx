import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Adherence, Dose, Household, Pet } from '../api/types';
import { addDays, clock, dayName, instantOf, localDate, localTimes, mondayOf } from '../format';
import { PhotoViewer } from '../components/PhotoViewer';
import { useLive } from '../live/useLive';

const stateLabels: Record<Dose['state'], string> = {
  scheduled: 'Scheduled',
  dispensed: 'Given',
  missed: 'Missed',
  skipped: 'Skipped',
  uncertain: 'Uncertain',
};

/** A week of doses on the household's calendar, coloured by what became of each; confirm and skip here. */
export function Doses({ api, household }: { api: WillowApi; household: Household }) {
  const zone = household.timeZone;
  const [weekStart, setWeekStart] = useState(() => mondayOf(localDate(new Date(), zone)));
  const [petFilter, setPetFilter] = useState<string>('');
  const [pets, setPets] = useState<Pet[]>([]);
  const [doses, setDoses] = useState<Dose[]>([]);
  const [adherence, setAdherence] = useState<Adherence[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const canAct = household.role === 'owner' || household.role === 'caregiver';

  const load = useCallback(async () => {
    try {
      const from = instantOf(`${weekStart}T00:00`, zone);
      const to = instantOf(`${addDays(weekStart, 7)}T00:00`, zone);
      const [list, petList] = await Promise.all([api.doses(household.id, from, to), api.pets(household.id)]);
      setDoses(list);
      setPets(petList);
      setAdherence(await Promise.all(petList.map((p) => api.adherence(household.id, p.id, from, to))));
      setProblem(null);
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; showing what was last known.'));
    }
  }, [api, household.id, weekStart, zone]);

  useEffect(() => void load(), [load]);
  useLive(household.id, { doses: () => void load(), all: () => void load() });

  const shown = doses.filter((d) => !petFilter || d.petId === petFilter);
  const byDay = (day: string) => shown.filter((d) => localDate(d.scheduledAt, zone) === day).sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  const chosen = doses.find((d) => d.id === selected) ?? null;
  const today = localDate(new Date(), zone);

  return (
    <main className="page">
      <div className="page-head">
        <h1 className="page-title">Doses</h1>
        <div className="toolbar">
          <button type="button" className="secondary" onClick={() => setWeekStart(addDays(weekStart, -7))} aria-label="Previous week">
            ←
          </button>
          <span className="week-label" aria-live="polite">
            {weekLabel(weekStart)}
          </span>
          <button type="button" className="secondary" onClick={() => setWeekStart(addDays(weekStart, 7))} aria-label="Next week">
            →
          </button>
          <button type="button" className="secondary" onClick={() => setWeekStart(mondayOf(today))}>
            This week
          </button>
          <label className="inline-label">
            <span className="visually-hidden">Pet</span>
            <select value={petFilter} onChange={(e) => setPetFilter(e.target.value)}>
              <option value="">All pets</option>
              {pets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {problem && (
        <p className="error banner" role="alert">
          {problem}
        </p>
      )}

      <section className="adherence-row" aria-label="Adherence this week">
        {adherence
          .filter((a) => !petFilter || a.petId === petFilter)
          .flatMap((a) =>
            a.regimens.map((r) => (
              <div key={r.regimenId} className="card stat">
                <div className="stat-figure">{r.percent === null ? '–' : `${Math.round(r.percent)}%`}</div>
                <div>
                  <strong>
                    {a.petName} · {r.medication}
                  </strong>
                  <div className="muted small">
                    {r.due === 0
                      ? 'No dose was due yet this week.'
                      : `${r.dispensed} given of ${r.due} due · ${r.missed} missed · ${r.skipped} skipped${r.uncertain > 0 ? ` · ${r.uncertain} uncertain` : ''} · ${r.confirmed} seen eaten`}
                  </div>
                </div>
              </div>
            )),
          )}
      </section>

      <div className="legend" aria-hidden="true">
        {Object.entries(stateLabels).map(([state, label]) => (
          <span key={state} className={`badge badge-dose-${state}`}>
            {label}
          </span>
        ))}
      </div>

      <ol className="week" aria-label={`Doses, ${weekLabel(weekStart)}`}>
        {days.map((day) => {
          const list = byDay(day);
          return (
            <li key={day} className={`day card${day === today ? ' today' : ''}`} aria-label={dayName(day)}>
              <h2 className="day-title">
                {dayName(day)}
                {day === today && <span className="badge">Today</span>}
              </h2>
              {list.length === 0 ? (
                <p className="muted small">No doses</p>
              ) : (
                <ul className="dose-list">
                  {list.map((d) => (
                    <li key={d.id}>
                      <button type="button" className={`dose-chip dose-${d.state}`} aria-expanded={selected === d.id} onClick={() => setSelected(selected === d.id ? null : d.id)}>
                        <span className="dose-time">{clock(d.scheduledAt, zone)}</span>
                        <span className={`badge badge-dose-${d.state}`}>
                          {stateLabels[d.state]}
                          {d.confirmedBy && ' ✓'}
                        </span>
                        <span className="dose-what">
                          {d.petName} · {d.medication}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>

      {chosen && <DoseDetail api={api} household={household} dose={chosen} canAct={canAct} onChanged={load} onClose={() => setSelected(null)} />}
    </main>
  );
}

function DoseDetail({ api, household, dose, canAct, onChanged, onClose }: {
  api: WillowApi; household: Household; dose: Dose; canAct: boolean; onChanged(): Promise<void>; onClose(): void;
}) {
  const zone = household.timeZone;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [enlarged, setEnlarged] = useState(false);
  const open = dose.state === 'scheduled' && new Date(dose.windowCloses) > new Date();
  const photo = dose.photoId ? api.photoUrl(household.id, dose.photoId) : null;
  const heading = useRef<HTMLHeadingElement>(null);

  // On a phone the week is a long list: bring the chosen dose's details to the person, and their focus with it.
  useEffect(() => {
    heading.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    heading.current?.focus({ preventScroll: true });
  }, [dose.id]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await onChanged();
    } catch (e) {
      setError(problemText(e));
    } finally {
      setBusy(false);
    }
  }

  const skip = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api.skipDose(household.id, dose.id, reason.trim()));
  };

  return (
    <section className="card dose-detail" aria-labelledby="dose-detail-title">
      <div className="page-head">
        <h2 id="dose-detail-title" ref={heading} tabIndex={-1}>
          {dose.petName}: {dose.amount} {dose.medication}
        </h2>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="facts">
        <dt>Due</dt>
        <dd>
          {new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(new Date(dose.scheduledAt))} (window{' '}
          {clock(dose.windowOpens, zone)}–{clock(dose.windowCloses, zone)})
        </dd>
        <dt>State</dt>
        <dd>
          <span className={`badge badge-dose-${dose.state}`}>{stateLabels[dose.state]}</span> {dose.detail && localTimes(dose.detail, zone)}
        </dd>
        {photo && (
          <>
            <dt>Photo</dt>
            <dd>
              <button type="button" className="dose-photo" onClick={() => setEnlarged(true)} aria-label="Enlarge the photo taken after this dose">
                <img src={photo} alt="" width={96} height={72} />
              </button>
            </dd>
          </>
        )}
        {dose.confirmedBy && (
          <>
            <dt>Seen eaten</dt>
            <dd>
              by {dose.confirmedBy} at {clock(dose.confirmedAt!, zone)}
            </dd>
          </>
        )}
      </dl>
      {enlarged && photo && (
        <PhotoViewer src={photo} title={`${dose.petName} after ${dose.medication}`} caption={`${stateLabels[dose.state]} · due ${clock(dose.scheduledAt, zone)}`} onClose={() => setEnlarged(false)} />
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {canAct && dose.state === 'dispensed' && !dose.confirmedBy && (
        <button type="button" className="primary" disabled={busy} onClick={() => void run(() => api.confirmDose(household.id, dose.id))}>
          Confirm eaten
        </button>
      )}
      {canAct && open && (
        <form className="inline-form" onSubmit={skip}>
          <label>
            Reason for skipping
            <input required maxLength={300} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="The vet said to pause it" />
          </label>
          <button type="submit" className="secondary" disabled={busy || reason.trim() === ''}>
            Skip this dose
          </button>
        </form>
      )}
    </section>
  );
}

function weekLabel(monday: string): string {
  return `${dayName(monday, false)} – ${dayName(addDays(monday, 6), false)}`;
}
