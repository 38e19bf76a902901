// The chat behaviour of PROTOCOL.md between the connection and the model: joining rooms (and again,
// from the last seq shown, after every new connection), gap-free room history, direct messages and
// announcements, presence and its join/leave lines, acks and errors, notifications as toasts.
// Outgoing messages go through the MessageSender's outbox.
import type { MessageEnvelope } from '../../chat-contract/envelopes';
import { asServerPayload, isRoomMessage } from '../../chat-contract/guards';
import { MAX_HISTORY_PAGE, ROOM_NAME } from '../../chat-contract/limits';
import type {
  DirectMessage,
  HistoryMessage,
  HistoryReply,
  RoomMessage,
  ServerPayload,
  UserRef,
} from '../../chat-contract/payloads';
import { bodyText } from './body-text';
import type { ChatConnection, ConnectionState } from './connection';
import { isAdmin } from './identity';
import { MessageSender } from './message-sender';
import type { ChatModel, Conversation, RoomConversation, ShownMessage } from './model';
import type { SequenceStep } from './room-sequence';
import { RoomSequence } from './room-sequence';
import { saveRooms } from './saved-rooms';
import type { Notify } from './toast';

export class ChatController {
  readonly #sequences = new Map<string, RoomSequence<HistoryMessage>>();
  readonly #notices = { next: 0 };
  readonly outgoing: MessageSender;

  constructor(
    private readonly model: ChatModel,
    private readonly connection: Pick<ChatConnection, 'send'>,
    private readonly notify: Notify,
  ) {
    this.outgoing = new MessageSender(model, connection);
    // Messages queued before a reload: their conversations are there again to show them.
    for (const e of this.outgoing.restored()) {
      const to = e.envelope.to;
      if ('room' in to) this.model.ensureRoom(to.room);
      else if ('user' in to) this.model.ensureDirect({ userId: to.user, name: e.title });
      else this.model.ensureEveryone();
    }
  }

  /** Every new connection: (re)join each room, from the last message shown when there is one. */
  onConnected(): void {
    for (const c of this.model.rooms()) void this.#sendJoin(c.room);
    this.outgoing.flush();
  }

  onState(state: ConnectionState): void {
    this.model.setConnection(state);
    if (state === 'connected') return;
    for (const c of this.model.rooms()) this.model.setJoined(c, false);
    this.outgoing.disconnected();
  }

  onData(data: unknown): void {
    const p = asServerPayload(data);
    if (p) this.#handle(p);
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
    const c = this.model.ensureRoom(room);
    this.model.select(c.key);
    this.#saveRooms();
    if (!c.joined) await this.#sendJoin(room);
  }

  async leave(room: string): Promise<void> {
    try {
      await this.connection.send('leave', { room });
    } catch {
      // Offline: the server drops the membership with the connection anyway.
    }
    this.#sequences.delete(room);
    this.model.remove(`room:${room}`);
    this.#saveRooms();
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
    this.outgoing.queue(c, to, text);
    return true;
  }

  openDirect(peer: UserRef): void {
    this.model.select(this.model.ensureDirect(peer).key);
  }

  #handle(p: ServerPayload): void {
    switch (p.type) {
      case 'joined': {
        const c = this.model.room(p.room);
        if (!c) return;
        this.model.setJoined(c, true);
        this.model.setMembers(c, p.members);
        this.#page(c, p);
        this.outgoing.flush();
        return;
      }
      case 'history': {
        const c = this.model.room(p.room);
        if (c) this.#page(c, p);
        return;
      }
      case 'left':
        return;
      case 'message':
        if (isRoomMessage(p)) this.#live(p);
        else this.#direct(p);
        return;
      case 'member_added':
      case 'member_removed': {
        const c = this.model.room(p.room);
        if (c) this.#memberChanged(c, p.user, p.type === 'member_added');
        return;
      }
      case 'ack':
        this.#ack(p.id);
        return;
      case 'error': {
        // A transient refusal of a queued message is retried quietly; anything else is said.
        const known = p.id !== undefined && this.outgoing.refused(p.id, p.code, p.message);
        if (known && p.code === 'Unavailable') return;
        this.notify({ level: 'error', title: errorTitle(p.code), body: p.message });
        return;
      }
      case 'notification':
        this.notify({
          level: p.level,
          title: p.title,
          ...(p.body !== undefined ? { body: p.body } : {}),
        });
        return;
    }
  }

  #live(m: RoomMessage): void {
    const c = this.model.room(m.room);
    if (!c) return;
    this.#apply(c, this.#sequence(m.room).live(m));
  }

  #page(c: RoomConversation, page: Omit<HistoryReply, 'type'>): void {
    this.#apply(c, this.#sequence(c.room).page(page.messages, page.latestSeq, page.hasMore));
  }

  #apply(c: RoomConversation, step: SequenceStep<HistoryMessage>): void {
    // Keyed by seq and sender's id: after a conflict (a seq handed out again, see RoomSequence)
    // the new message at that seq is shown next to the one already shown, never dropped as seen.
    const shown = step.show.map((m) => this.#shown(`${m.seq}/${m.from.userId}/${m.id}`, m));
    // Seen delivered is as good as acknowledged (the ack may come second).
    for (const m of shown) if (m.mine && m.id) this.outgoing.settle(m.id);
    this.model.append(c, shown);
    if (step.fetchSince !== undefined) {
      this.connection
        .send('history', { room: c.room, since: step.fetchSince, limit: MAX_HISTORY_PAGE })
        .catch(() => {
          // Not connected: the rejoin after the next connection asks from the same place.
        });
    }
  }

  #direct(m: DirectMessage): void {
    const me = this.model.identity.userId;
    const shown = this.#shown(`${m.from.userId}/${m.id}`, m);
    if ('all' in m.to) {
      const everyone = this.model.ensureEveryone();
      const added = this.model.append(everyone, [shown]);
      if (added.length && this.model.selected?.key !== everyone.key) {
        this.notify({
          level: 'info',
          title: `Announcement from ${m.from.name}`,
          body: shown.text,
          conversation: everyone.key,
        });
      }
      return;
    }
    // From me (another tab of mine) to someone, or from someone to me.
    const peer =
      m.from.userId === me ? { userId: m.to.user, name: this.#nameOf(m.to.user) } : m.from;
    const c = this.model.ensureDirect(peer);
    const added = this.model.append(c, [shown]);
    if (added.length && !shown.mine && this.model.selected?.key !== c.key) {
      this.notify({
        level: 'info',
        title: `Message from ${m.from.name}`,
        body: shown.text,
        conversation: c.key,
      });
    }
  }

  #ack(id: string): void {
    const sent = this.outgoing.settle(id);
    // A room message shows when it is delivered; a direct message or an announcement is not
    // delivered back to the connection that sent it, so the ack is when it shows.
    if (!sent || 'room' in sent.envelope.to) return;
    const c = this.model.conversations.get(sent.conversation);
    if (!c) return;
    const me = this.model.identity;
    this.model.append(c, [
      {
        key: `${me.userId}/${id}`,
        id,
        from: { userId: me.userId, name: me.name },
        text: sent.text,
        ts: new Date().toISOString(),
        mine: true,
      },
    ]);
  }

  #memberChanged(c: RoomConversation, user: UserRef, present: boolean): void {
    const known = c.members.has(user.userId);
    this.model.memberChanged(c, user, present);
    // A line for others coming and going (not for an update of someone already listed, nor for
    // oneself: one's own join is the conversation opening).
    if (user.userId === this.model.identity.userId || known === present) return;
    this.model.append(c, [
      {
        key: `notice/${++this.#notices.next}`,
        from: user,
        text: present ? `${user.name} joined` : `${user.name} left`,
        ts: new Date().toISOString(),
        mine: false,
        notice: true,
      },
    ]);
  }

  #shown(key: string, m: HistoryMessage | DirectMessage): ShownMessage {
    return {
      key,
      id: m.id,
      from: m.from,
      text: bodyText(m.body),
      ts: m.ts,
      mine: m.from.userId === this.model.identity.userId,
    };
  }

  #nameOf(userId: string): string {
    for (const c of this.model.rooms()) {
      const member = c.members.get(userId);
      if (member) return member.name;
    }
    return userId;
  }

  #sequence(room: string): RoomSequence<HistoryMessage> {
    let s = this.#sequences.get(room);
    if (!s) this.#sequences.set(room, (s = new RoomSequence()));
    return s;
  }

  async #sendJoin(room: string): Promise<void> {
    const since = this.#sequences.get(room)?.last;
    try {
      await this.connection.send('join', since === undefined ? { room } : { room, since });
    } catch {
      // Not connected yet: every new connection joins the rooms again.
    }
  }

  #saveRooms(): void {
    saveRooms(this.model.rooms().map((c) => c.room));
  }

  canPost(c: Conversation): boolean {
    return c.kind !== 'everyone' || isAdmin(this.model.identity);
  }
}

function errorTitle(code: string): string {
  switch (code) {
    case 'Forbidden':
      return 'Not allowed';
    case 'RateLimited':
      return 'Slow down';
    case 'TooLarge':
      return 'Message too large';
    default:
      return 'Not accepted';
  }
}
