import type { Reading } from '../api/types';
import { mergeLatest, mergeReadings, motionPeriods, valueText } from './readings';

const reading = (metric: Reading['metric'], value: number, at: string, deviceId = 'station'): Reading => ({
  deviceId, metric, value, unit: { temperature: '°C', humidity: '%', bowl_weight: 'g', motion: '' }[metric], at,
});

describe('mergeReadings', () => {
  it('keeps time order, each reading once, and nothing older than the day shown', () => {
    const list = [reading('temperature', 20, '2026-11-24T09:00:00Z'), reading('temperature', 21, '2026-11-24T10:00:00Z')];
    const added = [
      reading('temperature', 21, '2026-11-24T10:00:00.000+00:00'), // the same reading, written another way
      reading('temperature', 22, '2026-11-24T11:00:00Z'),
      reading('humidity', 40, '2026-11-24T09:30:00Z'),
    ];

    const merged = mergeReadings(list, added, Date.parse('2026-11-24T09:15:00Z'));

    expect(merged.map((r) => `${r.metric} ${r.value}`)).toEqual(['humidity 40', 'temperature 21', 'temperature 22']);
  });
});

describe('mergeLatest', () => {
  it('lets a newer reading replace the older one of the same device and metric only', () => {
    const latest = [reading('bowl_weight', 300, '2026-11-24T10:00:00Z'), reading('bowl_weight', 50, '2026-11-24T10:00:00Z', 'other')];
    const merged = mergeLatest(latest, [reading('bowl_weight', 120, '2026-11-24T10:05:00Z'), reading('bowl_weight', 999, '2026-11-24T09:00:00Z', 'other')]);
    expect(merged.map((r) => `${r.deviceId} ${r.value}`).sort()).toEqual(['other 50', 'station 120']);
  });
});

describe('motionPeriods', () => {
  it('pairs each start with its end, and leaves one going on open', () => {
    const since = Date.parse('2026-11-24T08:00:00Z');
    const periods = motionPeriods([
      reading('motion', 0, '2026-11-24T08:01:00Z'), // began before the span
      reading('motion', 1, '2026-11-24T09:00:00Z'),
      reading('motion', 0, '2026-11-24T09:00:40Z'),
      reading('motion', 1, '2026-11-24T10:00:00Z'),
    ], since);
    expect(periods).toEqual([
      { from: since, to: Date.parse('2026-11-24T08:01:00Z') },
      { from: Date.parse('2026-11-24T09:00:00Z'), to: Date.parse('2026-11-24T09:00:40Z') },
      { from: Date.parse('2026-11-24T10:00:00Z'), to: null },
    ]);
  });
});

describe('valueText', () => {
  it.each([
    [reading('temperature', 20.25, ''), '20.3 °C'],
    [reading('humidity', 46.6, ''), '47 %'],
    [reading('bowl_weight', 298.8, ''), '299 g'],
    [reading('bowl_weight', 1250, ''), '1,250 g'],
    [reading('motion', 1, ''), 'moving'],
  ])('writes %o as %s', (r, text) => expect(valueText(r)).toBe(text));
});
