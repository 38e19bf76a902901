// A bare `ws` client that records every frame, for asserting exact wire frames.
import { once } from 'node:events';

import WebSocket from 'ws';

/** A received frame: JSON frames as objects, raw text as string, binary as Buffer. */
export type Frame = { type?: string; event?: string; [key: string]: unknown };

export interface RecordingClient {
  ws: WebSocket;
  /** Every frame as received: text as string, binary as Buffer. */
  frames: (string | Buffer)[];
  /** Takes the first not-yet-taken frame matching `predicate`, waiting for it if needed. */
  next<T = Frame>(predicate?: (frame: T) => boolean, timeoutMs?: number): Promise<T>;
  sendJson(message: object): void;
  closed: Promise<{ code: number; reason: string }>;
}

/** JSON-subprotocol frames are parsed; raw clients' text frames stay strings. */
export async function openClient(
  url: string,
  protocols?: string | string[],
  options?: WebSocket.ClientOptions,
): Promise<RecordingClient> {
  const ws = new WebSocket(url, protocols, options);
  const frames: (string | Buffer)[] = [];
  const unread: unknown[] = [];
  const waiters: { pred: (f: unknown) => boolean; resolve: (f: unknown) => void }[] = [];
  ws.on('message', (data, isBinary) => {
    const buf = data as Buffer;
    const frame = isBinary ? buf : buf.toString('utf8');
    frames.push(frame);
    const value = typeof frame === 'string' && ws.protocol ? (JSON.parse(frame) as unknown) : frame;
    const i = waiters.findIndex((w) => w.pred(value));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(value);
    else unread.push(value);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await once(ws, 'open');
  return {
    ws,
    frames,
    closed,
    sendJson: (m) => ws.send(JSON.stringify(m)),
    next: <T>(predicate: (f: T) => boolean = () => true, timeoutMs = 5000) => {
      const i = unread.findIndex((v) => predicate(v as T));
      if (i >= 0) return Promise.resolve(unread.splice(i, 1)[0] as T);
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching frame in ${timeoutMs} ms; last: ${JSON.stringify(frames.slice(-3))}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          pred: (f) => predicate(f as T),
          resolve: (f) => {
            clearTimeout(timer);
            resolve(f as T);
          },
        });
      });
    },
  };
}

/** Opening a socket that the server refuses: resolves with the HTTP status of the refusal. */
export function expectRefused(
  url: string,
  protocols?: string | string[],
  headers?: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the connection was accepted'));
    });
    ws.on('error', () => undefined);
  });
}
