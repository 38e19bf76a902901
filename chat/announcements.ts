// The announcements conversation: messages `to: { all: true }`, posted by admins only and read by
// every signed-in user. Stored like any conversation (its own seq under one key), so they are
// delivered live with their seq, resumed with `join`/`history` (`since`, `before`), and counted in
// read state and the rooms list like rooms and DMs (PROTOCOL.md §2).
import type {
  AnnouncementsRef,
  HistoryEnvelope,
  JoinEnvelope,
  ReadEnvelope,
} from '../chat-contract/envelopes';
import type {
  AckReply,
  AnnouncementHistoryMessage,
  AnnouncementsHistoryReply,
  AnnouncementsJoinedReply,
  DirectMessage,
  ReadPayload,
} from '../chat-contract/payloads';
import type { Access, Caller } from './access';
import type { Outcome } from './effects';
import { noEffects } from './effects';
import { chatError } from './errors';
import { joinPage, requestedPage } from './history/pages';
import type { HistoryPage, HistoryStore, NewMessage, StoredMessage } from './history/types';
import type { ReadStateStore } from './reads/types';
import { userGroup } from './rooms';

/** Its history and read-state key: `@`-prefixed, so no room shares it (nor a DM: `@dm:`). */
export const ANNOUNCEMENTS_KEY = '@all';
const ALL: AnnouncementsRef = { all: true };

/** Whether an event names the announcements conversation (else a room or a DM). */
export function isAnnouncements<E extends object>(e: E): e is Extract<E, AnnouncementsRef> {
  return 'all' in e;
}

export class Announcements {
  constructor(
    private readonly access: Access,
    private readonly history: HistoryStore,
    private readonly reads: ReadStateStore,
  ) {}

  /** An admin's `message` to everyone: stored, then delivered to every connection with its seq. */
  async post(caller: Caller, message: NewMessage): Promise<Outcome<AckReply>> {
    if (!caller.admin) throw chatError('Forbidden', 'Only admins may send to everyone.');
    const { message: stored, duplicate } = await this.history.append({
      ...message,
      room: ANNOUNCEMENTS_KEY,
    });
    const reply: AckReply = { type: 'ack', id: message.id, all: true, seq: stored.seq, duplicate };
    const effects = noEffects();
    // A duplicate is delivered again, as in rooms and DMs: clients drop a seq already shown.
    if (!('kind' in stored)) effects.deliveries.push({ to: { all: true }, payload: live(stored) });
    return { reply, effects };
  }

  async join(
    caller: Caller,
    e: Extract<JoinEnvelope, AnnouncementsRef>,
  ): Promise<AnnouncementsJoinedReply> {
    this.access.admit(caller);
    const [page, readSeq] = await Promise.all([
      joinPage(this.history, ANNOUNCEMENTS_KEY, e.since),
      this.reads.get(caller.userId, ANNOUNCEMENTS_KEY),
    ]);
    return { type: 'announcements_joined', ...announcementsPage(page), readSeq };
  }

  async page(
    caller: Caller,
    e: Extract<HistoryEnvelope, AnnouncementsRef>,
  ): Promise<AnnouncementsHistoryReply> {
    this.access.admit(caller);
    const page = await requestedPage(this.history, ANNOUNCEMENTS_KEY, e);
    return { type: 'announcements_history', ...announcementsPage(page) };
  }

  async read(
    caller: Caller,
    e: Extract<ReadEnvelope, AnnouncementsRef>,
  ): Promise<Outcome<ReadPayload>> {
    this.access.admit(caller);
    const seq = await this.reads.markRead(caller.userId, ALL, ANNOUNCEMENTS_KEY, e.seq);
    const reply: ReadPayload = { type: 'read', all: true, userId: caller.userId, seq };
    const effects = noEffects();
    // The unread count follows the user's other devices.
    effects.deliveries.push({
      to: { group: userGroup(caller.userId) },
      payload: reply,
      excluded: [caller.connectionId],
    });
    return { reply, effects };
  }
}

function announcementsPage(page: HistoryPage) {
  // Changes (edits, reactions) are not made to announcements; a page never has any.
  return { ...page, messages: page.messages.map(historyMessage), changes: [] };
}

function historyMessage(m: StoredMessage): AnnouncementHistoryMessage {
  const { id, seq, from, body, ts, version, edited, deleted, reactions } = m;
  return {
    id,
    seq,
    from,
    to: ALL,
    body,
    ts,
    ...(version !== undefined ? { version } : {}),
    ...(edited !== undefined ? { edited } : {}),
    ...(deleted ? { deleted } : {}),
    ...(reactions ? { reactions } : {}),
  };
}

function live(m: StoredMessage): DirectMessage {
  return { type: 'message', id: m.id, seq: m.seq, from: m.from, to: ALL, body: m.body, ts: m.ts };
}
