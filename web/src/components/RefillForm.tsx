import { useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Device, Household } from '../api/types';

/** What is in a dispenser now (and how much it holds), told by the person who filled it. */
export function RefillForm({ api, household, device, onRefilled }: { api: WillowApi; household: Household; device: Device; onRefilled(): Promise<void> }) {
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
