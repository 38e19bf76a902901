// A bare node:http event handler that answers abuse protection, records every event POST and
// answers it with `respond` (default 204), with waits on what it recorded.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

import type { HubSettings } from '@wps-local/emulator';

import { allowAbuseProtection, startScriptedUpstream } from './upstream';

export interface ReceivedEvent {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SystemEvent = 'connect' | 'connected' | 'disconnected';

export type EventResponder = (event: ReceivedEvent, res: ServerResponse) => void;

export interface RecordingHandlerOptions {
  respond?: EventResponder;
  /** System events routed to the handler besides every user event. */
  systemEvents?: SystemEvent[];
}

export interface RecordingHandler {
  received: ReceivedEvent[];
  /** Hub settings routing every user event and these system events here. */
  hubSettings(systemEvents?: SystemEvent[]): HubSettings;
  /** `ce-type`s received for one connection, in order. */
  typesOf(connectionId: string): string[];
  /** Resolves once `predicate` holds over what was received (checked on every request). */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startRecordingHandler(
  respond: EventResponder = (_e, res) => res.writeHead(204).end(),
): Promise<RecordingHandler> {
  const received: ReceivedEvent[] = [];
  const waiters = new Set<() => void>();
  const upstream = await startScriptedUpstream((req, body, res) => {
    if (allowAbuseProtection(req, res)) return;
    const event = { headers: req.headers, body };
    received.push(event);
    respond(event, res);
    waiters.forEach((check) => check());
  });
  return {
    received,
    hubSettings: (systemEvents = []) => ({
      eventHandlers: [
        { urlTemplate: `${upstream.url}/upstream/{event}`, userEventPattern: '*', systemEvents },
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
    close: () => upstream.close(),
  };
}
