// Stored history as clients see it (the chat contract's shapes): a room's entries carry the room, a
// DM's carry `to: { user }` (with `from`, the pair), and pages name the conversation from the
// asker's side.
import type {
  ChangePayload,
  DirectHistoryMessage,
  DirectMessage,
  HistoryChange,
} from '../chat-contract/payloads';
import type { Conversation } from './conversations';
import type { HistoryPage, StoredChange, StoredMessage } from './history/types';

type Dm = Extract<Conversation, { kind: 'dm' }>;

/** Who a DM entry is addressed to: the member of the pair who is not its author. */
function recipient(c: Dm, from: string): string {
  return from === c.self ? c.other : c.self;
}

export function directHistoryMessage(c: Dm, m: StoredMessage): DirectHistoryMessage {
  const { id, seq, from, body, ts, version, edited, deleted, reactions } = m;
  return {
    id,
    seq,
    from,
    to: { user: recipient(c, from.userId) },
    body,
    ts,
    ...(version !== undefined ? { version } : {}),
    ...(edited !== undefined ? { edited } : {}),
    ...(deleted ? { deleted } : {}),
    ...(reactions ? { reactions } : {}),
  };
}

/** A new DM as delivered live. */
export function directLive(c: Dm, m: StoredMessage): DirectMessage {
  return {
    type: 'message',
    id: m.id,
    seq: m.seq,
    from: m.from,
    to: { user: recipient(c, m.from.userId) },
    body: m.body,
    ts: m.ts,
  };
}

export function historyChange(c: Conversation, change: StoredChange): HistoryChange {
  const where =
    c.kind === 'room' ? { room: c.room } : { to: { user: recipient(c, change.from.userId) } };
  const head = { ...where, id: change.id, seq: change.seq, target: change.target };
  const tail = { from: change.from, ts: change.ts };
  if (change.kind === 'edit') return { ...head, kind: 'edit', body: change.body, ...tail };
  if (change.kind === 'delete') return { ...head, kind: 'delete', ...tail };
  return { ...head, kind: 'reaction', reaction: change.reaction, on: change.on, ...tail };
}

export function changePayload(c: Conversation, change: StoredChange): ChangePayload {
  return { type: 'change', ...historyChange(c, change) };
}

export function roomPage(c: Extract<Conversation, { kind: 'room' }>, page: HistoryPage) {
  return { ...page, room: c.room, changes: page.changes.map((ch) => historyChange(c, ch)) };
}

export function dmPage(c: Dm, page: HistoryPage) {
  return {
    ...page,
    user: c.other,
    messages: page.messages.map((m) => directHistoryMessage(c, m)),
    changes: page.changes.map((ch) => historyChange(c, ch)),
  };
}
