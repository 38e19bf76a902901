// The chat rules in one place: rooms, messages with history, presence and occupancy. Pure of
// Functions: callers pass who is asking and get a reply plus the effects to carry out.
import type {
  HistoryEnvelope,
  JoinEnvelope,
  LeaveEnvelope,
  MessageEnvelope,
  RoomHistoryEnvelope,
} from '../chat-contract/envelopes';
import { DEFAULT_HISTORY_PAGE } from '../chat-contract/limits';
import type {
  AckReply,
  HistoryReply,
  JoinedReply,
  LeftReply,
  UserRef,
} from '../chat-contract/payloads';
import type { Effects, Outcome } from './effects';
import { noEffects } from './effects';
import { chatError } from './errors';
import type { HistoryStore } from './history/types';
import { eventMessageId } from './message-ids';
import { directMessage, memberEvent, occupancyEvent, roomMessage } from './payloads';
import type { PresenceStore, RoomChange } from './presence/types';
import type { RateLimiter } from './rate-limit';
import { roomGroup, userGroup } from './rooms';
import { StoreError } from './store-errors';

export interface Caller extends UserRef {
  connectionId: string;
  admin: boolean;
  /** The CloudEvent id (`ce-id`) of the event being answered: the same on each of its retries. */
  eventId?: string;
}

/** The service's own view of who is connected (the REST API's `userExists`/`connectionExists`). */
export interface LiveView {
  userExists(userId: string): Promise<boolean>;
  connectionExists(connectionId: string): Promise<boolean>;
}

export interface ChatDeps {
  history: HistoryStore;
  presence: PresenceStore;
  limiter: RateLimiter;
  now?: () => Date;
}

/** Failed `disconnected` events kept for a retry, at most. */
const MAX_LATE_DISCONNECTS = 10_000;

export class ChatService {
  readonly #now: () => Date;
  /** Connections whose `disconnected` failed (storage down): retried by `retryDisconnects`. */
  readonly #lateDisconnects = new Set<string>();
  constructor(private readonly deps: ChatDeps) {
    this.#now = deps.now ?? (() => new Date());
  }

  async connected(caller: Caller): Promise<void> {
    await this.deps.presence.connect(caller.connectionId, caller.userId, caller.name);
  }

  async join(caller: Caller, e: JoinEnvelope): Promise<Outcome<JoinedReply>> {
    this.#admit(caller);
    if (!('room' in e)) throw chatError('Unavailable', 'Not implemented yet.');
    const change = await this.#joinPresence(caller, e.room);
    const [members, history] = await Promise.all([
      this.deps.presence.members(e.room),
      e.since === undefined
        ? this.deps.history.latest(e.room, DEFAULT_HISTORY_PAGE)
        : this.deps.history.since(e.room, e.since, DEFAULT_HISTORY_PAGE),
    ]);
    const effects = noEffects();
    effects.groups.push({
      kind: 'add',
      connectionId: caller.connectionId,
      group: roomGroup(e.room),
    });
    this.#announce(change, effects);
    return {
      reply: {
        type: 'joined',
        room: e.room,
        members,
        ...history,
        hasOlder: false,
        changes: [],
        readSeq: 0,
        typingGroup: `typing.${e.room}`,
      },
      effects,
    };
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
    this.#admit(caller);
    const change = await this.deps.presence.leave(caller.connectionId, e.room);
    const effects = noEffects();
    effects.groups.push({
      kind: 'remove',
      connectionId: caller.connectionId,
      group: roomGroup(e.room),
    });
    this.#announce(change, effects);
    return { reply: { type: 'left', room: e.room }, effects };
  }

  /** A user's `history` event: rate limited, and only for the room's members (and admins). */
  async history(caller: Caller, e: HistoryEnvelope): Promise<HistoryReply> {
    this.#admit(caller);
    if (!('room' in e)) throw chatError('Unavailable', 'Not implemented yet.');
    await this.#requireMember(caller, e.room);
    return this.roomHistory(e);
  }

  /** A room's history for the server APIs (behind a function key): no caller to check. */
  async roomHistory(e: RoomHistoryEnvelope): Promise<HistoryReply> {
    const page = await this.deps.history.since(
      e.room,
      e.since ?? 0,
      e.limit ?? DEFAULT_HISTORY_PAGE,
    );
    return { type: 'history', room: e.room, ...page, hasOlder: false, changes: [] };
  }

  async message(caller: Caller, e: MessageEnvelope): Promise<Outcome<AckReply>> {
    this.#admit(caller);
    if ('room' in e.to) await this.#requireMember(caller, e.to.room);
    const id = e.id ?? eventMessageId(caller.connectionId, caller.eventId);
    const ts = this.#now().toISOString();
    const from = { userId: caller.userId, name: caller.name };
    const body =
      e.text !== undefined
        ? e.data !== undefined
          ? { text: e.text, data: e.data }
          : e.text
        : e.data;
    const effects = noEffects();
    if ('room' in e.to) {
      const { message, duplicate } = await this.deps.history.append({
        id,
        room: e.to.room,
        from,
        body,
        ts,
      });
      if (!duplicate)
        effects.deliveries.push({
          to: { group: roomGroup(e.to.room) },
          payload: roomMessage(message),
        });
      return { reply: { type: 'ack', id, room: e.to.room, seq: message.seq, duplicate }, effects };
    }
    if ('user' in e.to) {
      const payload = directMessage(id, from, { user: e.to.user }, body, ts);
      // To the recipient's devices and the sender's other devices, so every tab sees the thread.
      effects.deliveries.push({ to: { group: userGroup(e.to.user) }, payload });
      if (e.to.user !== caller.userId) {
        effects.deliveries.push({
          to: { group: userGroup(caller.userId) },
          payload,
          excluded: [caller.connectionId],
        });
      }
      return { reply: { type: 'ack', id }, effects };
    }
    if (!caller.admin) throw chatError('Forbidden', 'Only admins may send to everyone.');
    effects.deliveries.push({
      to: { all: true },
      payload: directMessage(id, from, { all: true }, body, ts),
    });
    return { reply: { type: 'ack', id }, effects };
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

  /** Every user event takes a token from its connection's bucket (PROTOCOL.md §2). */
  #admit(caller: Caller): void {
    if (!this.deps.limiter.take(caller.connectionId)) {
      throw chatError('RateLimited', 'Too many events: slow down.');
    }
  }

  /**
   * Posting to a room and reading its history need membership: this connection joined the room,
   * or another of the user's connections did (a second tab). Admins are exempt.
   */
  async #requireMember(caller: Caller, room: string): Promise<void> {
    if (caller.admin) return;
    const connection = await this.deps.presence.connection(caller.connectionId);
    if (connection?.rooms.includes(room)) return;
    const members = await this.deps.presence.members(room);
    if (members.some((m) => m.userId === caller.userId)) return;
    throw chatError('Forbidden', `Join the room ${room} first.`);
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
