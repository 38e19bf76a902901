// What arrives from the server, into the model (PROTOCOL.md §2-§4): a DM conversation joined and
// resumed by seq (the sender's own DM shown from its ack, with no gap), read positions from the
// user's other devices and from the other member ("read by"), the rooms list bringing DMs back,
// join/leave lines, and refusals said once.
import { describe, expect, it } from 'vitest';

import type { MessageEnvelope } from '../../../chat-contract/envelopes';
import type { DirectHistoryMessage } from '../../../chat-contract/payloads';
import { ConversationHistory } from '../../../web/src/conversation-history';
import { IncomingPayloads } from '../../../web/src/incoming';
import { MessageSender } from '../../../web/src/message-sender';
import type { Conversation } from '../../../web/src/model';
import { ChatModel } from '../../../web/src/model';
import type { Toast } from '../../../web/src/toast';
import { TypingSync } from '../../../web/src/typing-sync';

const ada = { userId: 'ada', name: 'Ada' };
const bob = { userId: 'bob', name: 'Bob' };
const ts = '2026-12-02T09:00:00.000Z';
const dm = (seq: number, text: string, from = bob, to = 'ada'): DirectHistoryMessage => ({
  id: `d${seq}`,
  seq,
  from,
  to: { user: to },
  body: text,
  ts,
});

const unread = (latestSeq: number, readSeq: number) => ({
  latestSeq,
  readSeq,
  unread: latestSeq - readSeq,
});

function setup() {
  const model = new ChatModel({ ...ada, roles: [], guest: false });
  model.setConnection('connected');
  const sent: MessageEnvelope[] = [];
  const items = new Map<string, string>();
  const storage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
  const outgoing = new MessageSender(
    model,
    { send: (_e, data) => (sent.push(data), Promise.resolve()) },
    storage,
  );
  const fetched: [string, number][] = [];
  const history = new ConversationHistory(
    model,
    (c, since) => fetched.push([c.key, since]),
    () => undefined,
  );
  const typing = new TypingSync(model, { sendTyping: () => Promise.resolve() });
  const toasts: Toast[] = [];
  const joins: string[] = [];
  const reads: string[] = [];
  const incoming = new IncomingPayloads({
    model,
    history,
    outgoing,
    typing,
    notify: (t) => toasts.push(t),
    join: (c: Conversation) => joins.push(c.key),
    adopt: (room: string) => (room === 'just-left' ? undefined : model.ensureRoom(room)),
    markRead: (c: Conversation) => reads.push(c.key),
  });
  const texts = (key: string) => model.conversations.get(key)?.messages.map((m) => m.text);
  return { model, outgoing, incoming, toasts, joins, fetched, sent, texts };
}

const dmJoined = (
  messages: DirectHistoryMessage[],
  latestSeq: number,
  readSeq = 0,
  otherReadSeq = 0,
) => ({
  type: 'dm_joined' as const,
  user: 'bob',
  messages,
  changes: [],
  latestSeq,
  hasMore: false,
  hasOlder: false,
  readSeq,
  otherReadSeq,
  typingGroup: 'typing.dm.x',
});

describe('IncomingPayloads', () => {
  it('joins a DM on its first message, shows its history once, and counts it unread', () => {
    const { model, incoming, joins, texts, toasts } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle({ type: 'message', ...dm(1, 'hi') });
    // Held until the conversation is joined (it has a seq): then shown from the stored page.
    expect(joins).toEqual(['dm:bob']);
    expect(toasts.map((t) => t.title)).toEqual(['Message from Bob']);
    incoming.handle(dmJoined([dm(1, 'hi'), dm(2, 'there')], 2));
    expect(texts('dm:bob')).toEqual(['hi', 'there']);
    expect(model.conversations.get('dm:bob')).toMatchObject({
      unread: 2,
      typingGroup: 'typing.dm.x',
    });
  });

  it("shows the user's own DM from its ack with the conversation's seq: no gap to fetch", () => {
    const { model, outgoing, incoming, fetched, texts, sent } = setup();
    const c = model.ensureDirect(bob);
    incoming.handle(dmJoined([dm(1, 'hi')], 1));
    const e = outgoing.queue(c, { user: 'bob' }, 'hello Bob');
    expect(sent.map((x) => x.id)).toEqual([e.id]);
    incoming.handle({ type: 'ack', id: e.id, user: 'bob', seq: 2 });
    incoming.handle({ type: 'message', ...dm(3, 'hello Ada') });
    expect(texts('dm:bob')).toEqual(['hi', 'hello Bob', 'hello Ada']);
    expect(fetched).toEqual([]);
    expect(outgoing.of(c.key)).toEqual([]);
  });

  it("takes read positions: the user's other device clears unread, the other member is read-by", () => {
    const { model, incoming } = setup();
    model.select(model.ensureRoom('lobby').key);
    const c = model.ensureDirect(bob);
    incoming.handle(dmJoined([dm(1, 'a'), dm(2, 'b'), dm(3, 'c', ada, 'bob')], 3));
    expect(c.unread).toBe(2);
    incoming.handle({ type: 'read', user: 'bob', userId: 'ada', seq: 2 });
    expect(c.unread).toBe(0);
    incoming.handle({ type: 'read', user: 'bob', userId: 'bob', seq: 3 });
    expect(c.otherReadSeq).toBe(3);
    // Read positions only move forward.
    incoming.handle({ type: 'read', user: 'bob', userId: 'bob', seq: 1 });
    expect(c.otherReadSeq).toBe(3);
  });

  it('brings DMs back from the rooms list, with their unread counts, and joins them', () => {
    const { model, incoming, joins } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle({
      type: 'rooms',
      userId: 'ada',
      name: 'Ada',
      rooms: [
        { room: 'lobby', members: 3, joined: true, member: true },
        { room: 'quiet', members: 0, joined: false, member: false, ...unread(4, 4) },
      ],
      dms: [{ user: 'bob', name: 'Bob', latestSeq: 5, readSeq: 2, unread: 3 }],
    });
    expect(model.directory.map((r) => r.room)).toEqual(['lobby', 'quiet']);
    expect(model.conversations.get('dm:bob')).toMatchObject({ title: 'Bob', unread: 3 });
    expect(joins).toEqual(['dm:bob']);
  });

  it("adds and joins the rooms that are the user's on another device, with their unread", () => {
    const { model, incoming, joins } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle({
      type: 'rooms',
      userId: 'ada',
      name: 'Ada',
      rooms: [
        { room: 'lobby', members: 1, joined: true, member: true },
        { room: 'design', members: 2, joined: false, member: true, ...unread(9, 4) },
        { room: 'left-it', members: 2, joined: false, member: false, ...unread(3, 1) },
        { room: 'just-left', members: 0, joined: false, member: true, ...unread(2, 2) },
        { room: 'public', members: 5, joined: false, member: false },
      ],
      dms: [],
    });
    expect(model.rooms().map((c) => c.room)).toEqual(['lobby', 'design']);
    expect(model.room('design')?.unread).toBe(5);
    expect(joins).toEqual(['room:design']);
    expect(model.directory.map((r) => r.room)).toContain('left-it');
  });

  it('draws join and leave lines for others only, never counted unread', () => {
    const { model, incoming, texts } = setup();
    const room = model.ensureRoom('r');
    incoming.handle({
      type: 'joined',
      room: 'r',
      members: [{ ...ada, connections: 1 }],
      messages: [],
      changes: [],
      latestSeq: 0,
      hasMore: false,
      hasOlder: false,
      readSeq: 0,
      typingGroup: 'typing.r',
    });
    incoming.handle({ type: 'member_added', room: 'r', user: bob });
    incoming.handle({ type: 'member_added', room: 'r', user: bob });
    incoming.handle({ type: 'member_added', room: 'r', user: ada });
    incoming.handle({ type: 'member_removed', room: 'r', user: bob });
    expect(texts('room:r')).toEqual(['Bob joined', 'Bob left']);
    model.select(model.ensureRoom('other').key);
    incoming.handle({ type: 'member_added', room: 'r', user: bob });
    expect(room.unread).toBe(0);
  });

  it('marks a refused queued message failed and says why; retries a passing refusal quietly', () => {
    const { model, outgoing, incoming, toasts } = setup();
    const c = model.ensureDirect(bob);
    incoming.handle(dmJoined([], 0));
    const refused = outgoing.queue(c, { user: 'bob' }, 'no');
    const passing = outgoing.queue(c, { user: 'bob' }, 'later');
    incoming.handle({ type: 'error', code: 'Forbidden', message: 'Not yours.', id: refused.id });
    incoming.handle({ type: 'error', code: 'Unavailable', message: 'Storage.', id: passing.id });
    expect(outgoing.get(refused.id)).toMatchObject({ state: 'failed', reason: 'Not yours.' });
    expect(outgoing.get(passing.id)?.state).toBe('pending');
    expect(toasts.map((t) => t.title)).toEqual(['Not allowed']);
  });

  it('fails the queued message an invalid-envelope refusal names, with the reason', () => {
    const { model, outgoing, incoming } = setup();
    const c = model.ensureDirect(bob);
    incoming.handle(dmJoined([], 0));
    const bad = outgoing.queue(c, { user: 'bob' }, 'odd');
    const other = outgoing.queue(c, { user: 'bob' }, 'fine');
    outgoing.flush();
    expect(outgoing.get(bad.id)?.state).toBe('sending');
    const message = 'invalid envelope: text: too long';
    incoming.handle({ type: 'error', code: 'InvalidEnvelope', message, id: bad.id });
    expect(outgoing.get(bad.id)).toMatchObject({ state: 'failed', reason: message });
    expect(outgoing.get(other.id)?.state).toBe('sending');
  });
});
