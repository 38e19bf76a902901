// The chat rules in one place: rooms, conversations with history, presence and occupancy. Pure of
// Functions: callers pass who is asking and get a reply plus the effects to carry out. Changes to
// messages and read state have modules of their own (message-changes.ts, read-state.ts).
import type {
  HistoryEnvelope,
  JoinEnvelope,
  LeaveEnvelope,
  MessageEnvelope,
  RoomHistoryEnvelope,
} from '../chat-contract/envelopes';
import type { AckReply, HistoryReply, LeftReply, Reply } from '../chat-contract/payloads';
import type { Caller } from './access';
import { Access } from './access';
import { Announcements, isAnnouncements } from './announcements';
import { conversationOf, otherSide, refOf, typingGroup } from './conversations';
import type { Effects, Outcome } from './effects';
import { noEffects } from './effects';
import { joinPage, requestedPage } from './history/pages';
import type { HistoryStore } from './history/types';
import { MessageChanges } from './message-changes';
import { eventMessageId } from './message-ids';
import { memberEvent, messageBody, occupancyEvent, roomMessage } from './payloads';
import type { PresenceStore, RoomChange } from './presence/types';
import type { RateLimiter } from './rate-limit';
import { ReadState } from './read-state';
import type { ReadStateStore } from './reads/types';
import { roomGroup, userGroup } from './rooms';
import { StoreError } from './store-errors';
import { directLive, dmPage, roomPage } from './views';

export type { Caller } from './access';

/** The service's own view of who is connected (the REST API's `userExists`/`connectionExists`). */
export interface LiveView {
  userExists(userId: string): Promise<boolean>;
  connectionExists(connectionId: string): Promise<boolean>;
}

export interface ChatDeps {
  history: HistoryStore;
  presence: PresenceStore;
  reads: ReadStateStore;
  limiter: RateLimiter;
  /** A user's display name, for the rooms list's DMs (the user id when not given). */
  nameOf?: (userId: string) => Promise<string>;
  now?: () => Date;
}

/** Failed `disconnected` events kept for a retry, at most. */
const MAX_LATE_DISCONNECTS = 10_000;

export class ChatService {
  readonly #now: () => Date;
  readonly #access: Access;
  readonly #announcements: Announcements;
  /** `edit`, `delete` and `react`. */
  readonly changes: MessageChanges;
  /** `read` and `rooms`. */
  readonly readState: ReadState;
  /** Connections whose `disconnected` failed (storage down): retried by `retryDisconnects`. */
  readonly #lateDisconnects = new Set<string>();
  constructor(private readonly deps: ChatDeps) {
    this.#now = deps.now ?? (() => new Date());
    this.#access = new Access(deps.presence, deps.limiter);
    this.#announcements = new Announcements(this.#access, deps.history, deps.reads);
    this.changes = new MessageChanges(this.#access, deps.history, this.#now);
    this.readState = new ReadState({
      access: this.#access,
      announcements: this.#announcements,
      history: deps.history,
      presence: deps.presence,
      reads: deps.reads,
      nameOf: deps.nameOf ?? ((userId) => Promise.resolve(userId)),
    });
  }

  async connected(caller: Caller): Promise<void> {
    await this.deps.presence.connect(caller.connectionId, caller.userId, caller.name);
  }

  /** Joins a room (presence, groups, history), or opens a DM (history, typing group). */
  async join(caller: Caller, e: JoinEnvelope): Promise<Outcome<Reply<'join'>>> {
    if (isAnnouncements(e)) {
      return { reply: await this.#announcements.join(caller, e), effects: noEffects() };
    }
    this.#access.admit(caller);
    const c = conversationOf(caller.userId, e);
    const effects = noEffects();
    const typing = typingGroup(c);
    effects.groups.push({ kind: 'add', connectionId: caller.connectionId, group: typing });
    effects.permissions.push({ kind: 'grant', connectionId: caller.connectionId, group: typing });
    if (c.kind === 'dm') {
      const [page, readSeq, otherReadSeq] = await Promise.all([
        joinPage(this.deps.history, c.key, e.since),
        this.deps.reads.get(c.self, c.key),
        this.deps.reads.get(c.other, c.key),
      ]);
      const reply = { type: 'dm_joined' as const, ...dmPage(c, page), readSeq, otherReadSeq };
      return { reply: { ...reply, typingGroup: typing }, effects };
    }
    const change = await this.#joinPresence(caller, c.room);
    const [members, page, readSeq] = await Promise.all([
      this.deps.presence.members(c.room),
      joinPage(this.deps.history, c.key, e.since),
      this.deps.reads
        .track(caller.userId, refOf(c), c.key)
        .then(() => this.deps.reads.get(caller.userId, c.key)),
    ]);
    effects.groups.unshift({
      kind: 'add',
      connectionId: caller.connectionId,
      group: roomGroup(c.room),
    });
    this.#announce(change, effects);
    const reply = { type: 'joined' as const, members, ...roomPage(c, page), readSeq };
    return { reply: { ...reply, typingGroup: typing }, effects };
  }

  async #joinPresence(caller: Caller, room: string): Promise<RoomChange> {
    try {
      return await this.deps.presence.join(caller.connectionId, room);
    } catch (err) {
      if (!(err instanceof StoreError) || err.code !== 'PRESENCE_ERR_UNKNOWN_CONNECTION') throw err;
      // `connected` does not block the client: its first `join` can overtake it.
      await this.deps.presence.connect(caller.connectionId, caller.userId, caller.name);
      return this.deps.presence.join(caller.connectionId, room);
    }
  }

  async leave(caller: Caller, e: LeaveEnvelope): Promise<Outcome<LeftReply>> {
    this.#access.admit(caller);
    const c = conversationOf(caller.userId, e);
    // An explicit leave ends the room being the user's on every device (a disconnect does not).
    const [change] = await Promise.all([
      this.deps.presence.leave(caller.connectionId, e.room),
      this.deps.reads.leave(caller.userId, c.key),
    ]);
    const effects = noEffects();
    const { connectionId } = caller;
    const typing = typingGroup(c);
    effects.groups.push({ kind: 'remove', connectionId, group: roomGroup(e.room) });
    effects.groups.push({ kind: 'remove', connectionId, group: typing });
    effects.permissions.push({ kind: 'revoke', connectionId, group: typing });
    this.#announce(change, effects);
    return { reply: { type: 'left', room: e.room }, effects };
  }

  /** A user's `history` event: rate limited, and only for the room's members (and admins). */
  async history(caller: Caller, e: HistoryEnvelope): Promise<Reply<'history'>> {
    if (isAnnouncements(e)) return this.#announcements.page(caller, e);
    this.#access.admit(caller);
    const c = await this.#access.open(caller, e);
    const page = await requestedPage(this.deps.history, c.key, e);
    return c.kind === 'room'
      ? { type: 'history', ...roomPage(c, page) }
      : { type: 'dm_history', ...dmPage(c, page) };
  }

  /** A room's history for the server APIs (behind a function key): no caller to check. */
  async roomHistory(e: RoomHistoryEnvelope): Promise<HistoryReply> {
    const c = conversationOf('', e);
    if (c.kind !== 'room') throw new Error('a room history needs a room');
    return { type: 'history', ...roomPage(c, await requestedPage(this.deps.history, c.key, e)) };
  }

  async message(caller: Caller, e: MessageEnvelope): Promise<Outcome<AckReply>> {
    this.#access.admit(caller);
    const id = e.id ?? eventMessageId(caller.connectionId, caller.eventId);
    const ts = this.#now().toISOString();
    const from = { userId: caller.userId, name: caller.name };
    const body = messageBody(e);
    const effects = noEffects();
    if ('all' in e.to) return this.#announcements.post(caller, { id, room: '', from, body, ts });
    const c = await this.#access.open(caller, e.to);
    const { message, duplicate } = await this.deps.history.append({
      id,
      room: c.key,
      from,
      body,
      ts,
    });
    const reply = { type: 'ack' as const, id, ...refOf(c), seq: message.seq, duplicate };
    if (c.kind === 'dm' && message.seq === 1) {
      // The pair's first message makes the conversation theirs: it shows in both rooms lists.
      await Promise.all([
        this.deps.reads.track(c.self, refOf(c), c.key),
        this.deps.reads.track(c.other, refOf(otherSide(c)), c.key),
      ]);
    }
    if ('kind' in message) return { reply, effects };
    // A duplicate is delivered again: the first delivery may never have left (the host died
    // between the commit and its output), and members drop a seq they have already shown.
    if (c.kind === 'room') {
      effects.deliveries.push({ to: { group: roomGroup(c.room) }, payload: roomMessage(message) });
      return { reply, effects };
    }
    const payload = directLive(c, message);
    // To the recipient's devices and the sender's other devices, so every tab sees the thread.
    if (c.other !== c.self) effects.deliveries.push({ to: { group: userGroup(c.other) }, payload });
    effects.deliveries.push({
      to: { group: userGroup(c.self) },
      payload,
      excluded: [caller.connectionId],
    });
    return { reply, effects };
  }

  /** Throws when the store fails; the connection is then kept for `retryDisconnects`. */
  async disconnected(connectionId: string): Promise<Effects> {
    this.deps.limiter.forget(connectionId);
    let changes: RoomChange[];
    try {
      changes = await this.deps.presence.disconnect(connectionId);
    } catch (err) {
      if (this.#lateDisconnects.size < MAX_LATE_DISCONNECTS)
        this.#lateDisconnects.add(connectionId);
      throw err;
    }
    this.#lateDisconnects.delete(connectionId);
    const effects = noEffects();
    for (const change of changes) this.#announce(change, effects);
    return effects;
  }

  /**
   * Runs again the `disconnected` events that failed (a storage outage), so that their members do
   * not stay as ghosts until the next reconcile. Stops at the first failure: storage is still down.
   */
  async retryDisconnects(): Promise<{ removed: string[]; effects: Effects }> {
    const removed: string[] = [];
    const effects = noEffects();
    for (const connectionId of [...this.#lateDisconnects]) {
      try {
        const e = await this.disconnected(connectionId);
        effects.deliveries.push(...e.deliveries);
        effects.occupancy.push(...e.occupancy);
        removed.push(connectionId);
      } catch {
        break;
      }
    }
    return { removed, effects };
  }

  /**
   * Drops connections the service no longer has (a `disconnected` event that never arrived), with
   * the same announcements a real disconnect makes. One `userExists` per user, then one
   * `connectionExists` per connection of users who still exist.
   */
  async reconcile(service: LiveView): Promise<{ removed: string[]; effects: Effects }> {
    const byUser = new Map<string, string[]>();
    for (const c of await this.deps.presence.connections()) {
      byUser.set(c.userId, [...(byUser.get(c.userId) ?? []), c.connectionId]);
    }
    const removed: string[] = [];
    const effects = noEffects();
    for (const [userId, connectionIds] of byUser) {
      const userLive = await service.userExists(userId);
      for (const connectionId of connectionIds) {
        if (userLive && (await service.connectionExists(connectionId))) continue;
        removed.push(connectionId);
        const e = await this.disconnected(connectionId);
        effects.deliveries.push(...e.deliveries);
        effects.occupancy.push(...e.occupancy);
      }
    }
    return { removed, effects };
  }

  #announce(change: RoomChange, effects: Effects): void {
    const ts = this.#now().toISOString();
    if (change.member) {
      const { kind, userId, name } = change.member;
      effects.deliveries.push({
        to: { group: roomGroup(change.room) },
        payload: memberEvent(kind, change.room, { userId, name }),
      });
    }
    if (change.occupancy) effects.occupancy.push(occupancyEvent(change.occupancy, change.room, ts));
  }
}
