// In-memory HistoryStore with the Table store's semantics, for unit tests of code that uses one.
import { settle } from '../settle';
import { encodeBody, storedMessage } from './body';
import { historyPage, pageLimit, sinceSeq } from './paging';
import type { AppendResult, HistoryPage, HistoryStore, NewMessage, StoredMessage } from './types';

interface Room {
  messages: StoredMessage[]; // messages[seq - 1]
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

  since(room: string, since: number, limit: number): Promise<HistoryPage> {
    return settle(() => {
      const after = sinceSeq(since);
      const messages = this.rooms.get(room)?.messages ?? [];
      const page = messages.slice(after, after + pageLimit(limit)).map(copy);
      return historyPage(page, after, messages.length);
    });
  }

  latest(room: string, limit: number): Promise<HistoryPage> {
    return settle(() => {
      const messages = this.rooms.get(room)?.messages ?? [];
      const after = Math.max(0, messages.length - pageLimit(limit));
      return historyPage(messages.slice(after).map(copy), after, messages.length);
    });
  }

  private appendNow(message: NewMessage): AppendResult {
    // Encoded like the Table store does, so size limits and body round trips match.
    const body = encodeBody(message.body);
    const room = this.room(message.room);
    const seen = room.seqById.get(senderKey(message));
    if (seen !== undefined) {
      return { message: copy(room.messages[seen - 1]), duplicate: true };
    }
    const stored = storedMessage(message, room.messages.length + 1, body);
    room.messages.push(stored);
    room.seqById.set(senderKey(stored), stored.seq);
    return { message: copy(stored), duplicate: false };
  }

  private room(name: string): Room {
    let room = this.rooms.get(name);
    if (!room) {
      room = { messages: [], seqById: new Map() };
      this.rooms.set(name, room);
    }
    return room;
  }
}

function copy(message: StoredMessage | undefined): StoredMessage {
  if (!message) throw new Error('history index out of step with its messages');
  return structuredClone(message);
}
