import { useState, type FormEvent } from 'react';
import { problemText, type WillowApi } from '../api/client';
import type { Command, Device } from '../api/types';
import { finished } from '../api/types';
import { Dialog } from './Dialog';

/** Every speaker has these; they cannot be deleted (the speaker writes them again at start). */
export const builtInSounds = ['call', 'whistle', 'chime'];
export const maxSoundBytes = 2 * 1024 * 1024;
export const maxSpeech = 200;
const soundName = /^[a-z0-9_-]{1,64}$/;

export interface SpeakerPanelProps {
  api: WillowApi;
  household: string;
  device: Device;
  commands: Record<string, Command>;
  /** Caregivers and owners play and speak; only owners add and delete sounds. */
  canAct: boolean;
  isOwner: boolean;
  onIssue(kind: 'call', args: { sound: string } | { text: string }): Promise<Command>;
  /** The speaker's library as it answered an upload or a deletion. */
  onSoundsChanged(sounds: string[]): void;
}

/** A speaker: its sounds to play, words to say, and (for owners) sounds to add and delete. */
export function SpeakerPanel({ api, household, device, commands, canAct, isOwner, onIssue, onSoundsChanged }: SpeakerPanelProps) {
  const sounds = device.sounds ?? [];
  const [words, setWords] = useState('');
  const [last, setLast] = useState<{ command: Command; what: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const command = last ? commands[last.command.id] ?? last.command : undefined;

  async function call(args: { sound: string } | { text: string }, what: string) {
    setProblem(null);
    try {
      setLast({ command: await onIssue('call', args), what });
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; nothing was sent.'));
    }
  }

  async function remove(name: string) {
    setDeleting(null);
    setProblem(null);
    try {
      onSoundsChanged(await api.deleteSound(household, device.id, name));
    } catch (e) {
      setProblem(problemText(e, 'The hub cannot be reached; nothing was deleted.'));
    }
  }

  const say = (event: FormEvent) => {
    event.preventDefault();
    const text = words.trim();
    if (text) void call({ text }, `“${text}”`).then(() => setWords(''));
  };

  return (
    <section className="speaker" aria-label={`Sounds of ${device.name}`}>
      <h3 className="panel-title">Sounds</h3>
      {sounds.length === 0 ? (
        <p className="muted small">The speaker has not said which sounds it has yet.</p>
      ) : (
        <ul className="sound-list">
          {sounds.map((name) => (
            <li key={name} className="sound" data-sound={name}>
              <span className="sound-name">{name}</span>
              {builtInSounds.includes(name) && <span className="chip">built in</span>}
              <span className="sound-buttons">
                {canAct && (
                  <button type="button" className="secondary small-button" onClick={() => void call({ sound: name }, `‘${name}’`)} disabled={!device.online}
                    aria-label={`Play ${name}`}>
                    Play
                  </button>
                )}
                {isOwner && !builtInSounds.includes(name) && (
                  <button type="button" className="link danger small-button" onClick={() => setDeleting(name)} aria-label={`Delete ${name}`}>
                    Delete
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      {canAct && (
        <form className="inline-form say-form" onSubmit={say}>
          <label>
            Say…
            <input value={words} onChange={(e) => setWords(e.target.value)} maxLength={maxSpeech} placeholder="Willow, dinner!" />
          </label>
          <button type="submit" className="secondary" disabled={!device.online || words.trim() === ''}>
            Say it
          </button>
        </form>
      )}
      <p className="small" role="status">
        {command && last && callStatus(command, last.what)}
      </p>
      {problem && (
        <p className="error small" role="alert">
          {problem}
        </p>
      )}

      {isOwner && <SoundUpload api={api} household={household} device={device} onSoundsChanged={onSoundsChanged} />}

      {deleting && (
        <Dialog labelledBy={`delete-sound-${device.id}`} onClose={() => setDeleting(null)}>
          <h2 id={`delete-sound-${device.id}`}>Delete the sound ‘{deleting}’?</h2>
          <p>{device.name} forgets it, and refuses a call that asks for it (check the regimens that call first).</p>
          <div className="dialog-buttons">
            <button type="button" className="secondary" onClick={() => setDeleting(null)} autoFocus>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void remove(deleting)}>
              Delete
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

function SoundUpload({ api, household, device, onSoundsChanged }: { api: WillowApi; household: string; device: Device; onSoundsChanged(sounds: string[]): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = `sound-file-${device.id}`;

  function choose(chosen: File | null) {
    setFile(chosen);
    setError(null);
    setDone(null);
    if (chosen && !name) setName(nameFrom(chosen.name));
  }

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const type = file ? soundType(file) : null;
    if (!file || !type) return setError('Choose a WAV or OGG file.');
    if (file.size > maxSoundBytes) return setError(`That file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a sound may be at most 2 MB.`);
    if (!soundName.test(name)) return setError("A name is 1 to 64 lower-case letters, digits, '-' or '_'.");
    setBusy(true);
    try {
      onSoundsChanged(await api.uploadSound(household, device.id, name, file, type));
      setDone(`Added ‘${name}’.`);
      setFile(null);
      setName('');
      event.currentTarget?.reset();
    } catch (e) {
      setError(problemText(e, 'The hub cannot be reached; nothing was sent.'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="sound-upload" onSubmit={upload} aria-label={`Add a sound to ${device.name}`}>
      <h3 className="panel-title">Add a sound</h3>
      <label htmlFor={inputId}>Sound file (WAV or OGG, up to 2 MB)</label>
      <input id={inputId} type="file" accept=".wav,.ogg,audio/wav,audio/x-wav,audio/ogg" onChange={(e) => choose(e.target.files?.[0] ?? null)} />
      <div className="inline-form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={64} placeholder="dinner-bell" pattern="[a-z0-9_\-]{1,64}"
            title="Lower-case letters, digits, '-' or '_'" />
        </label>
        <button type="submit" className="secondary" disabled={busy || !file || !device.online}>
          {busy ? 'Adding…' : 'Add sound'}
        </button>
      </div>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="small" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

function callStatus(command: Command, what: string): string {
  if (!finished.includes(command.state)) return `Playing ${what}…`;
  if (command.state === 'succeeded') return `Played ${what}.`;
  return `Not played: ${command.events.at(-1)?.detail ?? command.state}.`;
}

/** The type the hub takes for a file, from its type or, failing that, its extension. */
export function soundType(file: File): 'audio/wav' | 'audio/ogg' | null {
  const type = file.type.toLowerCase();
  if (['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'].includes(type) || /\.wav$/i.test(file.name)) return 'audio/wav';
  if (['audio/ogg', 'application/ogg', 'video/ogg'].includes(type) || /\.(ogg|oga)$/i.test(file.name)) return 'audio/ogg';
  return null;
}

/** "Dinner Bell.wav" → "dinner-bell". */
export function nameFrom(fileName: string): string {
  return fileName
    .replace(/\.[^.]+$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
}
