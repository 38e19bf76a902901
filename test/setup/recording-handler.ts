// A bare node:http event handler that answers abuse protection, records every event POST and
// answers it with `respond` (default 204), with waits on what it recorded.
import { once } from 'node:events';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { HubSettings } from '../../local/emulator';

export interface ReceivedEvent {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface RecordingHandler {
  received: ReceivedEvent[];
  /** Hub settings routing every user event and these system events here. */
  hubSettings(systemEvents?: ('connect' | 'connected' | 'disconnected')[]): HubSettings;
  /** `ce-type`s received for one connection, in order. */
  typesOf(connectionId: string): string[];
  /** Resolves once `predicate` holds over what was received (checked on every request). */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRecordingHandler(
  respond: (event: ReceivedEvent, res: ServerResponse) => void = (_e, res) =>
    res.writeHead(204).end(),
): Promise<RecordingHandler> {
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(200, { 'WebHook-Allowed-Origin': '*' }).end();
        return;
      }
      const event = { headers: req.headers, body: Buffer.concat(chunks) };
      received.push(event);
      respond(event, res);
      waiters.forEach((check) => check());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    hubSettings: (systemEvents = []) => ({
      eventHandlers: [
        { urlTemplate: `${url}/upstream/{event}`, userEventPattern: '*', systemEvents },
      ],
    }),
    typesOf: (connectionId) =>
      received
        .filter((e) => e.headers['ce-connectionid'] === connectionId)
        .map((e) => String(e.headers['ce-type'])),
    until: (predicate, what, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate()) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
