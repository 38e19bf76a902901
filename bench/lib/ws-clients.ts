// Opens many WebSocket clients in batches (as a real fleet would reconnect) and closes them.
import WebSocket from 'ws';

export interface OpenedClient {
  ws: WebSocket;
  /** From the subprotocol's `connected` system message (emulator only). */
  connectionId?: string;
}

export interface OpenOptions {
  protocol?: string;
  /** Wait for the `connected` system message (JSON subprotocol clients of the emulator). */
  awaitConnected?: boolean;
  batch?: number;
  timeoutMs?: number;
}

const MAX_CLIENT_PAYLOAD = 64 * 1024 * 1024;

export function openClient(url: string, o: OpenOptions = {}): Promise<OpenedClient> {
  const timeoutMs = o.timeoutMs ?? 10_000;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, o.protocol ? [o.protocol] : [], {
      perMessageDeflate: false,
      maxPayload: MAX_CLIENT_PAYLOAD,
      handshakeTimeout: timeoutMs,
    });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no connected message in time'));
    }, timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    ws.once('error', fail);
    const done = (connectionId?: string) => {
      clearTimeout(timer);
      ws.off('error', fail);
      ws.on('error', () => undefined);
      resolve(connectionId === undefined ? { ws } : { ws, connectionId });
    };
    if (!o.awaitConnected) {
      ws.once('open', () => done());
      return;
    }
    const onMessage = (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as { type?: string; connectionId?: string };
      if (m.type !== 'system') return;
      ws.off('message', onMessage);
      done(m.connectionId);
    };
    ws.on('message', onMessage);
  });
}

/** Opens `n` clients, `batch` at a time; client i connects to `url(i)`. Throws on any failure. */
export async function openClients(
  n: number,
  url: (i: number) => string,
  o: OpenOptions = {},
): Promise<OpenedClient[]> {
  const out: OpenedClient[] = [];
  const batch = o.batch ?? 50;
  try {
    for (let i = 0; i < n; i += batch) {
      const size = Math.min(batch, n - i);
      const opened = await Promise.all(
        Array.from({ length: size }, (_, j) => openClient(url(i + j), o)),
      );
      out.push(...opened);
    }
  } catch (err) {
    closeClients(out);
    throw err;
  }
  return out;
}

/** Opens as many of `n` as will open; failures are counted, not thrown. */
export async function openClientsCounting(
  n: number,
  url: (i: number) => string,
  o: OpenOptions = {},
): Promise<{ clients: OpenedClient[]; failed: number; firstError?: string }> {
  const clients: OpenedClient[] = [];
  let failed = 0;
  let firstError: string | undefined;
  const batch = o.batch ?? 50;
  for (let i = 0; i < n; i += batch) {
    const size = Math.min(batch, n - i);
    const settled = await Promise.allSettled(
      Array.from({ length: size }, (_, j) => openClient(url(i + j), o)),
    );
    for (const s of settled) {
      if (s.status === 'fulfilled') clients.push(s.value);
      else {
        failed++;
        firstError ??= String(s.reason);
      }
    }
  }
  return firstError === undefined ? { clients, failed } : { clients, failed, firstError };
}

export function closeClients(clients: readonly OpenedClient[]): void {
  for (const c of clients) c.ws.terminate();
}
