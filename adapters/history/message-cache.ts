// The recent messages of the conversations this instance writes to, as they are at its cached
// counter: a change to one of them is written without reading its target first. Valid only while
// that counter is: whoever else changed a message took a seq, which makes this instance's next
// batch fail and forget both.
import type { StoredMessage } from '../../chat/history/types';

/** Messages kept per conversation (the newest seqs), and conversations kept. */
const PER_ROOM = 64;
const ROOMS = 256;

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
    for (const m of touched) messages.set(m.seq, structuredClone(m));
    const floor = seq - PER_ROOM;
    for (const s of messages.keys()) if (s <= floor) messages.delete(s);
    this.rooms.set(room, { seq, messages });
    const oldest = this.rooms.size > ROOMS && this.rooms.keys().next();
    if (oldest && !oldest.done) this.rooms.delete(oldest.value);
  }

  forget(room: string): void {
    this.rooms.delete(room);
  }
}
