import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ApiError, type WillowApi } from '../api/client';
import type { Command, Device } from '../api/types';
import { nameFrom, SpeakerPanel, type SpeakerPanelProps } from './SpeakerPanel';

const speaker: Device = {
  id: 'speaker', name: 'Kitchen speaker', capabilities: ['speaker'], link: 'gateway', gatewayId: 'home', online: true, lastSeenAt: null,
  version: null, capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil: null, sounds: ['call', 'chime', 'dinner-bell', 'whistle'],
};
const call = (args: Record<string, unknown>, state: Command['state'] = 'queued'): Command => ({
  id: 'c', householdId: 'h', deviceId: 'speaker', kind: 'call', args, issuedBy: 'jo', issuedAt: '2026-11-25T10:00:00Z', expiresAt: '2026-11-25T10:01:00Z',
  doseId: null, state, updatedAt: '2026-11-25T10:00:00Z', events: [{ state, at: '2026-11-25T10:00:00Z', source: 'hub', detail: null }],
});

function panel(props: Omit<Partial<SpeakerPanelProps>, 'api'> & { api?: Partial<WillowApi> } = {}) {
  const { api, ...rest } = props;
  const all: SpeakerPanelProps = {
    api: (api ?? {}) as WillowApi, household: 'h', device: speaker, commands: {}, canAct: true, isOwner: true,
    onIssue: async (_kind, args) => call(args), onSoundsChanged: () => undefined, ...rest,
  };
  return { props: all, ...render(<SpeakerPanel {...all} />) };
}

const wav = (bytes: number, name = 'Dinner Bell.wav', type = 'audio/wav') => new File([new Uint8Array(bytes)], name, { type });

describe('SpeakerPanel', () => {
  it('plays a sound and says words, each as a call, and shows how it went', async () => {
    const sent: unknown[] = [];
    const { props, rerender } = panel({ onIssue: async (_kind, args) => (sent.push(args), call(args)) });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Play whistle' })));
    expect(screen.getByRole('status')).toHaveTextContent('Playing ‘whistle’…');
    fireEvent.change(screen.getByLabelText('Say…'), { target: { value: '  Willow, dinner!  ' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Say it' })));

    expect(sent).toEqual([{ sound: 'whistle' }, { text: 'Willow, dinner!' }]);
    expect(screen.getByLabelText('Say…')).toHaveValue('');
    rerender(<SpeakerPanel {...props} commands={{ c: call({ text: 'Willow, dinner!' }, 'succeeded') }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Played “Willow, dinner!”.');
  });

  it('lets an owner delete an uploaded sound, but never a built-in one', async () => {
    const deleteSound = vi.fn(async () => ['call', 'chime', 'whistle']);
    const changed: string[][] = [];
    panel({ api: { deleteSound }, onSoundsChanged: (s) => changed.push(s) });

    expect(screen.queryByRole('button', { name: 'Delete call' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete whistle' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Delete dinner-bell' }));
    await act(async () => fireEvent.click(within(screen.getByRole('dialog', { name: 'Delete the sound ‘dinner-bell’?' })).getByRole('button', { name: 'Delete' })));

    expect(deleteSound).toHaveBeenCalledWith('h', 'speaker', 'dinner-bell');
    expect(changed).toEqual([['call', 'chime', 'whistle']]);
  });

  it('shows a caregiver the sounds to play, and a viewer just the list', () => {
    const { unmount } = panel({ isOwner: false });
    expect(screen.getAllByRole('button', { name: /^Play / })).toHaveLength(4);
    expect(screen.queryByRole('form', { name: /Add a sound/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Delete/ })).toBeNull();
    unmount();

    panel({ isOwner: false, canAct: false });
    expect(screen.getByText('dinner-bell')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('uploads a sound under a name made from its file name, and lists what the speaker answers', async () => {
    const uploadSound = vi.fn(async () => ['call', 'chime', 'dinner-bell', 'whistle', 'good-girl']);
    const changed: string[][] = [];
    panel({ api: { uploadSound }, onSoundsChanged: (s) => changed.push(s) });
    const form = screen.getByRole('form', { name: 'Add a sound to Kitchen speaker' });
    const file = wav(1000, 'Good Girl!.wav');

    fireEvent.change(within(form).getByLabelText('Sound file (WAV or OGG, up to 2 MB)'), { target: { files: [file] } });
    expect(within(form).getByLabelText('Name')).toHaveValue('good-girl');
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Add sound' })));

    expect(uploadSound).toHaveBeenCalledWith('h', 'speaker', 'good-girl', file, 'audio/wav');
    expect(changed.at(-1)).toContain('good-girl');
    expect(within(form).getByRole('status')).toHaveTextContent('Added ‘good-girl’.');
  });

  it('refuses a file too large or not a sound before sending it, and shows the speaker\u2019s own refusal', async () => {
    const uploadSound = vi.fn(async () => {
      throw new ApiError(422, 'The speaker refused it', 'The WAV file holds no sound.');
    });
    panel({ api: { uploadSound } });
    const form = screen.getByRole('form', { name: 'Add a sound to Kitchen speaker' });
    const input = within(form).getByLabelText('Sound file (WAV or OGG, up to 2 MB)');

    fireEvent.change(input, { target: { files: [wav(2 * 1024 * 1024 + 1)] } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Add sound' })));
    expect(within(form).getByRole('alert')).toHaveTextContent('a sound may be at most 2 MB');

    fireEvent.change(input, { target: { files: [wav(10, 'notes.txt', 'text/plain')] } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Add sound' })));
    expect(within(form).getByRole('alert')).toHaveTextContent('Choose a WAV or OGG file.');
    expect(uploadSound).not.toHaveBeenCalled();

    fireEvent.change(input, { target: { files: [wav(10, 'silence.wav')] } });
    await act(async () => fireEvent.click(within(form).getByRole('button', { name: 'Add sound' })));
    expect(within(form).getByRole('alert')).toHaveTextContent('The WAV file holds no sound.');
  });
});

describe('nameFrom', () => {
  it.each([
    ['Dinner Bell.wav', 'dinner-bell'],
    ['good_girl.OGG', 'good_girl'],
    ['---.wav', ''],
  ])('makes %s into %s', (file, name) => expect(nameFrom(file)).toBe(name));
});
