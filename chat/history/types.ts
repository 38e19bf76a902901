// Room history: every room message gets the room's next sequence number and is stored before it is
// acknowledged, so a client that comes back can ask for everything after the last one it saw.
import type { HistoryMessage } from '../../chat-contract/payloads';

/** A room message as stored and returned in `joined` and `history` replies (the chat contract's). */
export type StoredMessage = HistoryMessage;

export type NewMessage = Omit<StoredMessage, 'seq'>;

export interface AppendResult {
  message: StoredMessage;
  /** True when this sender stored this id before: acknowledge again, deliver nothing. */
  duplicate: boolean;
}

export interface HistoryPage {
  messages: StoredMessage[];
  /** The room's latest sequence number (0 for an empty room). */
  latestSeq: number;
  /** More messages follow the last one in `messages`. */
  hasMore: boolean;
}

export interface HistoryStore {
  /**
   * Stores the message with the next sequence number of its room. Idempotent by sender and id
   * (`message.from.userId`, `message.id`): a second append of the same sender with the same id
   * returns the first one's stored message with `duplicate`. Another sender's id never clashes,
   * so no member can silence another by posting its ids first.
   */
  append(message: NewMessage): Promise<AppendResult>;
  /** Messages with seq > `since`, oldest first, at most `limit`. */
  since(room: string, since: number, limit: number): Promise<HistoryPage>;
  /** The last `limit` messages, oldest first. */
  latest(room: string, limit: number): Promise<HistoryPage>;
}
