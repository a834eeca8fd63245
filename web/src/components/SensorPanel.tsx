import { useState } from 'react';
import { problemText } from '../api/client';
import type { Command, Device, Reading } from '../api/types';
import { finished } from '../api/types';
import { ago, clock } from '../format';
import { day, metricLabel, metricOrder, valueText } from '../sensors/readings';
import { Dialog } from './Dialog';
import { ReadingChart } from './ReadingChart';

export interface SensorPanelProps {
  device: Device;
  /** This board's readings of the last day, in time order. */
  readings: Reading[];
  /** This board's newest reading of each metric, however old. */
  latest: Reading[];
  commands: Record<string, Command>;
  /** Caregivers and owners may zero the scale. */
  canAct: boolean;
  zone: string;
  now: Date;
  onIssue(kind: 'tare'): Promise<Command>;
}

/** The shortest span a chart shows, so that a board that has just started does not stretch three readings across the width. */
const shortest = 60_000;

/** A sensors board: what it reads now, a chart of each metric over the last day, and zeroing the bowl's scale. */
export function SensorPanel({ device, readings, latest, commands, canAct, zone, now, onIssue }: SensorPanelProps) {
  const [confirming, setConfirming] = useState(false);
  const [tare, setTare] = useState<Command | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // The page's clock ticks every few seconds; a reading heard since is drawn all the same.
  const to = Math.max(now.getTime(), readings.length > 0 ? Date.parse(readings[readings.length - 1].at) : 0);
  const first = readings.length > 0 ? Date.parse(readings[0].at) : to;
  // A day at most; less while the board has not been reading that long.
  const from = Math.min(Math.max(to - day, first), to - shortest);
  const shown = metricOrder.filter((m) => latest.some((r) => r.metric === m) || readings.some((r) => r.metric === m));
  const current = latest.filter((r) => shown.includes(r.metric)).sort((a, b) => metricOrder.indexOf(a.metric) - metricOrder.indexOf(b.metric));
  const tareCommand = tare ? commands[tare.id] ?? tare : undefined;

  async function zero() {
    setConfirming(false);
    setProblem(null);
    try {
      setTare(await onIssue('tare'));
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; nothing was sent.'));
    }
  }

  return (
    <section className="sensors" aria-label={`Sensors of ${device.name}`}>
      {shown.length === 0 ? (
        <p className="muted">No readings yet. They appear here as the board takes them.</p>
      ) : (
        <ul className="sensor-values">
          {current.map((r) => (
            <li key={r.metric} className="sensor-value" data-metric={r.metric}>
              <span className="sensor-label">{metricLabel(r.metric)}</span>
              <strong className="sensor-figure">{r.metric === 'motion' ? (r.value > 0 ? 'Moving' : 'Still') : valueText(r)}</strong>
              <span className="muted small">
                {r.metric === 'motion' ? `since ${clock(r.at, zone)}` : ago(r.at, now)}
              </span>
            </li>
          ))}
        </ul>
      )}

      <div className="charts">
        {shown.map((metric) => (
          <ReadingChart key={metric} metric={metric} readings={readings.filter((r) => r.metric === metric)} from={from} to={to} zone={zone} now={now} />
        ))}
      </div>

      {canAct && (
        <div className="row-buttons">
          <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={!device.online}>
            Zero the scale…
          </button>
        </div>
      )}
      <p className="small" role="status">
        {tareCommand && tareStatus(tareCommand)}
      </p>
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}

      {confirming && (
        <Dialog labelledBy={`tare-title-${device.id}`} onClose={() => setConfirming(false)}>
          <h2 id={`tare-title-${device.id}`}>Zero the bowl's scale?</h2>
          <p>
            Take all the food out and leave the <strong>empty bowl</strong> on the scale. What it weighs now becomes 0 g; every later
            reading is what is in the bowl.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void zero()}>
              Zero it
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function tareStatus(command: Command): string {
  if (!finished.includes(command.state)) return 'Zeroing the scale…';
  if (command.state === 'succeeded') return 'Zeroed: the empty bowl reads 0 g.';
  return `Not zeroed: ${command.events.at(-1)?.detail ?? command.state}.`;
}
