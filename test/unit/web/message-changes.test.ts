// Edits, deletes and reactions folded into a shown message (PROTOCOL.md §4): applied once, in seq
// order, never over a newer version; reactions one per user and reaction.
import { describe, expect, it } from 'vitest';

import type { HistoryChange } from '../../../chat-contract/payloads';
import type { Changeable } from '../../../web/src/message-changes';
import { applyChange, hasReacted } from '../../../web/src/message-changes';

const base: Changeable = { seq: 3, text: 'helo', reactions: {} };
const by = (userId: string) => ({ userId, name: userId });
const edit = (seq: number, body: unknown): HistoryChange => ({
  room: 'r',
  kind: 'edit',
  id: `e${seq}`,
  seq,
  target: 3,
  from: by('ada'),
  ts: '2026-12-02T09:00:00.000Z',
  body,
});
const react = (seq: number, userId: string, on: boolean): HistoryChange => ({
  room: 'r',
  kind: 'reaction',
  id: `r${seq}`,
  seq,
  target: 3,
  from: by(userId),
  ts: '2026-12-02T09:00:00.000Z',
  reaction: 'like',
  on,
});

describe('applyChange', () => {
  it('edits the text and records when, once', () => {
    const edited = applyChange(base, edit(4, 'hello'));
    expect(edited).toMatchObject({ text: 'hello', version: 4, edited: '2026-12-02T09:00:00.000Z' });
    expect(applyChange(edited!, edit(4, 'hello'))).toBeUndefined();
    // An edit older than what is shown (a page already folded a newer one) changes nothing.
    expect(applyChange({ ...base, version: 9 }, edit(5, 'stale'))).toBeUndefined();
    expect(
      applyChange({ seq: 3, text: 'x' }, { ...edit(2, 'before the message') }),
    ).toBeUndefined();
  });

  it('deletes: no text, no reactions', () => {
    const withLike = applyChange(base, react(4, 'bob', true))!;
    const deleted = applyChange(withLike, {
      room: 'r',
      kind: 'delete',
      id: 'd',
      seq: 5,
      target: 3,
      from: by('ada'),
      ts: 't',
    });
    expect(deleted).toMatchObject({ deleted: true, text: '', reactions: {}, version: 5 });
  });

  it('adds and removes one reaction per user', () => {
    let m = applyChange(base, react(4, 'bob', true))!;
    m = applyChange(m, react(5, 'ada', true))!;
    m = applyChange(m, react(6, 'bob', true))!;
    expect(m.reactions?.like).toEqual(['bob', 'ada']);
    expect(hasReacted(m, 'like', 'ada')).toBe(true);
    m = applyChange(m, react(7, 'ada', false))!;
    expect(m.reactions?.like).toEqual(['bob']);
    expect(hasReacted(m, 'like', 'ada')).toBe(false);
    expect(hasReacted(m, 'love', 'bob')).toBe(false);
  });

  it('leaves the message it was given unchanged', () => {
    const before = JSON.stringify(base);
    applyChange(base, edit(4, 'hello'));
    applyChange(base, react(4, 'bob', true));
    expect(JSON.stringify(base)).toBe(before);
  });
});
