// Times as a person reads them: in the household's zone, relative when it is soon.

export function clock(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(iso));
}

export function dayAndClock(iso: string, zone: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(d);
  const time = clock(iso, zone);
  if (day(at) === day(now)) return `today ${time}`;
  const tomorrow = new Date(now.getTime() + 86_400_000);
  if (day(at) === day(tomorrow)) return `tomorrow ${time}`;
  const yesterday = new Date(now.getTime() - 86_400_000);
  if (day(at) === day(yesterday)) return `yesterday ${time}`;
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(at);
}

/** "in 2 h 05 min", "in 40 s", "3 min ago". */
export function relative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const span = Math.abs(seconds);
  if (span < 5) return 'just now';
  let text: string;
  if (span < 60) text = `${span} s`;
  else if (span < 3600) text = `${Math.floor(span / 60)} min`;
  else if (span < 86_400) text = `${Math.floor(span / 3600)} h ${String(Math.floor((span % 3600) / 60)).padStart(2, '0')} min`;
  else text = `${Math.floor(span / 86_400)} d ${Math.floor((span % 86_400) / 3600)} h`;
  return seconds >= 0 ? `in ${text}` : `${text} ago`;
}

/**
 * "3 min ago" for an instant past; "just now" for one a moment ahead, which is only another machine's clock
 * or a page's "now" a few seconds old, never the future.
 */
export function ago(iso: string, now: Date = new Date()): string {
  return new Date(iso) > now ? 'just now' : relative(iso, now);
}

export function sentence(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** "2026-12-01" for the instant as the household's calendar shows it. */
export function localDate(iso: string | Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/**
 * The instant at which the household's wall clock reads <paramref name="local"/> ("2026-12-07T00:00").
 * Two passes find the zone's offset at that moment, also across a daylight-saving change.
 */
export function instantOf(local: string, zone: string): Date {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetAt(new Date(guess), zone);
  return new Date(guess);
}

/** How far the household's wall clock is ahead of UTC at an instant, in milliseconds. */
export function offsetAt(at: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return asUtc - Math.floor(at.getTime() / 60_000) * 60_000;
}

// Calendar dates ("2026-12-07") as the household's calendar shows them: plain date arithmetic, no zone.

/** "2026-12-07" moved by whole days; the day after a date is also the exclusive end of a membership "until" it. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function mondayOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return addDays(date, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7));
}

/** "Tue 1 Dec" (or "1 Dec" without the weekday). */
export function dayName(date: string, weekday = true): string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', timeZone: 'UTC', ...(weekday ? { weekday: 'short' } : {}) };
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(`${date}T12:00:00Z`));
}

/** A .NET duration ("d.hh:mm:ss") in minutes. */
export function spanMinutes(span: string | null | undefined): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(span ?? '');
  return match ? Number(match[1] ?? 0) * 1440 + Number(match[2]) * 60 + Number(match[3]) : 0;
}

/** "08:00:00" → "8 h", "00:45:00" → "45 min", "1.00:00:00" → "1 d". */
export function duration(span: string): string {
  if (!/^(\d+\.)?\d{1,2}:\d{2}:\d{2}/.test(span)) return span;
  const minutes = spanMinutes(span);
  const [days, hours, rest] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const parts = [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean);
  return parts.length ? parts.join(' ') : '0';
}

/** An instant the hub wrote into a sentence in UTC ("2026-12-02 21:23:16Z", "2026-12-02T21:23:16.5Z"). */
const utcInText = /\b(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)Z\b/g;

/**
 * A sentence from the hub or a gateway ("Locked out until 2026-12-02 21:23:16Z: …") with each UTC instant in it shown
 * on the household's clock ("today 22:23"), like every other time on the page.
 */
export function localTimes(text: string, zone: string, now: Date = new Date()): string {
  return text.replace(utcInText, (match, date: string, time: string) => {
    const at = new Date(`${date}T${time}Z`);
    return Number.isNaN(at.getTime()) ? match : dayAndClock(at.toISOString(), zone, now);
  });
}
