import { useCallback, useEffect, useRef, useState } from 'react';
import { problemText, type WillowApi } from '../api/client';
import { mjpegFrames } from './mjpeg';

export type LiveViewPhase = 'off' | 'starting' | 'playing' | 'ended' | 'failed';

export interface LiveViewState {
  phase: LiveViewPhase;
  /** The newest frame, as an object URL an img can show. */
  frame: string | null;
  /** What to tell the person: why it failed, how it ended. */
  message: string | null;
}

const off: LiveViewState = { phase: 'off', frame: null, message: null };

/**
 * A camera's live view, started only by a person (it costs the home's uplink), stopped by them, by leaving the
 * page or hiding it, or by the hub after a few minutes; says which.
 */
export function useLiveView(api: WillowApi, household: string, device: string) {
  const [state, setState] = useState<LiveViewState>(off);
  const running = useRef<AbortController | null>(null);
  const urls = useRef<string[]>([]);

  const forget = useCallback(() => {
    urls.current.forEach((url) => URL.revokeObjectURL(url));
    urls.current = [];
  }, []);

  const stop = useCallback(
    (message: string | null = null) => {
      running.current?.abort();
      running.current = null;
      forget();
      setState(message ? { phase: 'off', frame: null, message } : off);
    },
    [forget],
  );

  const start = useCallback(async () => {
    running.current?.abort();
    forget();
    const controller = new AbortController();
    running.current = controller;
    setState({ phase: 'starting', frame: null, message: null });
    const began = performance.now();
    let frames = 0;
    try {
      const response = await api.watchCamera(household, device, controller.signal);
      for await (const jpeg of mjpegFrames(response)) {
        if (controller.signal.aborted) return;
        const url = URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }));
        // Keep the frame on screen and the one before it (still decoding, perhaps); let older ones go.
        urls.current.push(url);
        while (urls.current.length > 2) URL.revokeObjectURL(urls.current.shift()!);
        frames++;
        setState({ phase: 'playing', frame: url, message: null });
      }
      if (controller.signal.aborted) return;
      const lasted = minutesAndSeconds(performance.now() - began);
      setState((s) => ({
        phase: frames > 0 ? 'ended' : 'failed',
        frame: s.frame,
        message: frames > 0
          ? `The live view ended after ${lasted}. It stops by itself after a few minutes, to spare the home’s connection; watch again if you need to.`
          : 'The camera sent no picture.',
      }));
    } catch (error) {
      if (controller.signal.aborted) return;
      setState((s) => ({
        phase: 'failed',
        frame: s.frame,
        message: frames > 0
          ? `The live view was cut off after ${minutesAndSeconds(performance.now() - began)}: the connection to the hub dropped.`
          : problemText(error, 'The hub cannot be reached; the live view did not start.'),
      }));
    } finally {
      if (running.current === controller) running.current = null;
    }
  }, [api, household, device, forget]);

  // A hidden page watches nobody: stop, and say why.
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden' && running.current) stop('Stopped while the page was hidden, to spare the home’s connection.');
    };
    document.addEventListener('visibilitychange', onVisibility);
    return () => document.removeEventListener('visibilitychange', onVisibility);
  }, [stop]);

  useEffect(
    () => () => {
      running.current?.abort();
      forget();
    },
    [forget],
  );

  return { ...state, start, stop: () => stop('Stopped.') };
}

function minutesAndSeconds(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}
