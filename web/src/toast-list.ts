// Which toasts are showing, as pure logic: the same notice again ("Slow down" four times) is one
// toast with a count, the oldest go when there are too many, and opening a conversation clears
// the toasts that announced it.
import type { Toast } from './toast';

export interface ToastEntry extends Toast {
  id: number;
  /** How many times this notice came while it was showing. */
  count: number;
}

export interface ToastChange {
  /** The entry added or counted again. */
  entry: ToastEntry;
  /** True when an entry already showing was counted again. */
  repeated: boolean;
  /** Entries pushed out to keep at most `max`. */
  dropped: ToastEntry[];
}

const sameNotice = (a: Toast, b: Toast) =>
  a.level === b.level &&
  a.title === b.title &&
  a.body === b.body &&
  a.conversation === b.conversation;

export class ToastList {
  readonly #entries: ToastEntry[] = [];
  #nextId = 1;

  constructor(private readonly max = 3) {}

  get entries(): readonly ToastEntry[] {
    return this.#entries;
  }

  add(toast: Toast): ToastChange {
    const existing = this.#entries.find((e) => sameNotice(e, toast));
    if (existing) {
      existing.count += 1;
      // The newest notice is shown last.
      this.#entries.splice(this.#entries.indexOf(existing), 1);
      this.#entries.push(existing);
      return { entry: existing, repeated: true, dropped: [] };
    }
    const entry: ToastEntry = { ...toast, id: this.#nextId++, count: 1 };
    this.#entries.push(entry);
    const dropped = this.#entries.splice(0, Math.max(0, this.#entries.length - this.max));
    return { entry, repeated: false, dropped };
  }

  dismiss(id: number): ToastEntry | undefined {
    const i = this.#entries.findIndex((e) => e.id === id);
    return i < 0 ? undefined : this.#entries.splice(i, 1)[0];
  }

  /** Removes and returns the toasts that announced this conversation. */
  clearConversation(key: string): ToastEntry[] {
    const cleared = this.#entries.filter((e) => e.conversation === key);
    for (const e of cleared) this.dismiss(e.id);
    return cleared;
  }
}
