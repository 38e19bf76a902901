// The emulator and the offline host wired together for the Web PubSub extension's tests: hubs
// `chat` and `secured` send their events to the host's webhook; helpers negotiate through the
// test app, read its event log, and post hand-made upstream events with a valid signature.
import { createHmac } from 'node:crypto';

import type { EmulatorOptions, RunningEmulator } from '@wps-local/emulator';
import { beforeAll } from 'vitest';

import { useEmulator } from './emulator';
import type { TestHost } from './host';
import { useHost } from './host';

export const WEBHOOK_PATH = '/runtime/webhooks/webpubsub';

export interface ClientConnectionInfo {
  baseUrl: string;
  url: string;
  accessToken: string;
}

export interface LogEntry {
  event: string;
  connectionId: string;
  [key: string]: unknown;
}

export interface UpstreamEvent {
  /** `connect`, `connected`, `disconnected`, or a user event name. */
  event: string;
  system?: boolean;
  connectionId?: string;
  hub?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  contentType?: string;
  /** Headers to leave out. */
  omit?: string[];
  /** Defaults to the emulator's signature for the connection id. */
  signature?: string | null;
  /** Lets a test give up on a call the host holds open. */
  signal?: AbortSignal;
}

export interface WpsStack {
  emulator: () => RunningEmulator;
  host: () => TestHost;
  /** The webhook with the `webpubsub_extension` system key in `?code=`, as the service calls it. */
  webhook: () => string;
  /** The webhook with no key. */
  webhookUrl: () => string;
  negotiate(path: string, headers?: Record<string, string>): Promise<ClientConnectionInfo>;
  log(connectionId?: string): Promise<LogEntry[]>;
  /** POSTs (or sends with `method`) one upstream event straight to the webhook. */
  post(e: UpstreamEvent, method?: string): Promise<Response>;
  signature(connectionId: string, key?: string): string;
}

export function useWpsStack(
  settings: Record<string, string> | ((emulator: RunningEmulator) => Record<string, string>) = {},
  emulatorOptions: EmulatorOptions = {},
): WpsStack {
  const emulator = useEmulator(emulatorOptions);
  const host = useHost(() => ({
    settings: {
      WebPubSubConnectionString: emulator().connectionString,
      // Same endpoint, another key: the `secured` hub's signatures never match it.
      WpsSecuredConnection: `Endpoint=${emulator().url};AccessKey=not-the-emulator-key;Version=1.0;`,
      ...(typeof settings === 'function' ? settings(emulator()) : settings),
    },
  }));
  const webhookUrl = () => `${host().url}${WEBHOOK_PATH}`;
  const webhook = () =>
    `${webhookUrl()}?code=${encodeURIComponent(host().keys.systemKeys.webpubsub_extension!)}`;
  beforeAll(() => {
    for (const hub of ['chat', 'secured']) {
      emulator().configureHub(hub, {
        eventHandlers: [
          {
            urlTemplate: webhook(),
            userEventPattern: '*',
            systemEvents: ['connect', 'connected', 'disconnected'],
          },
        ],
      });
    }
  });
  const signature = (connectionId: string, key = emulator().accessKey) =>
    `sha256=${createHmac('sha256', key).update(connectionId).digest('hex')}`;
  return {
    emulator,
    host,
    webhook,
    webhookUrl,
    signature,
    async negotiate(path, headers = {}) {
      const res = await fetch(`${host().url}/api/${path}`, { headers });
      if (res.status !== 200) throw new Error(`negotiate answered ${res.status}`);
      return (await res.json()) as ClientConnectionInfo;
    },
    async log(connectionId) {
      const query = connectionId ? `?connectionId=${encodeURIComponent(connectionId)}` : '';
      return (await (await fetch(`${host().url}/api/wps/log${query}`)).json()) as LogEntry[];
    },
    post(e, method = 'POST') {
      const connectionId = e.connectionId ?? 'conn-1';
      const system = e.system ?? ['connect', 'connected', 'disconnected'].includes(e.event);
      const headers: Record<string, string> = {
        'ce-specversion': '1.0',
        'ce-awpsversion': '1.0',
        'ce-type': `azure.webpubsub.${system ? 'sys' : 'user'}.${e.event}`,
        'ce-hub': e.hub ?? 'chat',
        'ce-connectionId': connectionId,
        'ce-eventName': e.event,
        'WebHook-Request-Origin': 'localhost',
        'content-type':
          e.contentType ?? (system ? 'application/json; charset=utf-8' : 'text/plain'),
        ...e.headers,
      };
      const sig = e.signature === undefined ? signature(connectionId) : e.signature;
      if (sig !== null) headers['ce-signature'] = sig;
      for (const name of e.omit ?? []) delete headers[name];
      const body = e.body ?? (system ? '{}' : '');
      return fetch(webhook(), {
        method,
        headers,
        ...(method === 'GET' ? {} : { body }),
        ...(e.signal ? { signal: e.signal } : {}),
      });
    },
  };
}
