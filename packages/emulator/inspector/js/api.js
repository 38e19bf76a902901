// The inspector API as the page uses it: JSON calls, and the live log as server-sent events.
const api = (path) => `/inspector/api/${path}`;

export async function call(path, method, body) {
  const res = await fetch(api(path), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const value = text ? JSON.parse(text) : {};
  if (!res.ok) throw new Error(value.message || `${res.status}`);
  return value;
}

/** Follows the live log; EventSource reconnects by itself after an error. */
export function follow({ onOpen, onEntry, onError }) {
  const source = new EventSource(api('events'));
  source.addEventListener('open', onOpen);
  source.addEventListener('message', (m) => onEntry(JSON.parse(m.data)));
  source.addEventListener('error', onError);
  return source;
}
