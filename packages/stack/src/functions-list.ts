// The app's functions as its host lists them (`GET /admin/functions`, the Functions host's admin
// API, master key only): read once the host is ready, and again after each restart.
import type { ListedFunction } from './hubs-from-app';

/** `func start` may answer on its port before it has indexed the app: ask until this passes. */
const FUNC_INDEX_TIMEOUT_MS = 60_000;

export async function listFunctions(
  hostUrl: string,
  masterKey: string | undefined,
  signal: AbortSignal,
): Promise<ListedFunction[]> {
  const deadline = Date.now() + FUNC_INDEX_TIMEOUT_MS;
  for (;;) {
    const res = await fetch(`${hostUrl}/admin/functions`, {
      headers: masterKey ? { 'x-functions-key': masterKey } : {},
      signal,
    }).catch(() => undefined);
    if (res?.ok) return (await res.json()) as ListedFunction[];
    if (Date.now() > deadline) {
      throw new Error(`${hostUrl}/admin/functions answered ${res?.status ?? 'nothing'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
