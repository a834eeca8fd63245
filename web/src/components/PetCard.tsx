import { useState } from 'react';
import type { Adherence, Dose, Pet } from '../api/types';
import { dayAndClock, localTimes, relative, sentence } from '../format';
import { PhotoViewer } from './PhotoViewer';

const doseWords: Record<Dose['state'], string> = {
  scheduled: 'to come',
  dispensed: 'given',
  missed: 'missed',
  skipped: 'skipped',
  uncertain: 'uncertain',
};

export interface PetCardProps {
  pet: Pet;
  next: Dose | undefined;
  last: Dose | undefined;
  adherence: Adherence | undefined;
  /** Where the photo taken after the last dose is, when the camera took one. */
  lastPhotoUrl?: string | null;
  zone: string;
  now: Date;
}

export function PetCard({ pet, next, last, adherence, lastPhotoUrl, zone, now }: PetCardProps) {
  const [enlarged, setEnlarged] = useState(false);
  const regimens = adherence?.regimens ?? [];
  const due = regimens.reduce((sum, r) => sum + r.due - r.skipped, 0);
  const given = regimens.reduce((sum, r) => sum + r.dispensed, 0);
  return (
    <article className="card pet-card" aria-labelledby={`pet-${pet.id}`}>
      <header className="pet-head">
        <div className="pet-avatar" aria-hidden="true">{pet.name.slice(0, 1)}</div>
        <div>
          <h2 id={`pet-${pet.id}`}>{pet.name}</h2>
          {pet.species && <div className="muted">{pet.species}</div>}
        </div>
      </header>

      <dl className="pet-facts">
        <div>
          <dt>Next dose</dt>
          {next ? (
            <dd>
              <strong>{next.medication}</strong> {next.amount}
              <div className="countdown" data-testid="next-dose-countdown">
                {dayAndClock(next.scheduledAt, zone, now)} · {relative(next.scheduledAt, now)}
              </div>
            </dd>
          ) : (
            <dd className="muted">None scheduled</dd>
          )}
        </div>
        <div>
          <dt>Last dose</dt>
          {last ? (
            <dd className={lastPhotoUrl ? 'last-dose with-photo' : 'last-dose'}>
              {lastPhotoUrl && (
                <button type="button" className="dose-photo" onClick={() => setEnlarged(true)}
                  aria-label={`Enlarge the photo after ${pet.name}'s ${last.medication}, ${dayAndClock(last.scheduledAt, zone, now)}`}>
                  <img src={lastPhotoUrl} alt="" width={96} height={72} />
                </button>
              )}
              <div>
                <span className={`badge badge-dose-${last.state}`}>{doseWords[last.state]}</span> {last.medication},{' '}
                {dayAndClock(last.scheduledAt, zone, now)}
                {last.state === 'dispensed' && !last.confirmedAt && <div className="muted">Not yet confirmed eaten</div>}
                {last.detail && last.state !== 'dispensed' && <div className="muted">{localTimes(last.detail, zone, now)}</div>}
              </div>
              {enlarged && lastPhotoUrl && (
                <PhotoViewer
                  src={lastPhotoUrl}
                  title={`${pet.name} after ${last.medication}`}
                  caption={`${sentence(doseWords[last.state])} · ${last.amount} ${last.medication}, due ${dayAndClock(last.scheduledAt, zone, now)}${last.confirmedBy ? ` · seen eaten by ${last.confirmedBy}` : ''}`}
                  onClose={() => setEnlarged(false)}
                />
              )}
            </dd>
          ) : (
            <dd className="muted">None yet</dd>
          )}
        </div>
        <div>
          <dt>This week</dt>
          <dd>{due > 0 ? `${given} of ${due} doses given` : 'No doses due yet'}</dd>
        </div>
      </dl>
    </article>
  );
}
