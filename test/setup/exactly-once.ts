// What the exactly-once fault suite does to and reads from the chat: send a message the way a
// careful client does (resend only with an id), read a room's whole history, and show what a member
// shows (live messages, then gap fill) with the web client's own sequence rules.
import { setTimeout as sleep } from 'node:timers/promises';

import type { HistoryMessage, HistoryReply } from '../../chat-contract/payloads';
import { RoomSequence } from '../../web/src/room-sequence';
import type { TypedChatUser } from '../e2e/chat-user';
import type { StackHost } from './stack';

export interface Sent {
  user: string;
  /** The message's text, unique in the run: how a stored message is traced to its send. */
  marker: string;
  id?: string;
  acked: boolean;
  /** Sends (a resend with the same id counts; waiting for the link does not). */
  attempts: number;
  /** Why the last attempt failed, when it did. */
  failure?: string;
}

/** Drops the reply of every `n`th request whose head matches. */
export function dropEvery(n: number, request: RegExp): (head: string) => boolean {
  let count = 0;
  return (head) => request.test(head) && ++count % n === 0;
}

/** How long a sender waits for its reply, and for its link to come back, per attempt. */
const REPLY_TIMEOUT_MS = 15_000;
/** Attempts for a message with an id (its resends are idempotent). */
const ATTEMPTS_WITH_ID = 4;

/**
 * Sends one message to `room` and waits for its ack (or error). A sender with an id resends after a
 * failure (idempotent); one without must not (the server cannot tell a resend from a new message),
 * so its unacknowledged message is stored at most once. A send the SDK refused because the link was
 * down never left the client: it waits for the link and goes then, as any client would.
 */
export async function send(u: TypedChatUser, room: string, item: Sent): Promise<boolean> {
  for (let attempt = 1; attempt <= (item.id ? ATTEMPTS_WITH_ID : 1); attempt += 1) {
    const before = u.all('ack').length + u.all('error').length;
    item.attempts += 1;
    try {
      await sendWhenLinked(u, {
        ...(item.id ? { id: item.id } : {}),
        to: { room },
        text: item.marker,
      });
      const reply = await u.rc.until(
        () => {
          const replies = [...u.all('ack'), ...u.all('error')];
          if (item.id) return replies.find((r) => r.id === item.id);
          return replies.length > before && replies.at(-1);
        },
        `the reply to ${item.marker}`,
        REPLY_TIMEOUT_MS,
      );
      if (reply.type !== 'ack') item.failure = `${reply.type} ${JSON.stringify(reply)}`;
      return reply.type === 'ack';
    } catch (err) {
      // The link was cut with the message in flight, or no reply came: resend (ids only).
      item.failure = err instanceof Error ? err.message : String(err);
    }
  }
  return false;
}

async function sendWhenLinked(u: TypedChatUser, data: Parameters<typeof u.send<'message'>>[1]) {
  const deadline = Date.now() + REPLY_TIMEOUT_MS;
  for (;;) {
    try {
      // The SDK waits for the service's ack without a deadline: bound it, so that a send that is
      // never acknowledged fails this attempt (and shows in the trace) instead of hanging the run.
      const sending = u.send('message', data);
      sending.catch(() => undefined);
      const late = sleep(REPLY_TIMEOUT_MS, 'late' as const, { ref: false });
      if ((await Promise.race([sending, late])) === 'late') {
        throw new Error(`no ack from the service in ${REPLY_TIMEOUT_MS} ms`);
      }
      return;
    } catch (err) {
      // The SDK checks its socket before writing anything (WebPubSubClient._sendMessage).
      const offline = /The connection is not connected/.test(String(err));
      if (!offline || Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

/** What a member shows: the joined page, live messages in arrival order, then history to the end. */
export async function showAll(host: StackHost, u: TypedChatUser, room: string) {
  const seq = new RoomSequence<HistoryMessage & { type?: string }>(() => 0);
  const show: HistoryMessage[] = [];
  const joined = u.all('joined', (p) => p.room === room)[0]!;
  show.push(...seq.page(joined.messages, joined.latestSeq, joined.hasMore).show);
  let liveDuplicates = 0;
  const liveSeen = new Set<number>();
  for (const m of u.all('message')) {
    if (!('room' in m) || m.room !== room) continue;
    if (liveSeen.has(m.seq)) liveDuplicates += 1;
    liveSeen.add(m.seq);
    show.push(...seq.live(m).show);
  }
  const live = show.length;
  for (;;) {
    const page = await allHistory(host, room, seq.last ?? 0, 200);
    const step = seq.page(page, (seq.last ?? 0) + page.length, false);
    show.push(...step.show);
    if (page.length === 0) break;
  }
  // Shown messages that never came live (stored, but their broadcast never left: only history had
  // them), beside those shown late because an earlier one was missing.
  const neverLive = show.filter((m) => !liveSeen.has(m.seq)).length;
  return { show, liveDuplicates, gapFilled: show.length - live, neverLive };
}

/** The room's history through the server API, from `since` on (every page, or one of `limit`). */
export async function allHistory(
  host: StackHost,
  room: string,
  since = 0,
  limit?: number,
): Promise<HistoryMessage[]> {
  const messages: HistoryMessage[] = [];
  for (let after = since; ;) {
    const url = `${host.url}/api/rooms/${room}/messages?since=${after}&limit=200`;
    const res = await fetch(url, { headers: { 'x-functions-key': host.keys.functionKey } });
    if (!res.ok) throw new Error(`GET history ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as HistoryReply;
    messages.push(...page.messages);
    if (limit !== undefined || !page.hasMore || page.messages.length === 0) return messages;
    after = page.messages.at(-1)!.seq;
  }
}

/** The room's members as the server lists them: user and connection count, by user id. */
export async function roomMembers(host: StackHost, room: string) {
  const url = `${host.url}/api/rooms/${room}/members`;
  const res = await fetch(url, { headers: { 'x-functions-key': host.keys.functionKey } });
  if (!res.ok) throw new Error(`GET members ${res.status}: ${await res.text()}`);
  const { members } = (await res.json()) as {
    members: { userId: string; connections: number }[];
  };
  return members.map(({ userId, connections }) => ({ userId, connections })).sort(byUser);
}

export const byUser = (a: { userId: string }, b: { userId: string }) =>
  a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
