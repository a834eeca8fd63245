import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type WillowApi } from '../api/client';
import type { Device, Household, Pet, Regimen, RegimenPreview, RegimenRequest } from '../api/types';
import { dayName, localDate, spanMinutes } from '../format';
import { FieldError } from './Field';

export interface RegimenForm {
  petId: string;
  medication: string;
  amount: string;
  portions: string;
  kind: 'every' | 'timesOfDay' | 'cron';
  everyHours: string;
  times: string;
  cron: string;
  startsAt: string;
  endsAt: string;
  windowBeforeMinutes: string;
  windowAfterMinutes: string;
  minimumIntervalHours: string;
  deviceId: string;
  callFirst: boolean;
  callDeviceId: string;
  photoAfter: boolean;
}

const maxWindowMinutes = 7 * 24 * 60;

/**
 * The same rules the hub applies before it saves (RegimenRules and the request's annotations), so a
 * person hears of a mistake while typing. The hub checks again and has the last word: its answers to
 * the preview appear under the same fields.
 */
export function validateRegimen(form: RegimenForm, creating: boolean): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] = [message]);
  if (creating && !form.petId) add('petId', 'petId is required: the pet the medication is for.');
  if (!form.medication.trim() || form.medication.trim().length > 100) add('medication', 'medication must be 1 to 100 characters, e.g. "clomipramine".');
  if (!form.amount.trim() || form.amount.trim().length > 100) add('amount', 'amount must be 1 to 100 characters, e.g. "1 tablet".');
  const portions = Number(form.portions);
  if (!Number.isInteger(portions) || portions < 1 || portions > 5) add('portions', 'portions must be from 1 to 5.');
  if (form.kind === 'every') {
    const hours = Number(form.everyHours);
    if (!(hours > 0) || hours > 31 * 24) add('schedule.every', 'every must be a duration between 1 second and 31 days, e.g. "08:00:00".');
  } else if (form.kind === 'timesOfDay') {
    const times = splitTimes(form.times);
    if (times.length === 0 || times.length > 24 || new Set(times).size !== times.length) {
      add('schedule.times', 'times must list 1 to 24 different times of day, e.g. ["07:00", "19:00"].');
    } else if (times.find((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t))) {
      add('schedule.times', `'${times.find((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t))}' is not a time of day; use HH:mm, e.g. "07:00".`);
    }
  } else if (!form.cron.trim()) {
    add('schedule.cron', 'cron is not a valid expression, e.g. "0 7,15,23 * * *".');
  }
  if (!form.startsAt) add('startsAt', 'startsAt is required, e.g. "2026-12-01T07:00".');
  if (form.endsAt && form.startsAt && form.endsAt <= form.startsAt) add('endsAt', 'endsAt must be after startsAt.');
  for (const [field, minutes] of [
    ['windowBefore', Number(form.windowBeforeMinutes)],
    ['windowAfter', Number(form.windowAfterMinutes)],
    ['minimumInterval', Number(form.minimumIntervalHours) * 60],
  ] as const) {
    if (!(minutes >= 0) || minutes > maxWindowMinutes) add(field, `${field} must be between 0 and 7 days.`);
  }
  if (!form.deviceId) add('deviceId', 'deviceId is required: the dispenser that gives the doses.');
  return errors;
}

export function toRequest(form: RegimenForm, creating: boolean): RegimenRequest {
  return {
    ...(creating ? { petId: form.petId } : {}),
    medication: form.medication.trim(),
    amount: form.amount.trim(),
    portions: Number(form.portions),
    schedule:
      form.kind === 'every'
        ? { kind: 'every', every: span(Number(form.everyHours) * 60) }
        : form.kind === 'timesOfDay'
          ? { kind: 'timesOfDay', times: splitTimes(form.times) }
          : { kind: 'cron', cron: form.cron.trim() },
    startsAt: form.startsAt,
    endsAt: form.endsAt || null,
    windowBefore: span(Number(form.windowBeforeMinutes)),
    windowAfter: span(Number(form.windowAfterMinutes)),
    minimumInterval: span(Number(form.minimumIntervalHours) * 60),
    deviceId: form.deviceId,
    callFirst: form.callFirst,
    ...(form.callFirst && form.callDeviceId ? { callDeviceId: form.callDeviceId } : {}),
    photoAfter: form.photoAfter,
  };
}

/** Minutes as a .NET TimeSpan ("d.hh:mm:ss"), the form the hub reads durations in. */
export function span(totalMinutes: number): string {
  const minutes = Math.round(totalMinutes);
  const days = Math.floor(minutes / 1440);
  const hh = String(Math.floor((minutes % 1440) / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${hh}:${mm}:00`;
}

function splitTimes(text: string): string[] {
  return text.split(/[\s,;]+/).map((t) => t.trim()).filter(Boolean);
}

function formOf(regimen: Regimen | null, pets: Pet[], dispensers: Device[], zone: string): RegimenForm {
  if (!regimen) {
    const tomorrow = localDate(new Date(Date.now() + 86_400_000), zone);
    return {
      petId: pets.length === 1 ? pets[0].id : '', medication: '', amount: '1 tablet', portions: '1', kind: 'every', everyHours: '8',
      times: '07:00, 19:00', cron: '0 7,15,23 * * *', startsAt: `${tomorrow}T07:00`, endsAt: '', windowBeforeMinutes: '0',
      windowAfterMinutes: '30', minimumIntervalHours: '0', deviceId: dispensers.length === 1 ? dispensers[0].id : '', callFirst: false,
      callDeviceId: '', photoAfter: false,
    };
  }
  return {
    petId: regimen.petId, medication: regimen.medication, amount: regimen.amount, portions: String(regimen.portions),
    kind: regimen.schedule.kind, everyHours: String(spanMinutes(regimen.schedule.every) / 60 || 8), times: (regimen.schedule.times ?? ['07:00']).join(', '),
    cron: regimen.schedule.cron ?? '', startsAt: regimen.startsAt.slice(0, 16), endsAt: regimen.endsAt?.slice(0, 16) ?? '',
    windowBeforeMinutes: String(spanMinutes(regimen.windowBefore)), windowAfterMinutes: String(spanMinutes(regimen.windowAfter)),
    minimumIntervalHours: String(spanMinutes(regimen.minimumInterval) / 60), deviceId: regimen.deviceId, callFirst: regimen.callFirst,
    callDeviceId: regimen.callDeviceId ?? '', photoAfter: regimen.photoAfter,
  };
}

export interface RegimenEditorProps {
  api: WillowApi;
  household: Household;
  pets: Pet[];
  devices: Device[];
  regimen: Regimen | null;
  onDone(): void;
  onCancel(): void;
}

/** Create or change a regimen, with the next ten doses as the hub would schedule them. */
export function RegimenEditor({ api, household, pets, devices, regimen, onDone, onCancel }: RegimenEditorProps) {
  const zone = household.timeZone;
  const creating = regimen === null;
  const dispensers = devices.filter((d) => d.capabilities.includes('dispenser') && d.link === 'gateway');
  const speakers = devices.filter((d) => d.capabilities.includes('speaker'));
  const hasCamera = devices.some((d) => d.capabilities.includes('camera'));
  const [form, setForm] = useState<RegimenForm>(() => formOf(regimen, pets, dispensers, zone));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string[]>>({});
  const [preview, setPreview] = useState<RegimenPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const localErrors = useMemo(() => validateRegimen(form, creating), [form, creating]);
  const request = useMemo(() => toRequest(form, creating), [form, creating]);
  const valid = Object.keys(localErrors).length === 0;

  // Ask the hub for the next ten doses once the form is valid here; it may still find what only it can
  // check (doses too close together across a DST change, a cron that never fires, an unknown device).
  useEffect(() => {
    if (!valid) {
      setPreview(null);
      setServerErrors({});
      return;
    }
    let current = true;
    const timer = setTimeout(async () => {
      try {
        const answer = await api.previewRegimen(household.id, request);
        if (!current) return;
        setPreview(answer);
        setServerErrors({});
      } catch (e) {
        if (!current) return;
        setPreview(null);
        setServerErrors(e instanceof ApiError ? e.errors : {});
      }
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, household.id, request, valid]);

  const errorsFor = (field: string) => (submitted || touched.has(field) ? localErrors[field] : undefined) ?? serverErrors[field];
  const set = <K extends keyof RegimenForm>(key: K, value: RegimenForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const blur = (field: string) => () => setTouched((t) => new Set(t).add(field));

  async function save(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    setProblem(null);
    if (!valid) return;
    setBusy(true);
    try {
      if (creating) await api.createRegimen(household.id, request);
      else await api.changeRegimen(household.id, regimen.id, request);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) {
        setServerErrors(e.errors);
        setProblem(Object.keys(e.errors).length ? 'The hub refused these terms; see the fields marked below.' : (e.detail ?? e.title));
      } else {
        setProblem('The hub cannot be reached; nothing was saved.');
      }
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, input: ReactNode, help?: string) => (
    <div className="field">
      <label>
        {label}
        {input}
      </label>
      {help && <span className="muted small">{help}</span>}
      <FieldError id={`${name}-error`} messages={errorsFor(name)} />
    </div>
  );
  const invalid = (name: string) => ({ 'aria-invalid': errorsFor(name) ? true : undefined, 'aria-describedby': `${name}-error`, onBlur: blur(name) });
  const otherErrors = Object.entries(serverErrors).filter(([k]) => !knownFields.includes(k));

  return (
    <form className="editor" onSubmit={save} noValidate aria-labelledby="editor-title">
      <div className="page-head">
        <h1 id="editor-title" className="page-title">
          {creating ? 'New regimen' : `Change ${regimen.medication} for ${regimen.petName}`}
        </h1>
      </div>
      <div className="editor-grid">
        <fieldset className="card form">
          <legend>Medication</legend>
          {creating &&
            field('petId', 'Pet', (
              <select value={form.petId} onChange={(e) => set('petId', e.target.value)} {...invalid('petId')}>
                <option value="">Choose a pet…</option>
                {pets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            ))}
          {field('medication', 'Medication', <input value={form.medication} maxLength={100} onChange={(e) => set('medication', e.target.value)} placeholder="clomipramine" {...invalid('medication')} />)}
          <div className="two">
            {field('amount', 'Amount per dose', <input value={form.amount} maxLength={100} onChange={(e) => set('amount', e.target.value)} {...invalid('amount')} />)}
            {field('portions', 'Dispenser turns', <input type="number" min={1} max={5} value={form.portions} onChange={(e) => set('portions', e.target.value)} {...invalid('portions')} />)}
          </div>
          {field('deviceId', 'Dispenser', (
            <select value={form.deviceId} onChange={(e) => set('deviceId', e.target.value)} {...invalid('deviceId')}>
              <option value="">Choose a dispenser…</option>
              {dispensers.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          ))}
        </fieldset>

        <fieldset className="card form">
          <legend>When</legend>
          <div className="segmented" role="radiogroup" aria-label="Schedule">
            {(
              [
                ['every', 'Every N hours'],
                ['timesOfDay', 'Times of day'],
                ['cron', 'Cron'],
              ] as const
            ).map(([kind, label]) => (
              <label key={kind} className={form.kind === kind ? 'chosen' : ''}>
                <input type="radio" name="kind" value={kind} checked={form.kind === kind} onChange={() => set('kind', kind)} />
                {label}
              </label>
            ))}
          </div>
          {form.kind === 'every' &&
            field('schedule.every', 'Every (hours)', <input type="number" min={0.25} step={0.25} value={form.everyHours} onChange={(e) => set('everyHours', e.target.value)} {...invalid('schedule.every')} />, 'Counted in elapsed time, so the gap stays exact across daylight saving.')}
          {form.kind === 'timesOfDay' &&
            field('schedule.times', 'Times of day', <input value={form.times} onChange={(e) => set('times', e.target.value)} placeholder="07:00, 19:00" {...invalid('schedule.times')} />, `On the household's clock (${zone}).`)}
          {form.kind === 'cron' &&
            field('schedule.cron', 'Cron expression', <input value={form.cron} spellCheck={false} onChange={(e) => set('cron', e.target.value)} {...invalid('schedule.cron')} />, 'Five fields: minute hour day month weekday.')}
          <div className="dates">
            {field('startsAt', 'Course starts', <input type="datetime-local" value={form.startsAt} onChange={(e) => set('startsAt', e.target.value)} {...invalid('startsAt')} />)}
            {field('endsAt', 'Course ends (optional)', <input type="datetime-local" value={form.endsAt} onChange={(e) => set('endsAt', e.target.value)} {...invalid('endsAt')} />)}
          </div>
          <div className="three">
            {field('windowBefore', 'Early by (min)', <input type="number" min={0} value={form.windowBeforeMinutes} onChange={(e) => set('windowBeforeMinutes', e.target.value)} {...invalid('windowBefore')} />)}
            {field('windowAfter', 'Late by (min)', <input type="number" min={0} value={form.windowAfterMinutes} onChange={(e) => set('windowAfterMinutes', e.target.value)} {...invalid('windowAfter')} />)}
            {field('minimumInterval', 'Never twice within (h)', <input type="number" min={0} step={0.5} value={form.minimumIntervalHours} onChange={(e) => set('minimumIntervalHours', e.target.value)} {...invalid('minimumInterval')} />)}
          </div>
          <label className="check">
            <input type="checkbox" checked={form.callFirst} onChange={(e) => set('callFirst', e.target.checked)} disabled={speakers.length === 0} />
            Call the dog first{speakers.length === 0 && ' (needs a speaker)'}
          </label>
          {form.callFirst && speakers.length > 1 &&
            field('callDeviceId', 'Speaker', (
              <select value={form.callDeviceId} onChange={(e) => set('callDeviceId', e.target.value)} {...invalid('callDeviceId')}>
                <option value="">Choose a speaker…</option>
                {speakers.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            ))}
          <FieldError id="callDeviceId-error" messages={form.callFirst && speakers.length <= 1 ? errorsFor('callDeviceId') : undefined} />
          <label className="check">
            <input type="checkbox" checked={form.photoAfter} onChange={(e) => set('photoAfter', e.target.checked)} disabled={!hasCamera} />
            Take a photo after{!hasCamera && ' (needs a camera)'}
          </label>
        </fieldset>

        <section className="card preview" aria-labelledby="preview-title" aria-live="polite">
          <h2 id="preview-title" className="section-title">
            Next ten doses
          </h2>
          {preview ? (
            <ol className="preview-list">
              {preview.doses.map((d) => (
                <li key={d.scheduledAt}>
                  <time dateTime={d.scheduledAt}>{`${dayName(d.local.slice(0, 10))}, ${d.local.slice(11, 16)}`}</time>
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{valid ? 'Asking the hub…' : 'Fill in the terms to see when doses fall.'}</p>
          )}
          <p className="muted small">Times on the household's clock ({zone}).</p>
          {otherErrors.map(([k, v]) => (
            <p key={k} className="field-error">
              {v.join(' ')}
            </p>
          ))}
        </section>
      </div>
      {problem && (
        <p className="error banner" role="alert">
          {problem}
        </p>
      )}
      <div className="form-buttons">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : creating ? 'Create regimen' : 'Save changes'}
        </button>
      </div>
    </form>
  );
}

const knownFields = [
  'petId', 'medication', 'amount', 'portions', 'deviceId', 'schedule.every', 'schedule.times', 'schedule.cron', 'startsAt', 'endsAt',
  'windowBefore', 'windowAfter', 'minimumInterval', 'callDeviceId',
];
