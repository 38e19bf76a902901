// What the real host's Newtonsoft.Json makes of values on their way between the Node worker and the
// Storage extensions, so that messages and entities look the same as in Azure.

/** A DateTimeOffset in UTC as Newtonsoft writes it: `2024-05-01T10:00:00.123+00:00`. */
export function dotnetUtc(date: Date): string {
  const iso = date.toISOString(); // 2024-05-01T10:00:00.123Z
  const [seconds = iso, fraction = ''] = iso.slice(0, -1).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${seconds}${trimmed ? `.${trimmed}` : ''}+00:00`;
}

/** An Edm.DateTime string from the Table service (`...T10:00:00.1234567Z`) as a UTC DateTimeOffset. */
export function dotnetUtcFromService(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(value);
  if (!m) return value;
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  return `${m[1]}${fraction ? `.${fraction}` : ''}+00:00`;
}

/** `JToken.ToString()`: objects and arrays indented by two spaces, scalars as .NET prints them. */
export function jtokenToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

/** Newtonsoft reads a JSON integer literal as Int64 and anything else numeric as Double. */
export function isJsonInteger(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) < 1e21;
}
