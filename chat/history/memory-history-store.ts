// In-memory HistoryStore with the Table store's semantics, for unit tests of code that uses one.
import { settle } from '../settle';
import { encodeBody, storedMessage } from './body';
import { decideChange, storedChange } from './changes';
import { beforeRange, historyPage, pageLimit, sinceSeq } from './paging';
import type {
  AppendResult,
  ChangeResult,
  HistoryPage,
  HistoryStore,
  NewChange,
  NewMessage,
  StoredEntry,
} from './types';

interface Room {
  entries: StoredEntry[]; // entries[seq - 1]
  /** By sender, then id: ids are the sender's own, so another sender's id never clashes. */
  seqById: Map<string, number>;
}

const senderKey = (m: { id: string; from: { userId: string } }): string =>
  JSON.stringify([m.from.userId, m.id]);

export class MemoryHistoryStore implements HistoryStore {
  private readonly rooms = new Map<string, Room>();

  append(message: NewMessage): Promise<AppendResult> {
    return settle(() => this.appendNow(message));
  }

  change(change: NewChange): Promise<ChangeResult> {
    return settle(() => this.changeNow(change));
  }

  since(room: string, since: number, limit: number): Promise<HistoryPage> {
    return settle(() => {
      const after = sinceSeq(since);
      const entries = this.rooms.get(room)?.entries ?? [];
      return historyPage(
        entries.slice(after, after + pageLimit(limit)).map(copy),
        after,
        entries.length,
      );
    });
  }

  latest(room: string, limit: number): Promise<HistoryPage> {
    return settle(() => {
      const entries = this.rooms.get(room)?.entries ?? [];
      const after = Math.max(0, entries.length - pageLimit(limit));
      return historyPage(entries.slice(after).map(copy), after, entries.length);
    });
  }

  before(room: string, before: number, limit: number): Promise<HistoryPage> {
    return settle(() => {
      const entries = this.rooms.get(room)?.entries ?? [];
      const { after, upTo } = beforeRange(before, limit);
      return historyPage(entries.slice(after, upTo).map(copy), after, entries.length);
    });
  }

  private appendNow(message: NewMessage): AppendResult {
    // Encoded like the Table store does, so size limits and body round trips match.
    const body = encodeBody(message.body);
    const room = this.room(message.room);
    const seen = room.seqById.get(senderKey(message));
    if (seen !== undefined) {
      return { message: copy(room.entries[seen - 1]), duplicate: true };
    }
    const stored = storedMessage(message, room.entries.length + 1, body);
    room.entries.push(stored);
    room.seqById.set(senderKey(stored), stored.seq);
    return { message: structuredClone(stored), duplicate: false };
  }

  private changeNow(change: NewChange): ChangeResult {
    if (change.kind === 'edit') encodeBody(change.body);
    const room = this.room(change.room);
    const seen = room.seqById.get(senderKey(change));
    if (seen !== undefined)
      return { kind: 'stored', entry: copy(room.entries[seen - 1]), duplicate: true };
    const seq = room.entries.length + 1;
    const decision = decideChange(room.entries[change.target - 1], change, seq);
    if (decision.kind === 'refused') return decision;
    if (decision.kind === 'unchanged')
      return { kind: 'unchanged', message: structuredClone(decision.message) };
    const stored = storedChange(change, seq);
    room.entries[change.target - 1] = decision.message;
    room.entries.push(stored);
    room.seqById.set(senderKey(stored), seq);
    return { kind: 'stored', entry: copy(stored), duplicate: false };
  }

  private room(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = { entries: [], seqById: new Map() };
      this.rooms.set(name, room);
    }
    return room;
  }
}

function copy(entry: StoredEntry | undefined): StoredEntry {
  if (!entry) throw new Error('history index out of step with its entries');
  return structuredClone(entry);
}
