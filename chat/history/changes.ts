// The rules of edits, deletes and reactions, and what each does to its target message: pure, so
// every store folds changes the same way.
import type { ChangeRefusal, NewChange, StoredChange, StoredEntry, StoredMessage } from './types';
import { isChange } from './types';

export type ChangeDecision =
  | { kind: 'apply'; message: StoredMessage }
  | { kind: 'unchanged'; message: StoredMessage }
  | { kind: 'refused'; code: ChangeRefusal; reason: string };

const refused = (code: ChangeRefusal, reason: string): ChangeDecision => ({
  kind: 'refused',
  code,
  reason,
});

/**
 * What `change` does to `target` (the entry stored at its target seq, if any) once stored with
 * `seq`: the message as it becomes, nothing (already so), or a refusal. Only the author edits;
 * the author or an admin deletes; anyone reacts, once per reaction. Deleted messages take nothing.
 */
export function decideChange(
  target: StoredEntry | undefined,
  change: NewChange,
  seq: number,
): ChangeDecision {
  if (!target || isChange(target)) {
    return refused('NoSuchMessage', `There is no message ${change.target} here.`);
  }
  const author = target.from.userId === change.from.userId;
  if (change.kind === 'delete') {
    if (!author && !change.admin) return refused('Forbidden', 'Only its author deletes a message.');
    if (target.deleted) return { kind: 'unchanged', message: target };
    const message: StoredMessage = { ...target, body: null, deleted: true, version: seq };
    delete message.reactions;
    delete message.edited;
    return { kind: 'apply', message };
  }
  if (target.deleted) return refused('Gone', `Message ${change.target} was deleted.`);
  if (change.kind === 'edit') {
    if (!author) return refused('Forbidden', 'Only its author edits a message.');
    return {
      kind: 'apply',
      message: { ...target, body: change.body, edited: change.ts, version: seq },
    };
  }
  const users = target.reactions?.[change.reaction] ?? [];
  const has = users.includes(change.from.userId);
  if (has === change.on) return { kind: 'unchanged', message: target };
  const next = change.on
    ? [...users, change.from.userId]
    : users.filter((u) => u !== change.from.userId);
  const reactions = { ...target.reactions, [change.reaction]: next };
  if (next.length === 0) delete reactions[change.reaction];
  const message: StoredMessage = { ...target, reactions, version: seq };
  if (Object.keys(reactions).length === 0) delete message.reactions;
  return { kind: 'apply', message };
}

/** The stored form of a change given its seq (drops what only the rules need). */
export function storedChange(change: NewChange, seq: number): StoredChange {
  const stored: StoredChange & { admin?: boolean } = { ...change, seq };
  delete stored.admin;
  return stored;
}
