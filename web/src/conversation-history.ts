// A conversation's stored history on the page (PROTOCOL.md §4), for rooms, DMs and announcements: entries
// (messages and the edits, deletes and reactions made to them) shown once each and in seq order
// through a RoomSequence, gaps asked for, changes folded into the messages they change, and older
// pages put before what is shown.
import type {
  AnnouncementHistoryMessage,
  DirectHistoryMessage,
  HistoryChange,
  HistoryMessage,
} from '../../chat-contract/payloads';
import { bodyText } from './body-text';
import { applyChange } from './message-changes';
import type { ChatModel, Conversation, ShownMessage } from './model';
import type { SequenceStep } from './room-sequence';
import { RoomSequence } from './room-sequence';

export type StoredMessage = HistoryMessage | DirectHistoryMessage | AnnouncementHistoryMessage;
export type Entry = StoredMessage | HistoryChange;

export interface HistoryPage {
  messages: StoredMessage[];
  changes: HistoryChange[];
  latestSeq: number;
  hasMore: boolean;
  hasOlder: boolean;
}

const isChange = (e: Entry): e is HistoryChange => 'target' in e;
const bySeq = (a: Entry, b: Entry) => a.seq - b.seq;

export class ConversationHistory {
  readonly #sequences = new Map<string, RoomSequence<Entry>>();

  constructor(
    private readonly model: ChatModel,
    /** Ask `history` since this seq (a gap, or a conflict). */
    private readonly fetchSince: (c: Conversation, since: number) => void,
    /** A message of someone's was shown (they stopped typing; the user's own settles). */
    private readonly onShown: (c: Conversation, m: ShownMessage) => void,
  ) {}

  /** The greatest seq shown (messages and changes alike): where a rejoin starts. */
  last(key: string): number | undefined {
    return this.#sequences.get(key)?.last;
  }

  forget(key: string): void {
    this.#sequences.delete(key);
  }

  /** A `joined` reply, or a `history` page asked with `since`. */
  page(c: Conversation, page: HistoryPage): void {
    if (c.messages.every((m) => m.notice)) {
      this.model.changeState(c, (x) => (x.hasOlder = page.hasOlder));
    }
    const entries = [...page.messages, ...(page.changes ?? [])].sort(bySeq);
    this.#apply(c, this.#sequence(c.key).page(entries, page.latestSeq, page.hasMore));
  }

  /** Where a conversation not shown yet starts (no announcements so far): live entries follow. */
  start(key: string, latestSeq: number): void {
    this.#sequence(key).page([], latestSeq, false);
  }

  live(c: Conversation, entry: Entry): void {
    this.#apply(c, this.#sequence(c.key).live(entry));
  }

  /** A page asked with `before`: older messages go first; its changes fold into what is shown. */
  older(c: Conversation, page: HistoryPage): void {
    const oldest = this.oldestSeq(c) ?? Infinity;
    const messages = page.messages.filter((m) => m.seq < oldest).sort(bySeq);
    this.model.prepend(
      c,
      messages.map((m) => this.shown(m)),
    );
    this.#fold(c, page.changes ?? []);
    this.model.changeState(c, (x) => (x.hasOlder = page.hasOlder));
  }

  oldestSeq(c: Conversation): number | undefined {
    const seqs = c.messages.flatMap((m) => (m.seq === undefined ? [] : [m.seq]));
    return seqs.length ? Math.min(...seqs) : undefined;
  }

  shown(m: StoredMessage): ShownMessage {
    return {
      key: `${m.seq}/${m.from.userId}/${m.id}`,
      id: m.id,
      seq: m.seq,
      from: m.from,
      text: m.deleted ? '' : bodyText(m.body),
      ts: m.ts,
      mine: m.from.userId === this.model.identity.userId,
      ...(m.version !== undefined ? { version: m.version } : {}),
      ...(m.edited !== undefined ? { edited: m.edited } : {}),
      ...(m.deleted ? { deleted: true } : {}),
      ...(m.reactions ? { reactions: m.reactions } : {}),
    };
  }

  #apply(c: Conversation, step: SequenceStep<Entry>): void {
    const messages: ShownMessage[] = [];
    const changes: HistoryChange[] = [];
    for (const e of step.show) {
      if (isChange(e)) changes.push(e);
      else messages.push(this.shown(e));
    }
    for (const m of messages) this.onShown(c, m);
    this.model.append(c, messages);
    this.#fold(c, changes);
    if (step.fetchSince !== undefined) this.fetchSince(c, step.fetchSince);
  }

  /** Folds changes into the messages shown; one for a message not loaded is dropped (§4). */
  #fold(c: Conversation, changes: HistoryChange[]): void {
    const updated = new Map<string, ShownMessage>();
    for (const change of changes) {
      const target = updated.get(String(change.target)) ?? this.model.bySeq(c, change.target);
      const next = target && applyChange(target, change);
      if (next) updated.set(String(change.target), next);
    }
    this.model.update(c, [...updated.values()]);
  }

  #sequence(key: string): RoomSequence<Entry> {
    let s = this.#sequences.get(key);
    if (!s) this.#sequences.set(key, (s = new RoomSequence()));
    return s;
  }
}
