// A chat user for end-to-end tests: the official client SDK, connected with a URL from the app's
// own negotiate, with helpers to send PROTOCOL.md events and wait for what comes back.
import type { WebPubSubClientOptions } from '@azure/web-pubsub-client';
import type { RecordedClient } from '@wps-local/test-kit';
import { recordClient } from '@wps-local/test-kit';

import type { Principal } from './stack';
import { principalHeaders } from './stack';

export type ChatPayload = { type: string; [key: string]: unknown };

export interface ChatUser {
  rc: RecordedClient;
  /** Every JSON payload received, in order. */
  payloads(): ChatPayload[];
  send(event: string, data: unknown): Promise<void>;
  /** Waits for the first received payload matching `match`. */
  waitFor(match: (p: ChatPayload) => boolean, what: string): Promise<ChatPayload>;
}

export interface ConnectUserOptions {
  /** Rewrites the client access URL (e.g. through a proxy that cuts links). */
  via?: (url: string) => string;
  /** The SDK client's options. */
  client?: WebPubSubClientOptions;
}

export async function connectUser(
  hostUrl: string,
  principal: Principal | 'guest',
  { via = (url) => url, client }: ConnectUserOptions = {},
): Promise<ChatUser> {
  const negotiate = async () => {
    const res =
      principal === 'guest'
        ? await fetch(`${hostUrl}/api/negotiate/guest`)
        : await fetch(`${hostUrl}/api/negotiate`, { headers: principalHeaders(principal) });
    if (!res.ok) throw new Error(`negotiate ${res.status}: ${await res.text()}`);
    return via(((await res.json()) as { url: string }).url);
  };
  const rc = recordClient(negotiate, client);
  await rc.start();
  const payloads = () =>
    rc.messages
      .map((m) => m.data as ChatPayload)
      .filter((d) => typeof d === 'object' && d !== null);
  return {
    rc,
    payloads,
    async send(event, data) {
      await rc.client.sendEvent(event, data as Record<string, unknown>, 'json');
    },
    waitFor: (match, what) => rc.until(() => payloads().find(match), what),
  };
}
