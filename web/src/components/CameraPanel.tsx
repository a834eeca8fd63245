import { useEffect, useRef, useState } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Command, Device, Photo } from '../api/types';
import { finished } from '../api/types';
import { useLiveView } from '../camera/useLiveView';
import { ago, dayAndClock } from '../format';
import { PhotoViewer } from './PhotoViewer';

export interface CameraPanelProps {
  api: WillowApi;
  household: string;
  zone: string;
  device: Device;
  /** This camera's photos, newest first. */
  photos: Photo[];
  /** Commands this page knows, by id, kept current by the live feed. */
  commands: Record<string, Command>;
  /** Caregivers and owners may ask for a photo; everyone may watch. */
  canAct: boolean;
  now: Date;
  onIssue(kind: 'snapshot'): Promise<Command>;
  /** Reads the photos again (when one is late: the live feed may have missed it). */
  onReload(): void;
}

const lateAfter = 20_000;

/** A camera: its latest photo, a new one on request, a live view on request, and the recent ones. */
export function CameraPanel({ api, household, zone, device, photos, commands, canAct, now, onIssue, onReload }: CameraPanelProps) {
  const live = useLiveView(api, household, device.id);
  const [viewing, setViewing] = useState<Photo | null>(null);
  const [asking, setAsking] = useState(false);
  const [pending, setPending] = useState<{ id: string; issued: Command; late: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [arrived, setArrived] = useState<string | null>(null);
  const reload = useRef(onReload);
  reload.current = onReload;
  const latest = photos[0];
  const command = pending ? commands[pending.id] ?? pending.issued : undefined;
  const photoOfPending = pending ? photos.find((p) => p.id === pending.id) : undefined;

  // The snapshot's photo carries the command's id; once it is here, the wait is over.
  useEffect(() => {
    if (!pending || !photoOfPending) return;
    setPending(null);
    setArrived(photoOfPending.id);
  }, [pending, photoOfPending]);

  // Taken but not here: ask the hub once more, then say it is on its way.
  const succeeded = command?.state === 'succeeded';
  useEffect(() => {
    if (!pending || !succeeded || pending.late) return;
    const timer = setTimeout(() => {
      reload.current();
      setPending((p) => (p ? { ...p, late: true } : p));
    }, lateAfter);
    return () => clearTimeout(timer);
  }, [pending, succeeded]);

  async function snapshot() {
    setAsking(true);
    setProblem(null);
    setArrived(null);
    try {
      const issued = await onIssue('snapshot');
      setPending({ id: issued.id, issued, late: false });
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; nothing was sent.'));
    } finally {
      setAsking(false);
    }
  }

  const ended = command && finished.includes(command.state) && command.state !== 'succeeded';
  const status = asking
    ? 'Asking the camera…'
    : ended
      ? null
      : pending
        ? succeeded
          ? pending.late ? 'Taken; it has not reached the hub yet and appears here when the home sends it.' : 'Taken; on its way to the hub…'
          : 'Taking a photo…'
        : arrived
          ? 'The new photo is here.'
          : null;
  const failure = problem ?? (ended ? `No photo: ${command.events.at(-1)?.detail ?? command.state}.` : null);
  const watching = live.phase === 'starting' || live.phase === 'playing';
  const title = (photo: Photo) => `${device.name}, ${dayAndClock(photo.takenAt, zone, now)}`;

  return (
    <section className="camera" aria-label={`Camera of ${device.name}`}>
      <div className="camera-view">
        {live.frame && live.phase !== 'off' ? (
          <img src={live.frame} alt={`Live view from ${device.name}`} className={`camera-picture${live.phase === 'playing' ? '' : ' stale'}`} />
        ) : latest ? (
          <button type="button" className="photo-button" onClick={() => setViewing(latest)} aria-label={`Enlarge the latest photo: ${title(latest)}`}>
            <img src={latest.url} alt="" width={latest.width} height={latest.height} className={`camera-picture${arrived === latest.id ? ' fresh' : ''}`} />
          </button>
        ) : (
          <div className="camera-empty muted">No photo yet.{canAct && ' Take one, or give a dose whose regimen asks for a photo after it.'}</div>
        )}
        {live.phase === 'playing' && <span className="live-badge">Live</span>}
        {live.phase === 'starting' && <span className="camera-note">Starting the live view…</span>}
      </div>
      {!watching && latest && (
        <p className="muted small camera-caption" data-testid="latest-photo-caption">
          Latest photo {dayAndClock(latest.takenAt, zone, now)} ({ago(latest.takenAt, now)}){latest.doseId && ' · after a dose'}
        </p>
      )}

      <div className="row-buttons">
        {canAct && (
          <button type="button" className="primary" onClick={() => void snapshot()} disabled={!device.online || asking || (pending !== null && !ended)}>
            Take a photo
          </button>
        )}
        {watching ? (
          <button type="button" className="secondary" onClick={live.stop}>
            Stop the live view
          </button>
        ) : (
          <button type="button" className="secondary" onClick={() => void live.start()} disabled={!device.online}>
            Watch live
          </button>
        )}
      </div>
      <p className="camera-status small" role="status">
        {status}
        {live.message && <span className={live.phase === 'failed' ? 'error' : undefined}> {live.message}</span>}
      </p>
      {failure && (
        <p className="error small" role="alert">
          {failure}
        </p>
      )}

      {photos.length > 1 && (
        <ul className="photo-strip" aria-label={`Recent photos from ${device.name}`}>
          {photos.map((photo) => (
            <li key={photo.id}>
              <button type="button" className="photo-thumb" onClick={() => setViewing(photo)} aria-label={`Photo ${dayAndClock(photo.takenAt, zone, now)}${photo.doseId ? ', after a dose' : ''}`}>
                <img src={photo.url} alt="" width={96} height={Math.round((96 * photo.height) / Math.max(1, photo.width))} />
              </button>
            </li>
          ))}
        </ul>
      )}

      {viewing && (
        <PhotoViewer
          src={viewing.url}
          title={title(viewing)}
          caption={`${viewing.width}×${viewing.height}${viewing.doseId ? ' · taken after a dose' : ''}`}
          onClose={() => setViewing(null)}
        />
      )}
    </section>
  );
}
