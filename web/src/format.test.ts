import { addDays, dayAndClock, duration, instantOf, localDate, localTimes, relative } from './format';

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

describe('household wall clock', () => {
  it('finds the instant a local time names, on both sides of a daylight-saving change', () => {
    expect(instantOf('2026-12-07T00:00', 'Europe/Berlin').toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(instantOf('2026-07-01T07:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T05:00:00.000Z');
    expect(instantOf('2026-03-29T03:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(instantOf('2026-11-01T09:00', 'America/New_York').toISOString()).toBe('2026-11-01T14:00:00.000Z');
  });

  it('reads dates and durations as a person writes them', () => {
    expect(localDate('2026-12-06T23:30:00Z', 'Europe/Berlin')).toBe('2026-12-07');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(duration('08:00:00')).toBe('8 h');
    expect(duration('00:45:00')).toBe('45 min');
    expect(duration('1.02:30:00')).toBe('1 d 2 h 30 min');
    expect(duration('00:00:00')).toBe('0');
  });
});

describe('localTimes', () => {
  const now = new Date('2026-12-02T15:30:00Z');

  it('shows the UTC instants a gateway wrote on the household clock', () => {
    expect(localTimes('Locked out until 2026-12-02 21:23:16Z: the minimum interval since the last dispense has not passed.', 'Europe/Berlin', now)).toBe(
      'Locked out until today 22:23: the minimum interval since the last dispense has not passed.',
    );
    expect(localTimes('Missed: its window closed at 2026-12-02 23:24:28Z. Expired at 2026-12-01T08:00:00.5Z.', 'Europe/Berlin', now)).toBe(
      'Missed: its window closed at tomorrow 00:24. Expired at yesterday 09:00.',
    );
  });

  it('leaves other numbers and text alone', () => {
    expect(localTimes('Released 2 portions; 12 left of 2026.', 'Europe/Berlin', now)).toBe('Released 2 portions; 12 left of 2026.');
    expect(localTimes('due 2026-12-02 07:00 (local)', 'Europe/Berlin', now)).toBe('due 2026-12-02 07:00 (local)');
  });
});
