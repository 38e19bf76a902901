// What arrives from the server (PROTOCOL.md §2-§3), into the model: joined conversations and their
// history pages, live messages and changes, presence and its join/leave lines, read positions and
// unread counts, the rooms list, acks (which settle the outbox) and errors, notifications.
import { MAX_UNREAD } from '../../chat-contract/limits';
import type {
  ChangePayload,
  DirectMessage,
  ReadPayload,
  RoomsReply,
  ServerPayload,
  UserRef,
} from '../../chat-contract/payloads';
import { bodyText } from './body-text';
import type { ConversationHistory } from './conversation-history';
import { errorTitle } from './error-titles';
import { IncomingAnnouncements } from './incoming-announcements';
import type { MessageSender } from './message-sender';
import type {
  ChatModel,
  Conversation,
  DirectConversation,
  RoomConversation,
  ShownMessage,
} from './model';
import type { Notify } from './toast';
import type { TypingSync } from './typing-sync';

export interface IncomingDeps {
  model: ChatModel;
  history: ConversationHistory;
  outgoing: MessageSender;
  typing: TypingSync;
  notify: Notify;
  /** Join a conversation (a DM that just got its first message, say). */
  join(c: RoomConversation | DirectConversation): void;
  /**
   * A room the server says is the user's (joined on another device) but this page does not have:
   * add it to the user's rooms, unless it was just left here; undefined when not added.
   */
  adopt(room: string): RoomConversation | undefined;
  markRead(c: Conversation): void;
}

export class IncomingPayloads {
  #notices = 0;

  readonly #announcements: IncomingAnnouncements;

  constructor(private readonly d: IncomingDeps) {
    this.#announcements = new IncomingAnnouncements({
      ...d,
      countUnread: (c) => this.#countUnread(c),
    });
  }

  handle(p: ServerPayload): void {
    switch (p.type) {
      case 'joined': {
        const c = this.d.model.room(p.room);
        if (!c) return;
        this.d.model.setJoined(c, true);
        this.d.model.setMembers(c, p.members);
        this.#joinedState(c, p.readSeq, p.typingGroup);
        this.d.history.page(c, p);
        this.#countUnread(c);
        this.d.outgoing.flush();
        return;
      }
      case 'dm_joined': {
        const c = this.d.model.ensureDirect({ userId: p.user, name: this.#nameOf(p.user) });
        this.d.model.setJoined(c, true);
        this.#joinedState(c, p.readSeq, p.typingGroup);
        this.d.model.changeState(
          c,
          (x) => (x.otherReadSeq = Math.max(x.otherReadSeq, p.otherReadSeq)),
        );
        this.d.history.page(c, p);
        this.#countUnread(c);
        this.d.outgoing.flush();
        return;
      }
      case 'history': {
        const c = this.d.model.room(p.room);
        if (c) this.d.history.page(c, p);
        return;
      }
      case 'dm_history': {
        const c = this.d.model.conversations.get(`dm:${p.user}`);
        if (c) this.d.history.page(c, p);
        return;
      }
      case 'announcements_joined':
        this.#announcements.joined(p);
        return;
      case 'announcements_history':
        this.#announcements.page(p);
        return;
      case 'left':
        return;
      case 'message':
        if ('room' in p) {
          const c = this.d.model.room(p.room);
          if (c) this.d.history.live(c, p);
        } else this.#direct(p);
        return;
      case 'change':
        this.#liveChange(p);
        return;
      case 'read':
        this.#read(p);
        return;
      case 'rooms':
        this.#rooms(p);
        return;
      case 'member_added':
      case 'member_removed': {
        const c = this.d.model.room(p.room);
        if (c) this.#memberChanged(c, p.user, p.type === 'member_added');
        return;
      }
      case 'ack':
        this.#ack(p);
        return;
      case 'error': {
        // A transient refusal of a queued message is retried quietly; anything else is said.
        const known = p.id !== undefined && this.d.outgoing.refused(p.id, p.code, p.message);
        if (known && p.code === 'Unavailable') return;
        this.refused(p.code, p.message);
        return;
      }
      case 'notification':
        this.d.notify({
          level: p.level,
          title: p.title,
          ...(p.body !== undefined ? { body: p.body } : {}),
          ...(p.room !== undefined ? { conversation: `room:${p.room}` } : {}),
        });
        return;
    }
  }

  #joinedState(
    c: RoomConversation | DirectConversation,
    readSeq: number,
    typingGroup: string,
  ): void {
    this.d.model.changeState(c, (x) => {
      x.readSeq = Math.max(x.readSeq, readSeq);
      x.typingGroup = typingGroup;
    });
  }

  /** Unread: messages from others after the read position (the open conversation has none). */
  #countUnread(c: Conversation): void {
    if (this.d.model.selected?.key === c.key) {
      this.d.markRead(c);
      return;
    }
    const n = c.messages.filter((m) => !m.mine && !m.notice && (m.seq ?? 0) > c.readSeq).length;
    this.d.model.setUnread(c, Math.min(n, MAX_UNREAD));
  }

  #direct(m: DirectMessage): void {
    const me = this.d.model.identity.userId;
    if ('all' in m.to) {
      this.#announcements.live(m, (key, x) => this.#legacyShown(key, x));
      return;
    }
    // From me (another tab of mine) to someone, or from someone to me.
    const peer =
      m.from.userId === me ? { userId: m.to.user, name: this.#nameOf(m.to.user) } : m.from;
    const c = this.d.model.ensureDirect(peer);
    const before = c.messages.length;
    if (m.seq !== undefined) {
      this.d.history.live(c, {
        id: m.id,
        seq: m.seq,
        from: m.from,
        to: m.to,
        body: m.body,
        ts: m.ts,
      });
      if (!c.joined) void this.d.join(c);
    } else this.d.model.append(c, [this.#legacyShown(`${m.from.userId}/${m.id}`, m)]);
    const arrived = c.messages.length > before || !c.joined;
    if (arrived && m.from.userId !== me && this.d.model.selected?.key !== c.key) {
      this.d.notify({
        level: 'info',
        title: `Message from ${m.from.name}`,
        body: bodyText(m.body),
        conversation: c.key,
      });
    }
  }

  #liveChange(p: ChangePayload): void {
    const c =
      'room' in p
        ? this.d.model.room(p.room)
        : this.d.model.conversations.get(`dm:${this.#peerOf(p.from.userId, p.to.user)}`);
    if (c) this.d.history.live(c, p);
  }

  #read(p: ReadPayload): void {
    const c =
      'room' in p
        ? this.d.model.room(p.room)
        : 'all' in p
          ? this.d.model.everyone()
          : this.d.model.conversations.get(`dm:${p.user}`);
    if (!c) return;
    if (p.userId === this.d.model.identity.userId) {
      // Read on another device of mine: its unread count follows.
      this.d.model.changeState(c, (x) => (x.readSeq = Math.max(x.readSeq, p.seq)));
      this.#countUnread(c);
    } else if (c.kind === 'direct') {
      this.d.model.changeState(c, (x) => (x.otherReadSeq = Math.max(x.otherReadSeq, p.seq)));
    }
  }

  #rooms(p: RoomsReply): void {
    this.d.model.setDirectory(p.rooms);
    const adopted: RoomConversation[] = [];
    for (const r of p.rooms) {
      let c = this.d.model.room(r.room);
      // The user's rooms follow them to a new device (or a cleared browser): joined here too.
      if (!c && r.member && (c = this.d.adopt(r.room))) adopted.push(c);
      if (c && r.unread !== undefined && !c.joined) this.d.model.setUnread(c, r.unread);
    }
    for (const c of adopted) this.d.join(c);
    this.#announcements.listed(p.announcements);
    // DM conversations come back after a reload or on another device.
    for (const d of p.dms) {
      const c = this.d.model.ensureDirect({ userId: d.user, name: d.name });
      if (!c.joined) {
        this.d.model.setUnread(c, d.unread);
        void this.d.join(c);
      }
    }
  }

  #ack(p: { id: string; seq?: number | undefined; user?: string | undefined }): void {
    const sent = this.d.outgoing.settle(p.id);
    // A room message shows when it is delivered; a direct message or an announcement is not
    // delivered back to the connection that sent it, so the ack is when it shows.
    if (!sent || 'room' in sent.envelope.to) return;
    const c = this.d.model.conversations.get(sent.conversation);
    if (!c) return;
    const me = this.d.model.identity;
    const from = { userId: me.userId, name: me.name };
    const ts = new Date().toISOString();
    if (p.seq !== undefined) {
      const entry = { id: p.id, seq: p.seq, from, body: sent.text, ts };
      const { to } = sent.envelope;
      this.d.history.live(c, 'user' in to ? { ...entry, to } : { ...entry, to: { all: true } });
      return;
    }
    this.d.model.append(c, [
      { key: `${me.userId}/${p.id}`, id: p.id, from, text: sent.text, ts, mine: true },
    ]);
  }

  #memberChanged(c: RoomConversation, user: UserRef, present: boolean): void {
    const known = c.members.has(user.userId);
    this.d.model.memberChanged(c, user, present);
    // A line for others coming and going (not for an update of someone already listed, nor for
    // oneself: one's own join is the conversation opening).
    if (user.userId === this.d.model.identity.userId || known === present) return;
    if (!present) this.d.typing.spoke(c, user.userId);
    this.d.model.append(c, [
      {
        key: `notice/${++this.#notices}`,
        from: user,
        text: present ? `${user.name} joined` : `${user.name} left`,
        ts: new Date().toISOString(),
        mine: false,
        notice: true,
      },
    ]);
  }

  refused(code: string, message: string): void {
    this.d.notify({ level: 'error', title: errorTitle(code), body: message });
  }

  #legacyShown(key: string, m: DirectMessage): ShownMessage {
    return {
      key,
      id: m.id,
      from: m.from,
      text: bodyText(m.body),
      ts: m.ts,
      mine: m.from.userId === this.d.model.identity.userId,
    };
  }

  #peerOf(fromUserId: string, toUserId: string): string {
    return fromUserId === this.d.model.identity.userId ? toUserId : fromUserId;
  }

  #nameOf(userId: string): string {
    const dm = this.d.model.conversations.get(`dm:${userId}`);
    if (dm?.kind === 'direct' && dm.peer.name !== userId) return dm.peer.name;
    for (const c of this.d.model.rooms()) {
      const member = c.members.get(userId);
      if (member) return member.name;
    }
    return userId;
  }
}
