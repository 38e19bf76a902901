// Conversation history: every entry of a room or a DM conversation — a message, or a change to one
// (edit, delete, reaction) — gets the conversation's next sequence number and is stored before it is
// acknowledged, so a client that comes back can ask for everything after the last one it saw.
// Stores key conversations by a string (`conversationKey`): a room's name, or a DM pair's key.
import type { ReactionName } from '../../chat-contract/limits';
import type { HistoryMessage, UserRef } from '../../chat-contract/payloads';

/**
 * A message as stored and returned in pages, with what changed it folded in (the chat contract's
 * room message: `room` holds the conversation key).
 */
export type StoredMessage = HistoryMessage;

export type NewMessage = Omit<
  StoredMessage,
  'seq' | 'version' | 'edited' | 'deleted' | 'reactions'
>;

/** What a change does to its target. */
export type ChangeAction =
  | { kind: 'edit'; body: unknown }
  | { kind: 'delete' }
  | { kind: 'reaction'; reaction: ReactionName; on: boolean };

interface ChangeHead {
  /** The change's own id, scoped to its sender like a message id. */
  id: string;
  /** The conversation key. */
  room: string;
  /** The seq of the message changed. */
  target: number;
  from: UserRef;
  ts: string;
}

/** A change as stored: an entry of its own, with the conversation's next seq. */
export type StoredChange = ChangeHead & { seq: number } & ChangeAction;

export type NewChange = ChangeHead &
  ChangeAction & {
    /** Admins may delete anyone's message. */
    admin: boolean;
  };

export type StoredEntry = StoredMessage | StoredChange;

export const isChange = (entry: StoredEntry): entry is StoredChange => 'kind' in entry;

export type AppendResult =
  | { message: StoredMessage; duplicate: false }
  /**
   * This sender stored this id before: acknowledge again, deliver nothing. `message` is what was
   * stored first (a change, when the sender used the id for one).
   */
  | { message: StoredEntry; duplicate: true };

export type ChangeRefusal = 'NoSuchMessage' | 'Gone' | 'Forbidden';

export type ChangeResult =
  /** Stored now (`duplicate: false`), or earlier under the same sender and id (`entry` is the first). */
  | { kind: 'stored'; entry: StoredEntry; duplicate: boolean }
  /** Nothing to do (a reaction already there, a message already deleted): nothing stored. */
  | { kind: 'unchanged'; message: StoredMessage }
  | { kind: 'refused'; code: ChangeRefusal; reason: string };

export interface HistoryPage {
  /** The page's messages as they are now, oldest first. */
  messages: StoredMessage[];
  /** The page's changes, oldest first: with `messages`, every seq of the page's range. */
  changes: StoredChange[];
  /** The conversation's latest sequence number (0 when empty). */
  latestSeq: number;
  /** More entries follow the page. */
  hasMore: boolean;
  /** Entries precede the page. */
  hasOlder: boolean;
}

export interface HistoryStore {
  /**
   * Stores the message with the next sequence number of its conversation. Idempotent by sender and
   * id (`message.from.userId`, `message.id`): a second append of the same sender with the same id
   * returns the first one's stored message with `duplicate`. Another sender's id never clashes,
   * so no member can silence another by posting its ids first.
   */
  append(message: NewMessage): Promise<AppendResult>;
  /**
   * Stores a change with the next sequence number and folds it into its target in the same write
   * (rules: `decideChange`). Idempotent by sender and id like `append`, checked before the rules:
   * a replay is acknowledged with the first entry even when the rules would now refuse it.
   */
  change(change: NewChange): Promise<ChangeResult>;
  /** Entries with seq > `since`, oldest first, at most `limit`. */
  since(room: string, since: number, limit: number): Promise<HistoryPage>;
  /** The last `limit` entries, oldest first. */
  latest(room: string, limit: number): Promise<HistoryPage>;
  /** The last `limit` entries with seq < `before`, oldest first. */
  before(room: string, before: number, limit: number): Promise<HistoryPage>;
}
