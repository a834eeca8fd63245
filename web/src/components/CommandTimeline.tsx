import type { Command, CommandState } from '../api/types';
import { finished } from '../api/types';
import { clock, localTimes } from '../format';

const labels: Record<CommandState, string> = {
  queued: 'Queued',
  delivered: 'Delivered',
  executing: 'Executing',
  succeeded: 'Succeeded',
  failed: 'Failed',
  refused: 'Refused',
  expired: 'Expired',
  uncertain: 'Uncertain',
  cancelled: 'Cancelled',
};

/** What a person should do about an ending that is not a success. */
const advice: Partial<Record<CommandState, string>> = {
  failed: 'Nothing was given. Check the device (empty or jammed?) before trying again.',
  refused: 'Nothing was given. The reason is above; an owner can override a lockout if it is really needed.',
  expired: 'Nothing was given: the home did not take it in time. Check that the gateway is online.',
  uncertain: 'It may or may not have been given. Check the bowl before giving another dose.',
};

const steps: CommandState[] = ['queued', 'delivered', 'executing'];

function verb(command: Command, device: string) {
  const { sound, text } = (command.args ?? {}) as { sound?: unknown; text?: unknown };
  switch (command.kind) {
    case 'dispense':
      return `Dispense on ${device}`;
    case 'call':
      if (typeof text === 'string') return `Say “${text}” on ${device}`;
      return typeof sound === 'string' && sound !== 'call' ? `Play ‘${sound}’ on ${device}` : `Call on ${device}`;
    case 'snapshot':
      return `Photo on ${device}`;
    case 'tare':
      return `Zero the scale on ${device}`;
    default:
      return `${command.kind} on ${device}`;
  }
}

export interface CommandTimelineProps {
  commands: Command[];
  zone: string;
  /** Device names by id; a command names its device by id when the name is not known. */
  deviceNames?: Record<string, string>;
}

export function CommandTimeline({ commands, zone, deviceNames = {} }: CommandTimelineProps) {
  if (commands.length === 0) {
    return <p className="muted">Nothing sent yet. What you send appears here and moves live.</p>;
  }

  return (
    <ol className="timeline" aria-live="polite">
      {commands.map((command) => {
        const done = finished.includes(command.state);
        const last = command.events[command.events.length - 1];
        const reached = new Set(command.events.map((e) => e.state));
        return (
          <li key={command.id} className={`command state-${command.state}`} data-command-id={command.id}>
            <div className="command-head">
              <span className="command-what">{verb(command, deviceNames[command.deviceId] ?? command.deviceId)}</span>
              <span className={`badge badge-${command.state}`} data-testid="command-state">
                {labels[command.state]}
              </span>
            </div>
            <div className="command-meta">
              {clock(command.issuedAt, zone)} · by {command.issuedBy}
            </div>
            {command.lockoutOverride && (
              <p className="override-note" data-testid="override">
                Lockout overridden by {command.lockoutOverride.by}: “{command.lockoutOverride.reason}”
              </p>
            )}
            <ol className="steps" aria-label="Progress">
              {steps.map((step) => (
                <li key={step} className={reached.has(step) ? 'step reached' : 'step'}>
                  {labels[step]}
                </li>
              ))}
              <li className={done ? `step reached end-${command.state}` : 'step'}>{done ? labels[command.state] : 'Done'}</li>
            </ol>
            {done && last?.detail && <p className="command-detail">{localTimes(last.detail, zone)}</p>}
            {advice[command.state] && <p className={`advice advice-${command.state}`}>{advice[command.state]}</p>}
          </li>
        );
      })}
    </ol>
  );
}
