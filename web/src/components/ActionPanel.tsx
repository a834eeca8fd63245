import { useState } from 'react';
import type { Device, Role } from '../api/types';
import { clock, relative } from '../format';

export interface ActionPanelProps {
  devices: Device[];
  role: Role;
  /** Medication held by each dispenser that a regimen uses, so an extra dose is never one tap away. */
  medicationByDevice: Record<string, string>;
  busy: string | null;
  zone: string;
  now: Date;
  onAct(device: Device, kind: 'dispense' | 'call'): void;
}

/** Big buttons for what a caregiver does most: feed, give a treat, call the dog. */
export function ActionPanel({ devices, role, medicationByDevice, busy, zone, now, onAct }: ActionPanelProps) {
  const [confirming, setConfirming] = useState<Device | null>(null);
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
          return (
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
        })}
      </div>
      {confirming && (
        <div className="dialog-backdrop">
          <div role="dialog" aria-modal="true" aria-labelledby="confirm-title" className="dialog">
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
          </div>
        </div>
      )}
    </>
  );
}
