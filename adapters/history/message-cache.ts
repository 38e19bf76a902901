// The recent messages of the conversations this instance writes to, as they are at its cached
// counter: a change to one of them is written without reading its target first. Valid only while
// that counter is: whoever else changed a message took a seq, which makes this instance's next
// batch fail and forget both.
import type { StoredMessage } from '../../chat/history/types';

/**
 * Messages kept per conversation (the most recently written or changed), and conversations kept:
 * at most ~200 × 64 events of 4 KiB, 50 MiB, in the worst case.
 */
const PER_ROOM = 200;
const ROOMS = 64;

export class MessageCache {
  private readonly rooms = new Map<string, { seq: number; messages: Map<number, StoredMessage> }>();

  /** The message at `seq` as of the counter `at`, or undefined (not cached, or another counter). */
  get(room: string, at: number, seq: number): StoredMessage | undefined {
    const cached = this.rooms.get(room);
    if (!cached || cached.seq !== at) return undefined;
    const message = cached.messages.get(seq);
    return message && structuredClone(message);
  }

  /** After a batch committed up to `seq`: the messages it created or changed, as they are now. */
  update(room: string, seq: number, touched: readonly StoredMessage[]): void {
    const cached = this.rooms.get(room);
    this.rooms.delete(room); // re-inserted last: least recently written first
    const messages = cached?.messages ?? new Map<number, StoredMessage>();
    for (const m of touched) {
      messages.delete(m.seq); // re-inserted last: the Map's order is least recently touched first
      messages.set(m.seq, structuredClone(m));
    }
    for (const s of messages.keys()) {
      if (messages.size <= PER_ROOM) break;
      messages.delete(s);
    }
    this.rooms.set(room, { seq, messages });
    const oldest = this.rooms.size > ROOMS && this.rooms.keys().next();
    if (oldest && !oldest.done) this.rooms.delete(oldest.value);
  }

  forget(room: string): void {
    this.rooms.delete(room);
  }
}
