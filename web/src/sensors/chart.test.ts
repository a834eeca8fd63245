import { clock } from '../format';
import { lineSegments, tableRows, timeStep, timeTicks, valueTicks } from './chart';

const minute = 60_000;
const hour = 60 * minute;
const berlin = 'Europe/Berlin';
const at = (iso: string) => Date.parse(iso);
const labels = (ticks: number[], zone: string) => ticks.map((t) => clock(new Date(t).toISOString(), zone));

describe('valueTicks', () => {
  it.each([
    [19.6, 22.3, [19, 20, 21, 22, 23]],
    [0, 301, [0, 200, 400]],
    [45.2, 49.1, [44, 46, 48, 50]],
  ])('puts round values around %s–%s', (low, high, ticks) => {
    expect(valueTicks(low, high, 4).ticks).toEqual(ticks);
  });

  it('gives a flat series some room instead of dividing by nothing', () => {
    const { min, max } = valueTicks(20, 20);
    expect(min).toBeLessThan(20);
    expect(max).toBeGreaterThan(20);
  });
});

describe('timeTicks', () => {
  it('falls on the household\u2019s whole hours, not UTC\u2019s', () => {
    const from = at('2026-11-24T10:07:00Z');
    const ticks = timeTicks(from, from + 24 * hour, 6 * hour, berlin);
    expect(labels(ticks, berlin)).toEqual(['12:00', '18:00', '00:00', '06:00']);
    expect(labels(ticks, 'UTC')).toEqual(['11:00', '17:00', '23:00', '05:00']);
  });

  it('stays on the wall clock across the night Berlin springs forward', () => {
    const from = at('2026-03-28T22:30:00Z');
    const ticks = timeTicks(from, from + 8 * hour, hour, berlin);
    expect(labels(ticks, berlin)).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00', '06:00', '07:00', '08:00']);
  });

  it('chooses a step that fits the width it has', () => {
    expect(timeStep(24 * hour, 4)).toBe(6 * hour);
    expect(timeStep(24 * hour, 12)).toBe(2 * hour);
    expect(timeStep(10 * minute, 5)).toBe(2 * minute);
  });
});

describe('lineSegments', () => {
  it('breaks the line where the sensor went quiet instead of drawing across the gap', () => {
    const from = at('2026-11-24T10:00:00Z');
    const points = [0, 1, 2, 3, 60, 61, 62].map((m) => ({ t: from + m * minute, v: m }));
    const segments = lineSegments(points, from, from + 62 * minute, 1000);
    expect(segments.map((s) => s.map((p) => p.v))).toEqual([[0, 1, 2, 3], [60, 61, 62]]);
  });

  it('averages readings that fall into one slot, keeping about as many points as there are slots', () => {
    const from = 0;
    const points = Array.from({ length: 8640 }, (_, i) => ({ t: i * 10_000, v: i % 2 === 0 ? 10 : 20 }));
    const [segment] = lineSegments(points, from, 86_400_000, 150);
    expect(segment.length).toBeGreaterThanOrEqual(150);
    expect(segment.length).toBeLessThanOrEqual(151);
    expect(segment[0].v).toBe(15);
  });

  it('leaves out readings outside the span', () => {
    const points = [{ t: -5, v: 1 }, { t: 5, v: 2 }, { t: 50, v: 3 }];
    expect(lineSegments(points, 0, 10, 10).flat().map((p) => p.v)).toEqual([2]);
  });
});

describe('tableRows', () => {
  it('sums up a day hour by hour on the household\u2019s clock', () => {
    const from = at('2026-11-24T10:30:00Z');
    const points = Array.from({ length: 24 * 4 }, (_, i) => ({ t: from + i * 15 * minute, v: i }));
    const rows = tableRows(points, from, from + 24 * hour, berlin);
    expect(rows.length).toBeLessThanOrEqual(25);
    expect(labels(rows.slice(0, 3).map((r) => r.from), berlin)).toEqual(['11:30', '12:00', '13:00']);
    expect(rows[0]).toMatchObject({ count: 2, low: 0, high: 1, mean: 0.5 });
    expect(rows.reduce((n, r) => n + r.count, 0)).toBe(points.length);
  });
});

describe('valueTicks without values', () => {
  it('gives an axis all the same (a metric with nothing in the span draws an empty chart, not an error)', () => {
    expect(valueTicks(Math.min(), Math.max()).ticks.length).toBeGreaterThan(1);
  });
});
