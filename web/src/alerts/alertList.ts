import { useCallback, useEffect, useState } from 'react';
import type { WillowApi } from '../api/client';
import type { Alert, AlertState } from '../api/types';
import { useLive } from '../live/useLive';

const attention: Record<AlertState, number> = { open: 0, acknowledged: 1, resolved: 2 };

/** Open before acknowledged before resolved; newest first within each. */
export function byAttention(a: Alert, b: Alert): number {
  return attention[a.state] - attention[b.state] || b.openedAt.localeCompare(a.openedAt);
}

/**
 * A dashboard path for an alert's link: the hub makes links absolute when it knows its public address, and a
 * link to this very dashboard should move within the page rather than load it again.
 */
export function pathOf(link: string, origin: string = window.location.origin): string | null {
  if (link.startsWith('/')) return link;
  try {
    const url = new URL(link);
    return url.origin === origin ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}

/**
 * The household's alerts in the given states, kept current by the live feed (AlertsChanged says "read them
 * again"; after a reconnect they are read afresh too). Says whether the feed is connected.
 */
export function useAlerts(api: WillowApi, household: string, states: AlertState[]) {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const key = states.join(',');
  const reload = useCallback(async () => {
    try {
      const lists = await Promise.all(key.split(',').map((state) => api.alerts(household, { state: state as AlertState, limit: 200 })));
      setAlerts(lists.flat().sort(byAttention));
      setProblem(null);
    } catch {
      setProblem('The hub cannot be reached; showing what was last known.');
    }
  }, [api, household, key]);
  useEffect(() => void reload(), [reload]);
  const live = useLive(household, { alerts: () => void reload(), all: () => void reload() });
  return { alerts, problem, reload, setAlerts, live };
}
