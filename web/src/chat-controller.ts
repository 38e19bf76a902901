// The chat behaviour of PROTOCOL.md between the page and the connection: joining rooms and DM
// conversations (again, from the last seq seen, after every new connection) with `invokeEvent`,
// leaving, edits, deletes and reactions, older pages, read positions, the rooms list. What arrives
// goes through IncomingPayloads, stored history through ConversationHistory, outgoing messages
// through the MessageSender's outbox, typing frames through TypingSync.
import type {
  AnnouncementsRef,
  ClientEnvelope,
  ConversationRef,
  MessageEnvelope,
} from '../../chat-contract/envelopes';
import { asServerPayload } from '../../chat-contract/guards';
import type { ReactionName } from '../../chat-contract/limits';
import { MAX_HISTORY_PAGE, ROOM_NAME } from '../../chat-contract/limits';
import type { UserRef } from '../../chat-contract/payloads';
import type { ChatConnection, ConnectionState } from './connection';
import { ConversationHistory } from './conversation-history';
import { isAdmin } from './identity';
import { IncomingPayloads } from './incoming';
import { leftElsewhere } from './left-elsewhere';
import { nextMessageId } from './message-ids';
import { MessageSender } from './message-sender';
import type {
  ChatModel,
  Conversation,
  DirectConversation,
  RoomConversation,
  ShownMessage,
} from './model';
import { EVERYONE_KEY } from './model';
import { saveRooms } from './saved-rooms';
import type { Notify } from './toast';
import { TypingSync } from './typing-sync';

/** How often a conversation read live tells the server how far it was read. */
const READ_EVERY_MS = 500;

type Connection = Pick<ChatConnection, 'send' | 'invoke' | 'sendTyping'>;

export class ChatController {
  readonly #incoming: IncomingPayloads;
  readonly #readTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Rooms left here whose `leave` the server has not been sent yet (offline). */
  readonly #leaving = new Set<string>();
  readonly outgoing: MessageSender;
  readonly typing: TypingSync;
  readonly #history: ConversationHistory;

  constructor(
    private readonly model: ChatModel,
    private readonly connection: Connection,
    private readonly notify: Notify,
  ) {
    this.outgoing = new MessageSender(model, connection, sessionStorage);
    this.typing = new TypingSync(model, connection);
    this.#history = new ConversationHistory(
      model,
      (c, since) =>
        void this.#request('history', { ...readRef(c), since, limit: MAX_HISTORY_PAGE }),
      (c, m) => {
        if (m.mine && m.id) this.outgoing.settle(m.id);
        else this.typing.spoke(c, m.from.userId);
      },
    );
    this.#incoming = new IncomingPayloads({
      model,
      history: this.#history,
      outgoing: this.outgoing,
      typing: this.typing,
      notify,
      join: (c) => void this.#join(c),
      adopt: (room) => this.#adopt(room),
      markRead: (c) => this.markRead(c),
    });
    // Messages queued before a reload: their conversations are there again to show them.
    for (const e of this.outgoing.restored()) {
      const to = e.envelope.to;
      if ('room' in to) this.model.ensureRoom(to.room);
      else if ('user' in to) this.model.ensureDirect({ userId: to.user, name: e.title });
      else this.model.ensureEveryone();
    }
  }

  /** Every new connection: (re)join each conversation from the last seq seen; the rooms list. */
  onConnected(): void {
    const kept = this.model.rooms();
    for (const c of this.model.directs()) void this.#join(c);
    void this.#join('everyone');
    // The rooms list first: a kept room left on another device is dropped, not joined again (which
    // would make it the user's again); the user's rooms from other devices are added and joined.
    void this.#sendLeaves()
      .then(() => this.refreshRooms(kept.map((c) => c.room)))
      .then(() => {
        for (const c of kept) if (this.model.room(c.room) === c) void this.#join(c);
      });
    this.outgoing.flush();
  }

  onState(state: ConnectionState): void {
    this.model.setConnection(state);
    if (state === 'connected') return;
    for (const c of this.model.rooms()) this.model.setJoined(c, false);
    for (const c of this.model.directs()) this.model.setJoined(c, false);
    this.outgoing.disconnected();
  }

  onData(data: unknown): void {
    const p = asServerPayload(data);
    if (p) this.#incoming.handle(p);
  }

  async join(room: string): Promise<void> {
    if (!ROOM_NAME.test(room)) {
      this.notify({
        level: 'error',
        title: 'Not a room name',
        body: '1–64 letters, digits, _ or -, starting with a letter or digit.',
      });
      return;
    }
    this.#leaving.delete(room);
    const c = this.model.ensureRoom(room);
    this.model.select(c.key);
    this.#saveRooms();
    if (!c.joined) await this.#join(c);
  }

  async leave(room: string): Promise<void> {
    const c = this.model.room(room);
    if (c) this.typing.stop(c);
    this.#leaving.add(room);
    await this.#sendLeaves();
    this.#forget(room);
    this.#saveRooms();
    void this.refreshRooms();
  }

  openDirect(peer: UserRef): void {
    const c = this.model.ensureDirect(peer);
    this.model.select(c.key);
    if (!c.joined) void this.#join(c);
  }

  /**
   * Queues the text for the conversation (shown as pending, sent when it can be); false when this
   * conversation takes no messages from this user.
   */
  send(c: Conversation, text: string): boolean {
    if (!this.canPost(c)) return false;
    const to: MessageEnvelope['to'] =
      c.kind === 'room'
        ? { room: c.room }
        : c.kind === 'direct'
          ? { user: c.peer.userId }
          : { all: true };
    this.typing.stop(c);
    this.outgoing.queue(c, to, text);
    return true;
  }

  canPost(c: Conversation): boolean {
    return c.kind !== 'everyone' || isAdmin(this.model.identity);
  }

  edit(c: Conversation, m: ShownMessage, text: string): void {
    if (c.kind === 'everyone' || m.seq === undefined || text === m.text) return;
    void this.#change('edit', { id: nextMessageId(), ...ref(c), target: m.seq, text });
  }

  remove(c: Conversation, m: ShownMessage): void {
    if (c.kind === 'everyone' || m.seq === undefined) return;
    void this.#change('delete', { id: nextMessageId(), ...ref(c), target: m.seq });
  }

  react(c: Conversation, m: ShownMessage, reaction: ReactionName, on: boolean): void {
    if (c.kind === 'everyone' || m.seq === undefined) return;
    void this.#change('react', { id: nextMessageId(), ...ref(c), target: m.seq, reaction, on });
  }

  /** Older messages before the oldest shown (`history` with `before`). */
  async loadOlder(c: Conversation): Promise<void> {
    const before = this.#history.oldestSeq(c);
    if (before === undefined || before <= 1) return;
    const data = { ...readRef(c), before, limit: 50 };
    const reply = asServerPayload(await this.#invoke('history', data));
    const pages = ['history', 'dm_history', 'announcements_history'];
    if (reply && 'messages' in reply && pages.includes(reply.type)) this.#history.older(c, reply);
    else if (reply?.type === 'error') this.#incoming.refused(reply.code, reply.message);
  }

  /** The user has seen the conversation up to its newest message: tell the server, once. */
  markRead(c: Conversation): void {
    if (!this.model.online) return;
    const seq = this.#history.last(c.key);
    if (seq === undefined || seq <= c.readSeq) return;
    this.model.changeState(c, (x) => (x.readSeq = seq));
    // At once, then at most once per interval with the newest seq by then: a busy room read live
    // costs a few events, not one per message (they count against the rate limit).
    if (this.#readTimers.has(c.key)) return;
    this.#sendRead(c);
  }

  #sendRead(c: Conversation): void {
    const seq = c.readSeq;
    // Invoked, so its reply (or a refusal: the next read sends a greater seq anyway) comes back
    // here and nowhere else.
    void this.#invoke('read', { ...readRef(c), seq });
    this.#readTimers.set(
      c.key,
      setTimeout(() => {
        this.#readTimers.delete(c.key);
        if (c.readSeq > seq && this.model.online) this.#sendRead(c);
      }, READ_EVERY_MS),
    );
  }

  /** The rooms list: yours and the public ones with their occupancy; your DMs and unread counts. */
  async refreshRooms(kept: readonly string[] = []): Promise<void> {
    const reply = asServerPayload(await this.#invoke('rooms', {}));
    if (reply?.type !== 'rooms') return;
    const left = leftElsewhere(reply, kept);
    for (const room of left) this.#forget(room);
    if (left.length) this.#saveRooms();
    this.#incoming.handle(reply);
  }

  #forget(room: string): void {
    this.#history.forget(`room:${room}`);
    this.model.remove(`room:${room}`);
  }

  async #change(
    event: 'edit' | 'delete' | 'react',
    data: Parameters<Connection['send']>[1],
  ): Promise<void> {
    try {
      // The ack and the change itself come back as server messages.
      await this.connection.send(event, data as never);
    } catch {
      this.notify({
        level: 'error',
        title: 'Not changed',
        body: 'Not connected: try again when you are back online.',
      });
    }
  }

  /**
   * Tells the server of the rooms left here. One left offline is told on the next connection: a
   * disconnect alone keeps the room the user's, and the rooms list would bring it back.
   */
  async #sendLeaves(): Promise<void> {
    for (const room of [...this.#leaving]) {
      try {
        await this.connection.send('leave', { room });
        this.#leaving.delete(room);
      } catch {
        return; // Offline: sent on the next connection.
      }
    }
  }

  #adopt(room: string): RoomConversation | undefined {
    if (this.#leaving.has(room) || !ROOM_NAME.test(room)) return undefined;
    const c = this.model.ensureRoom(room);
    this.#saveRooms();
    return c;
  }

  /** Joins a room or DM, or opens the announcements (`everyone`: there or not yet). */
  async #join(c: RoomConversation | DirectConversation | 'everyone'): Promise<void> {
    const since = this.#history.last(c === 'everyone' ? EVERYONE_KEY : c.key);
    const where = c === 'everyone' ? { all: true as const } : ref(c);
    const reply = await this.#invoke('join', {
      ...where,
      ...(since === undefined ? {} : { since }),
    });
    const p = asServerPayload(reply);
    if (p?.type === 'error') {
      if (c !== 'everyone' && c.kind === 'room') this.#incoming.refused(p.code, p.message);
    } else if (p) this.#incoming.handle(p);
  }

  /** `history` since a seq: its reply is handled like a live one. */
  async #request(event: 'history', data: ClientEnvelope<'history'>): Promise<void> {
    const p = asServerPayload(await this.#invoke(event, data));
    if (p && p.type !== 'error') this.#incoming.handle(p);
  }

  async #invoke<E extends 'join' | 'history' | 'rooms' | 'read'>(
    event: E,
    data: ClientEnvelope<E>,
  ): Promise<unknown> {
    try {
      return await this.connection.invoke(event, data);
    } catch {
      // Not connected, or the service gave up on it: the next connection asks again.
      return undefined;
    }
  }

  #saveRooms(): void {
    saveRooms(this.model.rooms().map((c) => c.room));
  }
}

/** The conversation as `history` and `read` name it: announcements too. */
function readRef(c: Conversation): ConversationRef | AnnouncementsRef {
  return c.kind === 'everyone' ? { all: true } : ref(c);
}

function ref(c: Conversation): ConversationRef {
  if (c.kind === 'room') return { room: c.room };
  if (c.kind === 'direct') return { user: c.peer.userId };
  throw new Error('announcements are no conversation to join');
}
