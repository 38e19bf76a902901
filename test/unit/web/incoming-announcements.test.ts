// Announcements stored by the server (PROTOCOL.md §2 `to: { all: true }`), into the model: shown from
// the `announcements_joined` page after a reload, live ones sequenced by seq (a repeat shown once, a
// gap fetched), the admin's own from its ack, unread counted from the read position and the rooms
// list, and reads from the user's other devices.
import { describe, expect, it } from 'vitest';

import type { AnnouncementHistoryMessage } from '../../../chat-contract/payloads';
import { ConversationHistory } from '../../../web/src/conversation-history';
import { IncomingPayloads } from '../../../web/src/incoming';
import { MessageSender } from '../../../web/src/message-sender';
import type { Conversation } from '../../../web/src/model';
import { ChatModel } from '../../../web/src/model';
import type { Toast } from '../../../web/src/toast';
import { TypingSync } from '../../../web/src/typing-sync';

const root = { userId: 'root', name: 'Root' };
const ts = '2026-12-02T09:00:00.000Z';
const note = (seq: number, from = root): AnnouncementHistoryMessage => ({
  id: `a${seq}`,
  seq,
  from,
  to: { all: true },
  body: `note ${seq}`,
  ts,
});
const page = (messages: AnnouncementHistoryMessage[], latestSeq: number, readSeq = 0) => ({
  type: 'announcements_joined' as const,
  messages,
  changes: [],
  latestSeq,
  hasMore: false,
  hasOlder: false,
  readSeq,
});

function setup(admin = false) {
  const me = admin ? root : { userId: 'ada', name: 'Ada' };
  const model = new ChatModel({ ...me, roles: admin ? ['admin'] : [], guest: false });
  model.setConnection('connected');
  const storage = new Map<string, string>();
  const outgoing = new MessageSender(
    model,
    { send: () => Promise.resolve() },
    {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  );
  const fetched: [string, number][] = [];
  const history = new ConversationHistory(
    model,
    (c, since) => fetched.push([c.key, since]),
    () => undefined,
  );
  const toasts: Toast[] = [];
  const incoming = new IncomingPayloads({
    model,
    history,
    outgoing,
    typing: new TypingSync(model, { sendTyping: () => Promise.resolve() }),
    notify: (t) => toasts.push(t),
    join: () => undefined,
    adopt: () => undefined,
    markRead: (_c: Conversation) => undefined,
  });
  const texts = () => model.everyone()?.messages.map((m) => m.text);
  return { model, outgoing, incoming, toasts, fetched, texts };
}

describe('announcements from history', () => {
  it('shows them from the joined page after a reload, unread after the read position', () => {
    const { model, incoming, texts } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle(page([note(1), note(2), note(3)], 3, 1));
    expect(texts()).toEqual(['note 1', 'note 2', 'note 3']);
    expect(model.everyone()?.unread).toBe(2);
  });

  it('adds no Announcements view for a user when there are none yet, until the first arrives', () => {
    const { model, incoming, texts, toasts, fetched } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle(page([], 0));
    expect(model.everyone()).toBeUndefined();
    incoming.handle({ type: 'message', ...note(1) });
    expect(texts()).toEqual(['note 1']);
    expect(toasts.map((t) => t.title)).toEqual(['Announcement from Root']);
    expect(model.everyone()?.unread).toBe(1);
    expect(fetched).toEqual([]);
  });

  it('sequences live ones by seq: a repeat shown once, a gap fetched, one toast each', () => {
    const { model, incoming, texts, fetched, toasts } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle(page([note(1)], 1, 1));
    const live = (seq: number) => ({ type: 'message' as const, ...note(seq) });
    incoming.handle(live(2));
    incoming.handle(live(2));
    incoming.handle(live(4));
    expect(texts()).toEqual(['note 1', 'note 2']);
    expect(fetched).toEqual([['everyone', 2]]);
    expect(toasts.map((t) => t.title)).toEqual(['Announcement from Root']);
    expect(model.everyone()?.unread).toBe(1);
  });

  it('shows the admin’s own announcement from its ack with its seq, with no gap after', () => {
    const { model, incoming, outgoing, texts, fetched } = setup(true);
    const everyone = model.ensureEveryone();
    incoming.handle(page([], 0));
    const sent = outgoing.queue(everyone, { all: true }, 'from me');
    incoming.handle({ type: 'ack', id: sent.id, all: true, seq: 1, duplicate: false });
    incoming.handle({ type: 'message', ...note(1), id: sent.id, body: 'from me' });
    incoming.handle({ type: 'message', ...note(2, { userId: 'ops', name: 'Ops' }) });
    expect(texts()).toEqual(['from me', 'note 2']);
    expect(fetched).toEqual([]);
  });

  it('takes the unread count from the rooms list, and reads from the user’s other devices', () => {
    const { model, incoming } = setup();
    model.select(model.ensureRoom('lobby').key);
    incoming.handle({
      type: 'rooms',
      userId: 'ada',
      name: 'Ada',
      rooms: [],
      dms: [],
      announcements: { latestSeq: 4, readSeq: 1, unread: 3 },
    });
    expect(model.everyone()?.unread).toBe(3);
    incoming.handle(page([note(1), note(2), note(3), note(4)], 4, 1));
    incoming.handle({ type: 'read', all: true, userId: 'ada', seq: 3 });
    expect(model.everyone()).toMatchObject({ readSeq: 3, unread: 1 });
  });
});
