// Read positions and the rooms list: `read` moves the caller's position in a conversation forward
// and tells their other connections (and, in a DM, the other member: "read by"); `rooms` lists the
// caller's conversations with unread counts, and the rooms with members now; a room is the caller's
// (`member`) from their join, on any device, until they leave it explicitly.
import type { ReadEnvelope } from '../chat-contract/envelopes';
import { MAX_UNREAD } from '../chat-contract/limits';
import type { ReadPayload, RoomsReply } from '../chat-contract/payloads';
import type { Access, Caller } from './access';
import type { Announcements } from './announcements';
import { ANNOUNCEMENTS_KEY, isAnnouncements } from './announcements';
import type { Conversation } from './conversations';
import { refOf } from './conversations';
import type { Outcome } from './effects';
import { noEffects } from './effects';
import type { HistoryStore } from './history/types';
import type { PresenceStore } from './presence/types';
import type { ReadStateStore } from './reads/types';
import { isMember } from './reads/types';
import { userGroup } from './rooms';

export interface ReadStateDeps {
  access: Access;
  history: HistoryStore;
  presence: PresenceStore;
  reads: ReadStateStore;
  /** A user's display name (for the DMs in the rooms list). */
  nameOf: (userId: string) => Promise<string>;
  announcements: Announcements;
}

type Unread = { latestSeq: number; readSeq: number; unread: number };

export class ReadState {
  constructor(private readonly deps: ReadStateDeps) {}

  async read(caller: Caller, e: ReadEnvelope): Promise<Outcome<ReadPayload>> {
    if (isAnnouncements(e)) return this.deps.announcements.read(caller, e);
    this.deps.access.admit(caller);
    const c = await this.deps.access.open(caller, e);
    const seq = await this.deps.reads.markRead(caller.userId, refOf(c), c.key, e.seq);
    const reply = readPayload(c, caller.userId, seq);
    const effects = noEffects();
    // Unread counts follow across devices.
    effects.deliveries.push({
      to: { group: userGroup(caller.userId) },
      payload: reply,
      excluded: [caller.connectionId],
    });
    if (c.kind === 'dm' && c.other !== c.self) {
      const seen: ReadPayload = { type: 'read', user: caller.userId, userId: caller.userId, seq };
      effects.deliveries.push({ to: { group: userGroup(c.other) }, payload: seen });
    }
    return { reply, effects };
  }

  async rooms(caller: Caller): Promise<RoomsReply> {
    this.deps.access.admit(caller);
    const { reads, presence } = this.deps;
    const [positions, occupied, connection] = await Promise.all([
      reads.list(caller.userId),
      presence.occupiedRooms(),
      presence.connection(caller.connectionId),
    ]);
    const here = new Set(connection?.rooms ?? []);
    const rooms = new Map<string, RoomsReply['rooms'][number]>();
    const room = (name: string) => {
      let r = rooms.get(name);
      if (!r) {
        const joined = here.has(name);
        rooms.set(name, (r = { room: name, members: 0, joined, member: joined }));
      }
      return r;
    };
    for (const o of occupied) room(o.room).members = o.members;
    for (const name of here) room(name);
    const dms: RoomsReply['dms'] = [];
    const announcementsRead = positions.find((p) => p.key === ANNOUNCEMENTS_KEY)?.readSeq ?? 0;
    const [announcements] = await Promise.all([
      // Every signed-in user reads the announcements: counted with or without a position.
      this.#unread(caller.userId, ANNOUNCEMENTS_KEY, announcementsRead),
      ...positions.map(async (p) => {
        const { conversation } = p;
        if (isAnnouncements(conversation)) return;
        const unread = await this.#unread(caller.userId, p.key, p.readSeq);
        if ('room' in conversation) {
          const r = Object.assign(room(conversation.room), unread);
          r.member ||= isMember(p);
        } else
          dms.push({
            user: conversation.user,
            name: await this.deps.nameOf(conversation.user),
            ...unread,
          });
      }),
    ]);
    return {
      type: 'rooms',
      userId: caller.userId,
      name: caller.name,
      rooms: [...rooms.values()].sort((a, b) => compare(a.room, b.room)),
      dms: dms.sort((a, b) => b.latestSeq - a.latestSeq || compare(a.user, b.user)),
      announcements,
    };
  }

  /** Messages from others after the position, counted up to MAX_UNREAD entries on. */
  async #unread(userId: string, key: string, readSeq: number): Promise<Unread> {
    const page = await this.deps.history.since(key, readSeq, MAX_UNREAD);
    const unread = page.messages.filter((m) => m.from.userId !== userId && !m.deleted).length;
    return { latestSeq: page.latestSeq, readSeq: Math.min(readSeq, page.latestSeq), unread };
  }
}

export function readPayload(c: Conversation, userId: string, seq: number): ReadPayload {
  return c.kind === 'room'
    ? { type: 'read', room: c.room, userId, seq }
    : { type: 'read', user: c.other, userId, seq };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
