// Sending messages honestly: every message goes into the outbox first and shows as pending; it is
// sent when there is a connection (for a room, once the room is joined again), sent again with the
// same id after a reconnect or a reload, and settled by its ack or by seeing it delivered. The
// outbox is kept in this tab's session storage so a reload loses nothing.
import type { MessageEnvelope } from '../../chat-contract/envelopes';
import type { ErrorCode } from '../../chat-contract/errors';
import { MAX_ENVELOPE_BYTES, MAX_TEXT } from '../../chat-contract/limits';
import { nextMessageId } from './message-ids';
import type { ChatModel, Conversation } from './model';
import type { Outgoing } from './outbox';
import { Outbox } from './outbox';

/** What the sender needs of the connection (ChatConnection's `send`, for messages). */
export interface MessageConnection {
  send(event: 'message', data: MessageEnvelope): Promise<void>;
}

/** Where the queue is kept between reloads: the tab's session storage in the page. */
export interface QueueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export type OutgoingMessage = Outgoing<MessageEnvelope> & { title: string };

/** How long a message refused for a passing reason waits before it is sent again. */
const RETRY_AFTER_MS = 1_000;

const storageKey = (userId: string) => `chat.outbox.${userId}`;

export class MessageSender {
  readonly #box: Outbox<MessageEnvelope>;
  readonly #titles = new Map<string, string>();

  constructor(
    private readonly model: ChatModel,
    private readonly connection: MessageConnection,
    private readonly storage: QueueStorage,
  ) {
    const restored = load(storage, model.identity.userId);
    for (const e of restored) this.#titles.set(e.conversation, e.title);
    this.#box = new Outbox(restored);
  }

  /** Entries restored from a reload, for the controller to make their conversations exist. */
  restored(): OutgoingMessage[] {
    return this.#box.all().map((e) => this.#withTitle(e));
  }

  of(conversationKey: string): OutgoingMessage[] {
    return this.#box.of(conversationKey).map((e) => this.#withTitle(e));
  }

  get(id: string): OutgoingMessage | undefined {
    const e = this.#box.get(id);
    return e && this.#withTitle(e);
  }

  queue(c: Conversation, to: MessageEnvelope['to'], text: string): OutgoingMessage {
    const id = nextMessageId();
    this.#titles.set(c.key, c.title);
    const e = this.#box.add({
      id,
      conversation: c.key,
      envelope: { id, to, text },
      text,
      ts: new Date().toISOString(),
    });
    // The server would refuse these without saying which message (PROTOCOL.md §2): say so now.
    const tooLong = tooLongToSend(e.envelope);
    if (tooLong) this.#box.fail(id, tooLong);
    this.#changed(c.key);
    this.flush();
    return this.#withTitle(e);
  }

  /** Sends what may go now: everything when connected, a room's only once it is joined. */
  flush(): void {
    if (!this.model.online) return;
    const ready = this.#box.take((e) => {
      const c = this.model.conversations.get(e.conversation);
      if (!c) return false;
      return c.kind !== 'room' || c.joined;
    });
    for (const e of ready) {
      this.#changed(e.conversation);
      this.connection.send('message', e.envelope).catch(() => {
        if (this.#box.unsent(e.id)) this.#changed(e.conversation);
      });
    }
  }

  /** The connection went: what was in flight waits for the next one. */
  disconnected(): void {
    for (const e of this.#box.requeue()) this.#changed(e.conversation);
  }

  /** Acknowledged or seen delivered: returns the entry when it was still outgoing. */
  settle(id: string): OutgoingMessage | undefined {
    const e = this.#box.settle(id);
    if (!e) return undefined;
    this.#changed(e.conversation);
    return this.#withTitle(e);
  }

  refused(id: string, code: ErrorCode, message: string): boolean {
    const e = this.#box.refused(id, code, message);
    if (!e) return false;
    this.#changed(e.conversation);
    // Again a moment later, not at once: the refusal may have been "too many, too fast".
    if (e.state === 'pending') setTimeout(() => this.flush(), RETRY_AFTER_MS);
    return true;
  }

  retry(id: string): void {
    const e = this.#box.retry(id);
    if (!e) return;
    const tooLong = tooLongToSend(e.envelope);
    if (tooLong) this.#box.fail(id, tooLong);
    this.#changed(e.conversation);
    this.flush();
  }

  discard(id: string): void {
    const e = this.#box.discard(id);
    if (e) this.#changed(e.conversation);
  }

  #withTitle(e: Outgoing<MessageEnvelope>): OutgoingMessage {
    return { ...e, title: this.#titles.get(e.conversation) ?? e.conversation };
  }

  #changed(conversationKey: string): void {
    save(this.storage, this.model.identity.userId, this.restored());
    this.model.emit('outgoing', conversationKey);
  }
}

/** Why the server would refuse this envelope for its size, if it would. */
function tooLongToSend(envelope: MessageEnvelope): string | undefined {
  if ((envelope.text?.length ?? 0) > MAX_TEXT) {
    return `too long to send (more than ${MAX_TEXT} characters).`;
  }
  const bytes = new TextEncoder().encode(JSON.stringify(envelope)).length;
  return bytes > MAX_ENVELOPE_BYTES
    ? `too long to send (${bytes} bytes; at most ${MAX_ENVELOPE_BYTES}).`
    : undefined;
}

function load(storage: QueueStorage, userId: string): OutgoingMessage[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as OutgoingMessage[]) : [];
  } catch {
    return [];
  }
}

function save(storage: QueueStorage, userId: string, entries: OutgoingMessage[]): void {
  try {
    if (entries.length === 0) storage.removeItem(storageKey(userId));
    else storage.setItem(storageKey(userId), JSON.stringify(entries));
  } catch {
    // Storage full or refused: the queue still works for this page's life.
  }
}
