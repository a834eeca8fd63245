// Sensor readings as the dashboard keeps them: per device, in time order, each once, for a sliding day.

import type { Metric, Reading } from '../api/types';

export const day = 86_400_000;

export interface MetricInfo {
  label: string;
  /** Decimals worth showing: the sensors are no finer than this. */
  decimals: number;
}

export const metrics: Record<Metric, MetricInfo> = {
  temperature: { label: 'Temperature', decimals: 1 },
  humidity: { label: 'Humidity', decimals: 0 },
  bowl_weight: { label: 'Bowl', decimals: 0 },
  motion: { label: 'Motion', decimals: 0 },
};

/** The order metrics are shown in. */
export const metricOrder: Metric[] = ['bowl_weight', 'temperature', 'humidity', 'motion'];

export function metricLabel(metric: string): string {
  return metrics[metric as Metric]?.label ?? metric;
}

/** "20.2 °C", "46 %", "298 g"; motion reads as words. */
export function valueText(reading: Pick<Reading, 'metric' | 'value' | 'unit'>): string {
  if (reading.metric === 'motion') return reading.value > 0 ? 'moving' : 'still';
  const decimals = metrics[reading.metric as Metric]?.decimals ?? 1;
  const number = new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals, minimumFractionDigits: decimals }).format(reading.value);
  return reading.unit ? `${number} ${reading.unit}` : number;
}

/**
 * Adds readings to a device's list: kept in time order, each (metric, instant) once, none older than
 * <paramref name="since"/>. The list given is not changed.
 */
export function mergeReadings(list: Reading[], added: Reading[], since: number): Reading[] {
  const seen = new Set(list.map(key));
  const fresh = added.filter((r) => !seen.has(key(r)) && Date.parse(r.at) >= since);
  const kept = list.length > 0 && Date.parse(list[0].at) < since ? list.filter((r) => Date.parse(r.at) >= since) : list;
  if (fresh.length === 0) return kept;
  return [...kept, ...fresh].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The newest reading of each device and metric, with newer ones taking the place of older. */
export function mergeLatest(latest: Reading[], added: Reading[]): Reading[] {
  const byKey = new Map(latest.map((r) => [`${r.deviceId}|${r.metric}`, r]));
  for (const reading of added) {
    const current = byKey.get(`${reading.deviceId}|${reading.metric}`);
    if (!current || Date.parse(reading.at) >= Date.parse(current.at)) byKey.set(`${reading.deviceId}|${reading.metric}`, reading);
  }
  return [...byKey.values()];
}

/** Motion seen: from each start (1) to its end (0), or null while it goes on; an end first began before <paramref name="since"/>. */
export function motionPeriods(readings: Reading[], since: number): { from: number; to: number | null }[] {
  const periods: { from: number; to: number | null }[] = [];
  for (const reading of readings) {
    if (reading.metric !== 'motion') continue;
    const at = Date.parse(reading.at);
    const open = periods.at(-1);
    if (reading.value > 0) {
      if (!open || open.to !== null) periods.push({ from: at, to: null });
    } else if (open && open.to === null) {
      open.to = at;
    } else if (periods.length === 0) {
      periods.push({ from: Math.min(since, at), to: at });
    }
  }
  return periods;
}

function key(reading: Reading) {
  return `${reading.metric}|${Date.parse(reading.at)}`;
}
