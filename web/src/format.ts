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

export function sentence(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
