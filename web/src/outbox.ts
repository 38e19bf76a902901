// Messages the user sent that the server has not acknowledged yet, as pure logic. Each keeps the
// client id it was first sent with, so sending it again after a reconnect (or a reload) is
// recognised by the server (PROTOCOL.md §4) and never stored or shown twice. An entry is pending
// (waiting for a connection, or for its room to be joined), sending (sent, no reply yet), or failed
// (refused, or not sent after several tries): the user retries or discards it.
import type { ErrorCode } from '../../chat-contract/errors';

export type OutgoingState = 'pending' | 'sending' | 'failed';

export interface Outgoing<T> {
  id: string;
  /** The model key of the conversation it goes to. */
  conversation: string;
  envelope: T;
  text: string;
  /** When the user sent it (ISO). */
  ts: string;
  state: OutgoingState;
  attempts: number;
  /** Why it failed. */
  reason?: string;
}

/** Tries (sends that got no reply before the connection went) before an entry is marked failed. */
export const MAX_ATTEMPTS = 5;

/**
 * Error codes after which sending the same message again can succeed by itself (storage or the
 * service failed; too many events, for a moment): tried again, up to MAX_ATTEMPTS in all.
 */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['Unavailable', 'RateLimited']);

export class Outbox<T> {
  readonly #entries = new Map<string, Outgoing<T>>();

  constructor(entries: Outgoing<T>[] = []) {
    for (const e of entries) {
      // After a reload nothing is in flight any more.
      this.#entries.set(e.id, { ...e, state: e.state === 'sending' ? 'pending' : e.state });
    }
  }

  add(entry: Omit<Outgoing<T>, 'state' | 'attempts'>): Outgoing<T> {
    const e: Outgoing<T> = { ...entry, state: 'pending', attempts: 0 };
    this.#entries.set(e.id, e);
    return e;
  }

  get(id: string): Outgoing<T> | undefined {
    return this.#entries.get(id);
  }

  /** The conversation's entries in the order they were sent. */
  of(conversation: string): Outgoing<T>[] {
    return [...this.#entries.values()].filter((e) => e.conversation === conversation);
  }

  all(): Outgoing<T>[] {
    return [...this.#entries.values()];
  }

  /** Pending entries the caller may send now (those `ready` allows), marked sending. */
  take(ready: (e: Outgoing<T>) => boolean): Outgoing<T>[] {
    const taken = this.all().filter((e) => e.state === 'pending' && ready(e));
    for (const e of taken) {
      e.state = 'sending';
      e.attempts += 1;
    }
    return taken;
  }

  /** The send did not go out, or its reply never came (the connection went): try again later. */
  unsent(id: string): Outgoing<T> | undefined {
    const e = this.#entries.get(id);
    if (e?.state !== 'sending') return undefined;
    if (e.attempts >= MAX_ATTEMPTS) {
      e.state = 'failed';
      e.reason = `Not sent after ${e.attempts} tries.`;
    } else e.state = 'pending';
    return e;
  }

  /** The connection went: whatever was in flight is sent again on the next one. */
  requeue(): Outgoing<T>[] {
    return this.all()
      .filter((e) => e.state === 'sending')
      .map((e) => this.unsent(e.id))
      .filter((e): e is Outgoing<T> => e !== undefined);
  }

  /** The server refused it. A transient refusal is tried again; anything else fails. */
  refused(id: string, code: ErrorCode, message: string): Outgoing<T> | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    if (TRANSIENT.has(code)) {
      e.state = 'sending';
      return this.unsent(id);
    }
    e.state = 'failed';
    e.reason = message;
    return e;
  }

  /** Known to be refused before it is sent (too large, say): failed at once. */
  fail(id: string, reason: string): Outgoing<T> | undefined {
    const e = this.#entries.get(id);
    if (!e) return undefined;
    e.state = 'failed';
    e.reason = reason;
    return e;
  }

  /** Acknowledged or seen delivered: it is a message now, no longer an outgoing one. */
  settle(id: string): Outgoing<T> | undefined {
    const e = this.#entries.get(id);
    this.#entries.delete(id);
    return e;
  }

  retry(id: string): Outgoing<T> | undefined {
    const e = this.#entries.get(id);
    if (e?.state !== 'failed') return undefined;
    e.state = 'pending';
    e.attempts = 0;
    delete e.reason;
    return e;
  }

  discard(id: string): Outgoing<T> | undefined {
    return this.settle(id);
  }
}
