// A conversation's history on the page (PROTOCOL.md §4) with messages and changes in one seq
// order: a joined page shows messages as they are now, live changes fold into their message once,
// a gap is asked for, an older page goes first, and a change for a message not loaded is dropped.
import { describe, expect, it } from 'vitest';

import type { HistoryChange, HistoryMessage } from '../../../chat-contract/payloads';
import { ConversationHistory } from '../../../web/src/conversation-history';
import { ChatModel } from '../../../web/src/model';

const ada = { userId: 'ada', name: 'Ada' };
const bob = { userId: 'bob', name: 'Bob' };
const msg = (seq: number, text: string, from = bob): HistoryMessage => ({
  room: 'r',
  id: `m${seq}`,
  seq,
  from,
  body: text,
  ts: '2026-12-02T09:00:00.000Z',
});
const edit = (seq: number, target: number, text: string): HistoryChange => ({
  room: 'r',
  kind: 'edit',
  id: `e${seq}`,
  seq,
  target,
  from: bob,
  ts: '2026-12-02T09:01:00.000Z',
  body: text,
});
const page = (messages: HistoryMessage[], changes: HistoryChange[], latestSeq: number) => ({
  messages,
  changes,
  latestSeq,
  hasMore: false,
  hasOlder: false,
});

function setup() {
  const model = new ChatModel({ userId: 'ada', name: 'Ada', roles: [], guest: false });
  const c = model.ensureRoom('r');
  const fetched: number[] = [];
  const history = new ConversationHistory(
    model,
    (_c, since) => fetched.push(since),
    () => undefined,
  );
  const texts = () => c.messages.map((m) => m.text);
  return { model, c, history, fetched, texts };
}

describe('ConversationHistory', () => {
  it('shows a joined page, then folds live edits into their message once', () => {
    const { c, history, texts } = setup();
    history.page(c, { ...page([msg(1, 'helo'), msg(2, 'hi', ada)], [], 2), hasOlder: true });
    expect(texts()).toEqual(['helo', 'hi']);
    expect(c.hasOlder).toBe(true);
    expect(c.messages[1]?.mine).toBe(true);
    history.live(c, edit(3, 1, 'hello'));
    history.live(c, edit(3, 1, 'hello again?'));
    expect(texts()).toEqual(['hello', 'hi']);
    expect(c.messages[0]).toMatchObject({ version: 3, edited: '2026-12-02T09:01:00.000Z' });
    expect(history.last(c.key)).toBe(3);
  });

  it('asks for a gap and fills it from a page of messages and changes', () => {
    const { c, history, fetched, texts } = setup();
    history.page(c, page([msg(1, 'a')], [], 1));
    history.live(c, msg(4, 'd'));
    expect(fetched).toEqual([1]);
    history.page(c, page([msg(2, 'b'), msg(4, 'd')], [edit(3, 1, 'A')], 4));
    expect(texts()).toEqual(['A', 'b', 'd']);
  });

  it('puts an older page first and drops changes for messages it never loaded', () => {
    const { c, history, texts } = setup();
    history.page(c, {
      ...page([msg(10, 'j'), msg(11, 'k')], [edit(12, 2, 'ignored')], 12),
      hasOlder: true,
    });
    expect(texts()).toEqual(['j', 'k']);
    expect(history.oldestSeq(c)).toBe(10);
    history.older(c, page([msg(8, 'h'), msg(9, 'i')], [edit(12, 9, 'I')], 12));
    expect(texts()).toEqual(['h', 'I', 'j', 'k']);
    expect(c.hasOlder).toBe(false);
  });

  it('shows a deleted message as deleted, with nothing of its text', () => {
    const { c, history } = setup();
    history.page(c, page([{ ...msg(1, 'x'), body: null, deleted: true, version: 2 }], [], 2));
    expect(c.messages[0]).toMatchObject({ deleted: true, text: '', version: 2 });
  });
});
