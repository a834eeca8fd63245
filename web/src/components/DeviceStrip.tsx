import type { Device } from '../api/types';
import { ago } from '../format';

export function DeviceStrip({ devices, now }: { devices: Device[]; now: Date }) {
  if (devices.length === 0) return <p className="muted">No devices yet. Enrol the home's gateway and start its agents.</p>;
  return (
    <ul className="device-strip">
      {devices.map((device) => (
        <li key={device.id} className={`device ${device.online ? 'online' : 'offline'}`} data-device-id={device.id}>
          <span className="dot" aria-hidden="true" />
          <div>
            <div className="device-name">{device.name}</div>
            <div className="muted">
              {device.online ? 'Online' : 'Offline'}
              {device.lastSeenAt && ` · seen ${ago(device.lastSeenAt, now)}`}
              {device.remaining !== null && ` · ${device.remaining} left`}
              {device.dosesLeft !== null && ` (${device.dosesLeft} doses)`}
            </div>
          </div>
        </li>
      ))}
    </ul>
  );
}
