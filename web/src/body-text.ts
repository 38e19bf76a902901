// A message `body` (PROTOCOL.md §3: the text, the data, or `{ text, data }`) as one line to show.
const MAX_DATA_CHARS = 500;

export function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object' && typeof (body as { text?: unknown }).text === 'string') {
    return (body as { text: string }).text;
  }
  const json = JSON.stringify(body) ?? '';
  return json.length > MAX_DATA_CHARS ? `${json.slice(0, MAX_DATA_CHARS)}…` : json;
}
