// The arithmetic of the sensor charts, apart from drawing them: axes on round values and on the household's
// wall clock, lines thinned to the pixels there are and broken where the sensor went quiet.

import { offsetAt } from '../format';

export interface Point {
  t: number;
  v: number;
}

const minute = 60_000;
const hour = 60 * minute;
const timeSteps = [minute, 2 * minute, 5 * minute, 10 * minute, 15 * minute, 30 * minute, hour, 2 * hour, 3 * hour, 6 * hour, 12 * hour, 24 * hour];

/** Round values (1, 2 or 5 × 10ⁿ apart), about <paramref name="count"/> of them, and the span they cover. */
export function valueTicks(low: number, high: number, count = 4): { ticks: number[]; min: number; max: number } {
  if (!Number.isFinite(low) || !Number.isFinite(high)) return valueTicks(0, 1, count);
  if (!(high > low)) {
    const pad = Math.max(Math.abs(low) * 0.05, 1);
    return valueTicks(low - pad, high + pad, count);
  }
  const rough = (high - low) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const min = Math.floor(low / step) * step;
  const max = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let v = min; v <= max + step / 2; v += step) ticks.push(Number(v.toFixed(10)));
  return { ticks, min, max };
}

/** The smallest clock-friendly step that gives no more than <paramref name="most"/> intervals in the span. */
export function timeStep(span: number, most: number): number {
  return timeSteps.find((s) => span / s <= most) ?? timeSteps[timeSteps.length - 1];
}

/** Instants in [from, to] at whole steps of the household's wall clock (06:00, 12:00 — not the browser's). */
export function timeTicks(from: number, to: number, step: number, zone: string): number[] {
  const offset = offsetAt(new Date(from), zone);
  const firstLocal = Math.ceil((from + offset) / step) * step;
  const ticks: number[] = [];
  for (let local = firstLocal; local - offset <= to + 12 * hour; local += step) {
    // The offset at each tick, so that a daylight-saving change keeps ticks on the wall clock's whole hours.
    const t = local - offsetAt(new Date(local - offset), zone);
    if (t >= from && t <= to && ticks.at(-1) !== t) ticks.push(t);
    if (ticks.length > 200) break;
  }
  return ticks;
}

/** Whether an instant is midnight on the household's clock (its tick is labelled with the day). */
export function isLocalMidnight(t: number, zone: string): boolean {
  return (t + offsetAt(new Date(t), zone)) % (24 * hour) === 0;
}

/**
 * The line through <paramref name="points"/> (in time order) as segments: averaged into <paramref name="buckets"/>
 * slots across [from, to], and broken wherever the readings stop for much longer than they usually come, so that a
 * quiet sensor does not draw a straight line over the hours it said nothing.
 */
export function lineSegments(points: Point[], from: number, to: number, buckets: number): Point[][] {
  const inside = points.filter((p) => p.t >= from && p.t <= to);
  if (inside.length === 0) return [];
  const slot = Math.max(1, (to - from) / Math.max(1, buckets));
  const gaps = inside.slice(1).map((p, i) => p.t - inside[i].t).sort((a, b) => a - b);
  const usual = gaps.length > 0 ? gaps[Math.floor(gaps.length / 2)] : 0;
  const breakAfter = Math.max(4 * usual, 3 * slot, minute);

  const segments: Point[][] = [];
  let current: Point[] = [];
  let sum = { t: 0, v: 0, n: 0, index: -1 };
  const flush = () => {
    if (sum.n > 0) current.push({ t: sum.t / sum.n, v: sum.v / sum.n });
    sum = { t: 0, v: 0, n: 0, index: -1 };
  };
  inside.forEach((p, i) => {
    if (i > 0 && p.t - inside[i - 1].t > breakAfter) {
      flush();
      segments.push(current);
      current = [];
    }
    const index = Math.floor((p.t - from) / slot);
    if (index !== sum.index) flush();
    sum = { t: sum.t + p.t, v: sum.v + p.v, n: sum.n + 1, index };
  });
  flush();
  segments.push(current);
  return segments.filter((s) => s.length > 0);
}

export interface TableRow {
  from: number;
  to: number;
  count: number;
  mean: number;
  low: number;
  high: number;
}

/** The readings summed up per step of the clock, for the table a screen reader (or anyone) can read instead. */
export function tableRows(points: Point[], from: number, to: number, zone: string, most = 24): TableRow[] {
  const step = timeStep(to - from, most);
  const starts = [from, ...timeTicks(from, to, step, zone).filter((t) => t > from)];
  return starts
    .map((start, i) => {
      const end = starts[i + 1] ?? to + 1;
      const values = points.filter((p) => p.t >= start && p.t < end).map((p) => p.v);
      if (values.length === 0) return null;
      return {
        from: start, to: Math.min(end, to), count: values.length,
        mean: values.reduce((a, b) => a + b, 0) / values.length, low: Math.min(...values), high: Math.max(...values),
      };
    })
    .filter((row): row is TableRow => row !== null);
}
