// The official client SDK (`@azure/web-pubsub-client`) with everything it emits recorded in order,
// and waits on what it recorded, each with a timeout, so tests never sleep.
import type { GenerateClientTokenOptions } from '@azure/web-pubsub';
import { WebPubSubServiceClient } from '@azure/web-pubsub';
import type {
  GroupDataMessage,
  OnConnectedArgs,
  OnDisconnectedArgs,
  ServerDataMessage,
  WebPubSubClientOptions,
} from '@azure/web-pubsub-client';
import { WebPubSubClient } from '@azure/web-pubsub-client';

export type DataMessage = GroupDataMessage | ServerDataMessage;

export interface RecordedClient {
  client: WebPubSubClient;
  connected: OnConnectedArgs[];
  disconnected: OnDisconnectedArgs[];
  stopped: number;
  /** `group-message` and `server-message` payloads, in arrival order. */
  messages: DataMessage[];
  rejoinFailed: string[];
  /** Resolves with the first truthy value of `probe`, checked now and after every event. */
  until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs?: number): Promise<T>;
  /** Starts the client and waits for `connected`; resolves with the connection id. */
  start(): Promise<string>;
  /** Stops the client and waits for `stopped`. */
  stop(): Promise<void>;
}

const running = new Set<RecordedClient>();

/** The server SDK against the emulator (plain http, hence `allowInsecureConnection`). */
export function serviceClient(connectionString: string, hub: string): WebPubSubServiceClient {
  return new WebPubSubServiceClient(connectionString, hub, { allowInsecureConnection: true });
}

/** A negotiate function: a fresh client access URL per call, optionally rewritten (e.g. to a proxy). */
export function negotiate(
  service: () => WebPubSubServiceClient,
  token: GenerateClientTokenOptions = {},
  rewrite: (url: string) => string = (url) => url,
): () => Promise<string> {
  return async () => rewrite((await service().getClientAccessToken(token)).url);
}

/** A client whose URL comes from `url` on every (re)connect, as a negotiate endpoint would. */
export function recordClient(
  url: () => Promise<string>,
  options: WebPubSubClientOptions = {},
): RecordedClient {
  const client = new WebPubSubClient({ getClientAccessUrl: () => url() }, options);
  const checks = new Set<() => void>();
  const changed = () => checks.forEach((check) => check());
  const rc: RecordedClient = {
    client,
    connected: [],
    disconnected: [],
    stopped: 0,
    messages: [],
    rejoinFailed: [],
    until: (probe, what, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const value = probe();
          if (!value) return;
          clearTimeout(timer);
          checks.delete(check);
          resolve(value);
        };
        const timer = setTimeout(() => {
          checks.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; ${summary(rc)}`));
        }, timeoutMs);
        checks.add(check);
        check();
      }),
    start: async () => {
      const before = rc.connected.length;
      running.add(rc);
      try {
        await client.start();
      } catch (err) {
        // A client that never started emits no `stopped`: nothing is left to stop.
        running.delete(rc);
        throw err;
      }
      const args = await rc.until(() => rc.connected[before], 'the connected event');
      return args.connectionId;
    },
    stop: async () => {
      if (!running.has(rc)) return;
      const before = rc.stopped;
      client.stop();
      await rc.until(() => rc.stopped > before, 'the stopped event');
    },
  };
  client.on('connected', (e) => (rc.connected.push(e), changed()));
  client.on('disconnected', (e) => (rc.disconnected.push(e), changed()));
  client.on('stopped', () => {
    rc.stopped++;
    running.delete(rc);
    changed();
  });
  client.on('group-message', (e) => (rc.messages.push(e.message), changed()));
  client.on('server-message', (e) => (rc.messages.push(e.message), changed()));
  client.on('rejoin-group-failed', (e) => (rc.rejoinFailed.push(e.group), changed()));
  return rc;
}

/** Stops every client still running (for `afterEach`). */
export async function stopAllClients(): Promise<void> {
  await Promise.all([...running].map((rc) => rc.stop().catch(() => undefined)));
}

/** The data of recorded messages; binary payloads as `bin:<hex>`. */
export function payloads(messages: readonly DataMessage[]): unknown[] {
  return messages.map((m) =>
    m.data instanceof ArrayBuffer ? `bin:${Buffer.from(m.data).toString('hex')}` : m.data,
  );
}

function summary(rc: RecordedClient): string {
  return JSON.stringify({
    connected: rc.connected,
    disconnected: rc.disconnected,
    stopped: rc.stopped,
    messages: rc.messages.map((m) => ({ kind: m.kind, seq: m.sequenceId, data: m.data })),
  });
}
