// The WebSocket side: an official `WebPubSubClient` (reliable JSON subprotocol) whose state the page
// shows as connecting / connected / reconnecting / offline. When the browser says it is offline the
// socket is closed (it may be dead without anyone noticing for minutes) and a new one is made when
// it is back; when the SDK gives up reconnecting, a new client is made with a growing delay. Every
// new connection is announced so that rooms can be joined again from where they were. Requests
// whose reply the page waits for (join, history, rooms) use the SDK's `invokeEvent` (PROTOCOL.md
// §2); typing frames go straight to a typing group, client to client (§7).
import type { WebPubSubClient as Client } from '@azure/web-pubsub-client';
import { WebPubSubClient } from '@azure/web-pubsub-client';

import type { ClientEnvelope } from '../../chat-contract/envelopes';
import type { UserEventName } from '../../chat-contract/events';
import { asTypingFrame } from '../../chat-contract/guards';
import type { TypingFrame } from '../../chat-contract/typing';
import type { ConnectionState } from './session';

export type { ConnectionState } from './session';

export interface ConnectionEvents {
  state(state: ConnectionState, detail?: string): void;
  /** A new connection (not a recovered one): join rooms again. */
  connected(connectionId: string): void;
  /** A server or group message's JSON data. */
  data(data: unknown): void;
  /** A typing frame from another member of a typing group. */
  typing(group: string, userId: string, frame: TypingFrame): void;
  /** Negotiate failed for good (signed out, guests turned off): stop and ask to sign in. */
  fatal(error: unknown): void;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 15_000];

export class ChatConnection {
  #client: Client | undefined;
  #generation = 0;
  #everConnected = false;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  constructor(
    private readonly clientAccessUrl: () => Promise<string>,
    private readonly events: ConnectionEvents,
    private readonly isFatal: (error: unknown) => boolean,
  ) {
    addEventListener('offline', this.#onOffline);
    addEventListener('online', this.#onOnline);
  }

  start(): void {
    if (!navigator.onLine) {
      this.events.state('offline');
      return;
    }
    this.#open();
  }

  async send<E extends UserEventName>(event: E, data: ClientEnvelope<E>): Promise<void> {
    const client = this.#client;
    if (!client) throw new Error('Not connected.');
    await client.sendEvent(event, data, 'json');
  }

  /** Sends the event with `invokeEvent` and resolves with the app's reply (an `error` included). */
  async invoke<E extends UserEventName>(event: E, data: ClientEnvelope<E>): Promise<unknown> {
    const client = this.#client;
    if (!client) throw new Error('Not connected.');
    const result = await client.invokeEvent(event, data, 'json');
    return result.data;
  }

  /** A typing frame to the members of a typing group: fire and forget, never echoed back. */
  async sendTyping(group: string, frame: TypingFrame): Promise<void> {
    const client = this.#client;
    if (!client) return;
    await client.sendToGroup(group, frame, 'json', { noEcho: true, fireAndForget: true });
  }

  close(): void {
    this.#closed = true;
    removeEventListener('offline', this.#onOffline);
    removeEventListener('online', this.#onOnline);
    this.#drop();
  }

  #open(): void {
    this.#drop();
    const generation = ++this.#generation;
    const current = () => generation === this.#generation && !this.#closed;
    const client = new WebPubSubClient({ getClientAccessUrl: () => this.clientAccessUrl() });
    this.#client = client;
    this.events.state(this.#everConnected ? 'reconnecting' : 'connecting');
    client.on('connected', (e) => {
      if (!current()) return;
      this.#everConnected = true;
      this.#attempt = 0;
      this.events.state('connected');
      this.events.connected(e.connectionId);
    });
    client.on('disconnected', () => {
      if (current()) this.events.state(navigator.onLine ? 'reconnecting' : 'offline');
    });
    client.on('stopped', () => {
      if (current()) this.#retryLater();
    });
    client.on('server-message', (e) => {
      if (current()) this.events.data(e.message.data);
    });
    client.on('group-message', (e) => {
      if (!current()) return;
      const m = e.message;
      const typing = asTypingFrame(m);
      if (typing) this.events.typing(m.group, typing.userId, typing.frame);
      // Members can send to typing groups only; chat payloads come from the server, which sends
      // with no user id: anything else from a member is not the server speaking.
      else if (!m.fromUserId) this.events.data(m.data);
    });
    client.start().catch((err: unknown) => {
      if (!current()) return;
      if (this.isFatal(err)) {
        this.#drop();
        this.events.fatal(err);
      } else this.#retryLater();
    });
  }

  #retryLater(): void {
    this.#drop();
    if (!navigator.onLine) {
      this.events.state('offline');
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.#attempt++, RETRY_DELAYS_MS.length - 1)] ?? 15_000;
    this.events.state('reconnecting', `trying again in ${Math.round(delay / 1000)} s`);
    this.#retryTimer = setTimeout(() => this.#open(), delay);
  }

  /** Forgets the current client; its late events are ignored (they carry an old generation). */
  #drop(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const client = this.#client;
    this.#client = undefined;
    this.#generation++;
    client?.stop();
  }

  readonly #onOffline = () => {
    if (this.#closed) return;
    this.#drop();
    this.events.state('offline');
  };

  readonly #onOnline = () => {
    if (this.#closed) return;
    this.#attempt = 0;
    this.#open();
  };
}
