// Edits, deletes and reactions folded into a shown message (PROTOCOL.md §4), as pure logic: a
// change applies when its seq is newer than the message's `version` (a page already holds the
// message as it is now, so an older change, or the same one twice, changes nothing).
import type { ReactionName } from '../../chat-contract/limits';
import type { HistoryChange } from '../../chat-contract/payloads';
import { bodyText } from './body-text';

export type Reactions = Partial<Record<ReactionName, string[]>>;

export interface Changeable {
  seq?: number;
  version?: number;
  text: string;
  edited?: string;
  deleted?: boolean;
  reactions?: Reactions;
}

/** The message with the change applied, or undefined when the change is already in it. */
export function applyChange<M extends Changeable>(m: M, change: HistoryChange): M | undefined {
  const version = m.version ?? m.seq ?? 0;
  if (change.seq <= version) return undefined;
  const next: M = { ...m, version: change.seq };
  switch (change.kind) {
    case 'edit':
      next.text = bodyText(change.body);
      next.edited = change.ts;
      return next;
    case 'delete':
      next.deleted = true;
      next.text = '';
      next.reactions = {};
      return next;
    case 'reaction': {
      const who = new Set(m.reactions?.[change.reaction] ?? []);
      if (change.on) who.add(change.from.userId);
      else who.delete(change.from.userId);
      next.reactions = { ...m.reactions, [change.reaction]: [...who] };
      return next;
    }
  }
}

/** Whether `userId` has reacted to the message with `reaction`. */
export function hasReacted(m: Changeable, reaction: ReactionName, userId: string): boolean {
  return m.reactions?.[reaction]?.includes(userId) ?? false;
}
