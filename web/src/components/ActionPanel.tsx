import { useState, type FormEvent } from 'react';
import type { Device, Role } from '../api/types';
import { clock, relative } from '../format';
import { Dialog } from './Dialog';

export interface ActionPanelProps {
  devices: Device[];
  role: Role;
  /** Medication held by each dispenser that a regimen uses, so an extra dose is never one tap away. */
  medicationByDevice: Record<string, string>;
  busy: string | null;
  zone: string;
  now: Date;
  /** With lockoutOverride, an owner's dispense inside the lockout, for the reason given. */
  onAct(device: Device, kind: 'dispense' | 'call', lockoutOverride?: { reason: string }): void;
}

/** The hub's bounds on an override's reason. */
const reasonLength = { min: 3, max: 500 };

/** Big buttons for what a caregiver does most: feed, give a treat, call the dog. */
export function ActionPanel({ devices, role, medicationByDevice, busy, zone, now, onAct }: ActionPanelProps) {
  const [confirming, setConfirming] = useState<Device | null>(null);
  const [overriding, setOverriding] = useState<{ device: Device; until: string } | null>(null);
  if (role === 'viewer') {
    return <p className="muted" data-testid="viewer-note">You can see everything here; feeding and calling are for caregivers and owners.</p>;
  }

  const actions = devices.flatMap((device) => [
    ...(device.capabilities.includes('dispenser') ? [{ device, kind: 'dispense' as const }] : []),
    ...(device.capabilities.includes('speaker') ? [{ device, kind: 'call' as const }] : []),
  ]);
  if (actions.length === 0) return <p className="muted">No dispenser or speaker yet.</p>;

  return (
    <>
      <div className="actions">
        {actions.map(({ device, kind }) => {
          const medication = kind === 'dispense' ? medicationByDevice[device.id] : undefined;
          const label = kind === 'call' ? 'Call' : medication ? 'Give medication' : 'Feed';
          // The home refuses a dispense inside the lockout; say so before anyone presses.
          const lockedUntil = kind === 'dispense' && device.lockedUntil && new Date(device.lockedUntil) > now ? device.lockedUntil : null;
          const button = (
            <button
              key={`${device.id}-${kind}`}
              type="button"
              className={`action action-${kind}${medication ? ' action-medication' : ''}${lockedUntil ? ' action-locked' : ''}`}
              disabled={!device.online || busy !== null || lockedUntil !== null}
              aria-describedby={`why-${device.id}-${kind}`}
              onClick={() => (medication ? setConfirming(device) : onAct(device, kind))}
            >
              <span className="action-label">{label}</span>
              <span className="action-device" id={`why-${device.id}-${kind}`}>
                {device.name}
                {!device.online && ' · offline'}
                {lockedUntil && (
                  <span className="action-lock" data-testid="lockout">
                    Locked until {clock(lockedUntil, zone)} ({relative(lockedUntil, now)}): the last dose was too recent.
                  </span>
                )}
              </span>
            </button>
          );
          // Only an owner may override, and the hub audits it; nobody else is offered the choice.
          if (!lockedUntil || role !== 'owner') return button;
          return (
            <div key={`${device.id}-${kind}`} className="action-cell">
              {button}
              <button type="button" className="secondary override-button" disabled={!device.online || busy !== null}
                onClick={() => setOverriding({ device, until: lockedUntil })} aria-label={`Give anyway on ${device.name}, overriding the lockout…`}>
                Give anyway…
              </button>
            </div>
          );
        })}
      </div>
      {confirming && (
        <Dialog labelledBy="confirm-title" onClose={() => setConfirming(null)}>
          <h2 id="confirm-title">Give an extra dose now?</h2>
          <p>
            {confirming.name} holds <strong>{medicationByDevice[confirming.id]}</strong>. A dose given now counts for the dose due
            within its window; the home refuses it if one was given too recently.
          </p>
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setConfirming(null)} autoFocus>
              Cancel
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                onAct(confirming, 'dispense');
                setConfirming(null);
              }}
            >
              Give it now
            </button>
          </div>
        </Dialog>
      )}
      {overriding && (
        <OverrideDialog
          device={overriding.device}
          until={overriding.until}
          medication={medicationByDevice[overriding.device.id]}
          zone={zone}
          onCancel={() => setOverriding(null)}
          onGive={(reason) => {
            onAct(overriding.device, 'dispense', { reason });
            setOverriding(null);
          }}
        />
      )}
    </>
  );
}

function OverrideDialog({ device, until, medication, zone, onCancel, onGive }: {
  device: Device; until: string; medication: string | undefined; zone: string; onCancel(): void; onGive(reason: string): void;
}) {
  const [reason, setReason] = useState('');
  const enough = reason.trim().length >= reasonLength.min;
  const give = (event: FormEvent) => {
    event.preventDefault();
    if (enough) onGive(reason.trim());
  };
  return (
    <Dialog labelledBy="override-title" onClose={onCancel}>
      <form className="form" onSubmit={give}>
        <h2 id="override-title">Give {medication ? 'a dose' : 'one'} inside the lockout?</h2>
        <p>
          {device.name} is locked until <strong>{clock(until, zone)}</strong> because the last {medication ? <>dose of <strong>{medication}</strong></> : 'one'} was
          too recent. Giving one now overrides that at home. Your name and your reason go into the audit log and the command's timeline.
        </p>
        <label>
          Why it is needed (required)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required minLength={reasonLength.min} maxLength={reasonLength.max} rows={3}
            placeholder="She dropped the first one behind the sofa" autoFocus />
        </label>
        <div className="dialog-buttons">
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!enough}>
            Give anyway
          </button>
        </div>
      </form>
    </Dialog>
  );
}
