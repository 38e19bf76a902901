// The rules of edits, deletes and reactions, and what each makes of its target (pure).
import { describe, expect, it } from 'vitest';

import { decideChange, storedChange } from '../../../chat/history/changes';
import type { NewChange, StoredMessage } from '../../../chat/history/types';

const ada = { userId: 'ada', name: 'Ada' };
const bob = { userId: 'bob', name: 'Bob' };
const target: StoredMessage = { id: 'm1', room: 'r', seq: 1, from: ada, body: 'hi', ts: 't0' };
const change = (c: Partial<NewChange> & Pick<NewChange, 'kind'>): NewChange =>
  ({ id: 'c', room: 'r', target: 1, from: ada, ts: 't1', admin: false, ...c }) as NewChange;

describe('decideChange', () => {
  it('applies the author’s edit with the change’s seq as version and its time as edited', () => {
    const d = decideChange(target, change({ kind: 'edit', body: 'hello' }), 5);
    expect(d).toEqual({
      kind: 'apply',
      message: { ...target, body: 'hello', edited: 't1', version: 5 },
    });
  });

  it('refuses an edit by anyone else, admins included', () => {
    expect(decideChange(target, change({ kind: 'edit', body: 'x', from: bob }), 2)).toMatchObject({
      kind: 'refused',
      code: 'Forbidden',
    });
    expect(
      decideChange(target, change({ kind: 'edit', body: 'x', from: bob, admin: true }), 2),
    ).toMatchObject({ kind: 'refused', code: 'Forbidden' });
  });

  it('deletes for the author or an admin: body null, reactions and edit mark gone; twice is unchanged', () => {
    const rich = { ...target, edited: 't', reactions: { like: ['bob'] }, version: 3 };
    const d = decideChange(rich, change({ kind: 'delete', from: bob, admin: true }), 4);
    expect(d).toEqual({
      kind: 'apply',
      message: { ...target, body: null, deleted: true, version: 4 },
    });
    expect(decideChange(target, change({ kind: 'delete', from: bob }), 4)).toMatchObject({
      kind: 'refused',
      code: 'Forbidden',
    });
    if (d.kind !== 'apply') throw new Error('not applied');
    expect(decideChange(d.message, change({ kind: 'delete' }), 5)).toEqual({
      kind: 'unchanged',
      message: d.message,
    });
  });

  it('refuses edits and reactions on a deleted message, and changes to what is not a message', () => {
    const gone = { ...target, body: null, deleted: true as const, version: 2 };
    expect(decideChange(gone, change({ kind: 'edit', body: 'x' }), 3)).toMatchObject({
      kind: 'refused',
      code: 'Gone',
    });
    expect(
      decideChange(gone, change({ kind: 'reaction', reaction: 'like', on: true }), 3),
    ).toMatchObject({ kind: 'refused', code: 'Gone' });
    expect(decideChange(undefined, change({ kind: 'delete' }), 3)).toMatchObject({
      kind: 'refused',
      code: 'NoSuchMessage',
    });
    const aChange = storedChange(change({ kind: 'delete' }), 2);
    expect(decideChange(aChange, change({ kind: 'delete' }), 3)).toMatchObject({
      kind: 'refused',
      code: 'NoSuchMessage',
    });
  });

  it('keeps one reaction per user and reaction, and drops a reaction nobody has left', () => {
    const like = (on: boolean, from = bob) =>
      change({ kind: 'reaction', reaction: 'like', on, from });
    const first = decideChange(target, like(true), 2);
    expect(first).toMatchObject({
      kind: 'apply',
      message: { reactions: { like: ['bob'] }, version: 2 },
    });
    if (first.kind !== 'apply') throw new Error('not applied');
    expect(decideChange(first.message, like(true), 3)).toMatchObject({ kind: 'unchanged' });
    const both = decideChange(first.message, like(true, ada), 3);
    expect(both).toMatchObject({ message: { reactions: { like: ['bob', 'ada'] } } });
    const off = decideChange(first.message, like(false), 3);
    expect(off).toEqual({ kind: 'apply', message: { ...target, version: 3 } });
    expect(decideChange(target, like(false), 2)).toMatchObject({ kind: 'unchanged' });
  });

  it('stores a change without the admin flag', () => {
    expect(storedChange(change({ kind: 'delete', admin: true }), 9)).toEqual({
      id: 'c',
      room: 'r',
      target: 1,
      from: ada,
      ts: 't1',
      kind: 'delete',
      seq: 9,
    });
  });
});
