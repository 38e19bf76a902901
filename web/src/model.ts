// What the page shows, independent of the DOM: conversations (rooms, direct threads, the admins'
// announcements to everyone), their messages, room members, the selected conversation and who the
// user is. Views listen for changes; the controller makes them.
import type { Member, RoomsReply, UserRef } from '../../chat-contract/payloads';
import { Emitter } from './emitter';
import type { Reactions } from './message-changes';
import type { ConnectionState, Identity } from './session';

export interface ShownMessage {
  /** Unique per conversation: the room seq, or the sender and the message id. */
  key: string;
  from: UserRef;
  text: string;
  ts: string;
  mine: boolean;
  /** The message id (the sender's client id when it gave one). */
  id?: string;
  /** A line about the conversation ("Bob joined"), not a message: never unread. */
  notice?: boolean;
  /** The conversation's seq, for stored messages (rooms and DMs). */
  seq?: number;
  /** The seq of the newest edit, delete or reaction folded in. */
  version?: number;
  edited?: string;
  deleted?: boolean;
  reactions?: Reactions;
}

interface ConversationBase {
  key: string;
  title: string;
  messages: ShownMessage[];
  unread: number;
  /** Older messages can be loaded (`history` with `before`). */
  hasOlder: boolean;
  /** Your read position (the server's, PROTOCOL.md §2 `read`). */
  readSeq: number;
  /** The group typing frames of this conversation go through, once joined. */
  typingGroup?: string;
  /** Who is typing now (names). */
  typing: string[];
}

export interface RoomConversation extends ConversationBase {
  kind: 'room';
  room: string;
  joined: boolean;
  members: Map<string, Member>;
}

export interface DirectConversation extends ConversationBase {
  kind: 'direct';
  peer: UserRef;
  /** Its stored history has been joined on this connection. */
  joined: boolean;
  /** The other member's read position: "read by". */
  otherReadSeq: number;
}

export interface EveryoneConversation extends ConversationBase {
  kind: 'everyone';
}

export type Conversation = RoomConversation | DirectConversation | EveryoneConversation;

type ModelEvents = {
  /** Conversations were added, removed, renamed or their unread counts changed. */
  list: [];
  selected: [Conversation | undefined];
  messages: [Conversation, ShownMessage[]];
  members: [RoomConversation];
  identity: [Identity];
  /** The conversation's outgoing messages (queued, sending, failed) changed. */
  outgoing: [conversationKey: string];
  connection: [ConnectionState];
  /** Messages already shown changed (edited, deleted, reacted to). */
  updated: [Conversation, ShownMessage[]];
  /** Older messages were put before the ones shown. */
  prepended: [Conversation, ShownMessage[]];
  /** Typing, read-by or paging state of a conversation changed. */
  state: [Conversation];
  /** The rooms list (your rooms and public ones, with occupancy) changed. */
  directory: [RoomsReply['rooms']];
};

const roomKey = (room: string) => `room:${room}`;
const directKey = (userId: string) => `dm:${userId}`;
export const EVERYONE_KEY = 'everyone';

export class ChatModel extends Emitter<ModelEvents> {
  readonly conversations = new Map<string, Conversation>();
  #selected: string | undefined;
  #connection: ConnectionState = 'connecting';
  #directory: RoomsReply['rooms'] = [];

  constructor(public identity: Identity) {
    super();
  }

  get connection(): ConnectionState {
    return this.#connection;
  }

  get online(): boolean {
    return this.#connection === 'connected';
  }

  get directory(): RoomsReply['rooms'] {
    return this.#directory;
  }

  setDirectory(rooms: RoomsReply['rooms']): void {
    this.#directory = rooms;
    this.emit('directory', rooms);
  }

  setConnection(state: ConnectionState): void {
    if (state === this.#connection) return;
    this.#connection = state;
    this.emit('connection', state);
  }

  setIdentity(identity: Identity): void {
    this.identity = identity;
    this.emit('identity', identity);
  }

  get selected(): Conversation | undefined {
    return this.#selected ? this.conversations.get(this.#selected) : undefined;
  }

  rooms(): RoomConversation[] {
    return [...this.conversations.values()].filter((c): c is RoomConversation => c.kind === 'room');
  }

  room(room: string): RoomConversation | undefined {
    const c = this.conversations.get(roomKey(room));
    return c?.kind === 'room' ? c : undefined;
  }

  ensureRoom(room: string): RoomConversation {
    const existing = this.room(room);
    if (existing) return existing;
    const c: RoomConversation = {
      kind: 'room',
      key: roomKey(room),
      title: `#${room}`,
      room,
      joined: false,
      members: new Map(),
      ...fresh(),
    };
    this.#add(c);
    return c;
  }

  ensureDirect(peer: UserRef): DirectConversation {
    const key = directKey(peer.userId);
    const existing = this.conversations.get(key);
    if (existing?.kind === 'direct') {
      // A bare id (typed into the form) never replaces a name already known.
      if (peer.name && peer.name !== peer.userId && existing.peer.name !== peer.name) {
        existing.peer = peer;
        existing.title = peer.name;
        this.emit('list');
      }
      return existing;
    }
    const c: DirectConversation = {
      kind: 'direct',
      key,
      title: peer.name || peer.userId,
      peer,
      joined: false,
      otherReadSeq: 0,
      ...fresh(),
    };
    this.#add(c);
    return c;
  }

  everyone(): EveryoneConversation | undefined {
    const c = this.conversations.get(EVERYONE_KEY);
    return c?.kind === 'everyone' ? c : undefined;
  }

  ensureEveryone(): EveryoneConversation {
    const existing = this.conversations.get(EVERYONE_KEY);
    if (existing?.kind === 'everyone') return existing;
    const c: EveryoneConversation = {
      kind: 'everyone',
      key: EVERYONE_KEY,
      title: 'Everyone',
      ...fresh(),
    };
    this.#add(c);
    return c;
  }

  remove(key: string): void {
    if (!this.conversations.delete(key)) return;
    if (this.#selected === key) {
      const next = this.conversations.keys().next();
      this.select(next.done ? undefined : next.value);
    }
    this.emit('list');
  }

  select(key: string | undefined): void {
    this.#selected = key;
    const c = this.selected;
    if (c && c.unread > 0) {
      c.unread = 0;
      this.emit('list');
    }
    this.emit('selected', c);
  }

  /** Appends messages not shown yet (by key); counts them unread unless the conversation is open. */
  append(c: Conversation, messages: ShownMessage[]): ShownMessage[] {
    const seen = new Set(c.messages.map((m) => m.key));
    const added = messages.filter((m) => !seen.has(m.key) && seen.add(m.key));
    if (added.length === 0) return added;
    c.messages.push(...added);
    this.emit('messages', c, added);
    if (this.#selected !== c.key) {
      c.unread += added.filter((m) => !m.mine && !m.notice).length;
      this.emit('list');
    }
    return added;
  }

  /** Puts older messages (not shown yet) before the others. */
  prepend(c: Conversation, messages: ShownMessage[]): ShownMessage[] {
    const seen = new Set(c.messages.map((m) => m.key));
    const added = messages.filter((m) => !seen.has(m.key) && seen.add(m.key));
    if (added.length === 0) return added;
    c.messages.unshift(...added);
    this.emit('prepended', c, added);
    return added;
  }

  bySeq(c: Conversation, seq: number): ShownMessage | undefined {
    return c.messages.find((m) => m.seq === seq && !m.notice);
  }

  /** Replaces shown messages (same key) with their new state. */
  update(c: Conversation, messages: ShownMessage[]): void {
    if (messages.length === 0) return;
    for (const m of messages) {
      const i = c.messages.findIndex((x) => x.key === m.key);
      if (i >= 0) c.messages[i] = m;
    }
    this.emit('updated', c, messages);
  }

  setUnread(c: Conversation, unread: number): void {
    const n = this.#selected === c.key ? 0 : unread;
    if (c.unread === n) return;
    c.unread = n;
    this.emit('list');
  }

  /** Typing, read-by or paging state changed: `change` makes the change, views then redraw it. */
  changeState<C extends Conversation>(c: C, change: (c: C) => void): void {
    change(c);
    this.emit('state', c);
  }

  setMembers(c: RoomConversation, members: Member[]): void {
    c.members = new Map(members.map((m) => [m.userId, m]));
    this.emit('members', c);
  }

  memberChanged(c: RoomConversation, user: UserRef, present: boolean): void {
    if (present) c.members.set(user.userId, { ...user, connections: 1 });
    else c.members.delete(user.userId);
    this.emit('members', c);
  }

  setJoined(c: RoomConversation | DirectConversation, joined: boolean): void {
    if (c.joined === joined) return;
    c.joined = joined;
    this.emit('list');
    if (this.#selected === c.key) this.emit('selected', c);
  }

  directs(): DirectConversation[] {
    return [...this.conversations.values()].filter(
      (c): c is DirectConversation => c.kind === 'direct',
    );
  }

  #add(c: Conversation): void {
    this.conversations.set(c.key, c);
    this.emit('list');
    if (!this.#selected) this.select(c.key);
  }
}

function fresh() {
  return { messages: [], unread: 0, hasOlder: false, readSeq: 0, typing: [] };
}
