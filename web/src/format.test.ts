import { dayAndClock, relative } from './format';

const now = new Date('2026-11-25T10:00:00Z');

describe('relative', () => {
  it.each([
    ['2026-11-25T10:00:02Z', 'just now'],
    ['2026-11-25T10:00:40Z', 'in 40 s'],
    ['2026-11-25T09:57:00Z', '3 min ago'],
    ['2026-11-25T12:05:00Z', 'in 2 h 05 min'],
    ['2026-11-27T13:00:00Z', 'in 2 d 3 h'],
  ])('%s is %s', (at, expected) => expect(relative(at, now)).toBe(expected));
});

describe('dayAndClock', () => {
  it('says today, tomorrow and yesterday in the household zone, not the browser zone', () => {
    expect(dayAndClock('2026-11-25T15:00:00Z', 'Europe/Berlin', now)).toBe('today 16:00');
    expect(dayAndClock('2026-11-25T23:30:00Z', 'Europe/Berlin', now)).toBe('tomorrow 00:30');
    expect(dayAndClock('2026-11-24T10:00:00Z', 'Australia/Sydney', now)).toBe('yesterday 21:00');
  });

  it('names the day further away', () => {
    expect(dayAndClock('2026-11-28T07:00:00Z', 'UTC', now)).toBe('Sat 28 Nov, 07:00');
  });
});
