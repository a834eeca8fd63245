import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { ApiError, type WillowApi } from '../api/client';
import type { Command, CommandState, Device, Photo } from '../api/types';
import { CameraPanel, type CameraPanelProps } from './CameraPanel';

const zone = 'Europe/Berlin';
const now = new Date('2026-11-25T10:00:00Z');
const camera: Device = {
  id: 'station', name: 'Feeding station', capabilities: ['camera', 'sensors'], link: 'gateway', gatewayId: 'home', online: true,
  lastSeenAt: null, version: null, capacity: null, remaining: null, dosesLeft: null, runsOutAt: null, lockedUntil: null,
};
const photo = (id: string, takenAt: string, doseId: string | null = null): Photo => ({
  id, deviceId: 'station', doseId, takenAt, width: 640, height: 480, bytes: 30_000, url: `/api/v1/households/h/photos/${id}`,
});
const snapshot = (id: string, states: CommandState[]): Command => ({
  id, householdId: 'h', deviceId: 'station', kind: 'snapshot', args: {}, issuedBy: 'jo', issuedAt: now.toISOString(), expiresAt: now.toISOString(),
  doseId: null, state: states[states.length - 1], updatedAt: now.toISOString(),
  events: states.map((state) => ({ state, at: now.toISOString(), source: 'agent', detail: state === 'failed' ? 'ffmpeg wrote no picture.' : null })),
});

function panel(props: Omit<Partial<CameraPanelProps>, 'api'> & { api?: Partial<WillowApi> }) {
  const { api, ...rest } = props;
  const all: CameraPanelProps = {
    api: (api ?? {}) as WillowApi, household: 'h', zone, device: camera, photos: [], commands: {}, canAct: true, now,
    onIssue: async () => snapshot('new', ['queued']), onReload: () => undefined, ...rest,
  };
  return { props: all, ...render(<CameraPanel {...all} />) };
}

describe('CameraPanel', () => {
  beforeEach(() => {
    let n = 0;
    URL.createObjectURL = vi.fn(() => `blob:frame-${++n}`);
    URL.revokeObjectURL = vi.fn();
  });

  it('shows the latest photo with when it was taken, and enlarges it on a click', () => {
    panel({ photos: [photo('b', '2026-11-25T09:57:00Z', 'dose-1'), photo('a', '2026-11-25T08:00:00Z')] });

    expect(screen.getByTestId('latest-photo-caption')).toHaveTextContent('Latest photo today 10:57 (3 min ago) · after a dose');
    expect(screen.getByRole('list', { name: 'Recent photos from Feeding station' }).querySelectorAll('li')).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: /Enlarge the latest photo/ }));

    const dialog = screen.getByRole('dialog', { name: 'Feeding station, today 10:57' });
    expect(within(dialog).getByRole('img')).toHaveAttribute('src', '/api/v1/households/h/photos/b');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes a photo: progress while the command runs, then the new photo once the hub has it', async () => {
    const issued: string[] = [];
    const { props, rerender } = panel({ onIssue: async (kind) => (issued.push(kind), snapshot('new', ['queued'])) });

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Take a photo' })));
    expect(issued).toEqual(['snapshot']);
    expect(screen.getByRole('status')).toHaveTextContent('Taking a photo…');
    expect(screen.getByRole('button', { name: 'Take a photo' })).toBeDisabled();

    rerender(<CameraPanel {...props} commands={{ new: snapshot('new', ['queued', 'delivered', 'executing', 'succeeded']) }} />);
    expect(screen.getByRole('status')).toHaveTextContent('Taken; on its way to the hub…');

    // The photo carries the command's id (PhotoAdded).
    rerender(<CameraPanel {...props} commands={{ new: snapshot('new', ['queued', 'succeeded']) }} photos={[photo('new', '2026-11-25T10:00:00Z')]} />);
    expect(screen.getByRole('status')).toHaveTextContent('The new photo is here.');
    expect(screen.getByRole('button', { name: /Enlarge the latest photo: Feeding station, today 11:00/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Take a photo' })).toBeEnabled();
  });

  it('says why when the camera did not take the photo', async () => {
    const { props, rerender } = panel({});
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Take a photo' })));
    rerender(<CameraPanel {...props} commands={{ new: snapshot('new', ['queued', 'executing', 'failed']) }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('No photo: ffmpeg wrote no picture.');
  });

  it('offers a viewer the live view but no photo taking', () => {
    panel({ canAct: false });
    expect(screen.queryByRole('button', { name: 'Take a photo' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Watch live' })).toBeEnabled();
  });

  it('never starts the live view by itself; shows its frames once asked, and says when it ended', async () => {
    const frames = [new Uint8Array([0xff, 0xd8, 1, 0xff, 0xd9]), new Uint8Array([0xff, 0xd8, 2, 0xff, 0xd9])];
    let finish!: () => void;
    const watchCamera = vi.fn(async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const f of frames) {
            controller.enqueue(new TextEncoder().encode(`--f\r\nContent-Type: image/jpeg\r\nContent-Length: ${f.length}\r\n\r\n`));
            controller.enqueue(f);
          }
          finish = () => controller.close();
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'multipart/x-mixed-replace; boundary=f' } });
    });
    panel({ api: { watchCamera } });
    expect(watchCamera).not.toHaveBeenCalled();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Watch live' })));
    const live = await screen.findByRole('img', { name: 'Live view from Feeding station' });
    expect(live).toHaveAttribute('src', 'blob:frame-2');
    expect(screen.getByText('Live')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop the live view' })).toBeInTheDocument();

    await act(async () => finish());
    expect(await screen.findByText(/The live view ended after \d+ s/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Watch live' })).toBeInTheDocument();
  });

  it('gives the hub\u2019s reason when the live view cannot start', async () => {
    const watchCamera = vi.fn(async () => {
      throw new ApiError(503, 'The home is offline', "The gateway 'home' is not connected.");
    });
    panel({ api: { watchCamera } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Watch live' })));
    expect(screen.getByRole('status')).toHaveTextContent("The gateway 'home' is not connected.");
  });

  it('stops the live view when asked, and lets go of the stream', async () => {
    let signal!: AbortSignal;
    const watchCamera = vi.fn(async (_h: string, _d: string, s: AbortSignal) => {
      signal = s;
      const body = new ReadableStream<Uint8Array>({ start() {} });
      return new Response(body, { headers: { 'Content-Type': 'multipart/x-mixed-replace; boundary=f' } });
    });
    panel({ api: { watchCamera } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Watch live' })));
    expect(screen.getByText('Starting the live view…')).toBeInTheDocument();

    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Stop the live view' })));
    expect(signal.aborted).toBe(true);
    expect(screen.getByRole('status')).toHaveTextContent('Stopped.');
  });
});
