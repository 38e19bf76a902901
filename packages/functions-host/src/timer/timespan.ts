// TimeSpan schedules as .NET's TimeSpan.TryParse reads them: `d`, `hh:mm`, `hh:mm:ss`,
// `d.hh:mm[:ss]`, `d:hh:mm:ss`, with optional `.fffffff` seconds.

/** Milliseconds, or undefined when the text is not a TimeSpan. */
export function parseTimeSpanMs(text: string): number | undefined {
  let rest = text.trim();
  const negative = rest.startsWith('-');
  if (negative) rest = rest.slice(1);
  if (/^\d+$/.test(rest)) return sign(negative, Number(rest) * 86_400_000);
  let days = 0;
  const dayDot = /^(\d+)\.(\d+:.*)$/.exec(rest);
  if (dayDot) {
    days = Number(dayDot[1]);
    rest = dayDot[2] ?? '';
  }
  const parts = rest.split(':');
  if (!dayDot && parts.length === 4) days = Number(parts.shift());
  if (parts.length < 2 || parts.length > 3) return undefined;
  const [hours = '', minutes = '', seconds = '0'] = parts;
  const sec = /^(\d{1,2})(?:\.(\d{1,7}))?$/.exec(seconds);
  if (!/^\d{1,2}$/.test(hours) || !/^\d{1,2}$/.test(minutes) || !sec) return undefined;
  const [h, m, s] = [Number(hours), Number(minutes), Number(sec[1])];
  if (h > 23 || m > 59 || s > 59 || !Number.isFinite(days)) return undefined;
  const fraction = sec[2] ? Number(`0.${sec[2]}`) : 0;
  return sign(negative, ((days * 24 + h) * 3600 + m * 60 + s + fraction) * 1000);
}

function sign(negative: boolean, ms: number): number {
  return negative ? -ms : ms;
}
