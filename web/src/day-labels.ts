// When messages were sent, as people read it: a separator for each new day ("Today", "Yesterday",
// or the date) and the full date and time for a hover. Local time, the browser's locale.

/** The calendar day of a time in local time, as a comparable key; undefined for a bad time. */
export function dayKey(ts: string): string | undefined {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return undefined;
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function dayLabel(ts: string, now: Date = new Date(), locale?: string): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  const key = dayKey(ts);
  if (key === dayKey(now.toISOString())) return 'Today';
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 12);
  if (key === dayKey(yesterday.toISOString())) return 'Yesterday';
  return d.toLocaleDateString(locale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(d.getFullYear() !== now.getFullYear() ? { year: 'numeric' } : {}),
  });
}

export function shortTime(ts: string, locale?: string): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}

export function fullTime(ts: string, locale?: string): string {
  const d = new Date(ts);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(locale, { dateStyle: 'full', timeStyle: 'medium' });
}
