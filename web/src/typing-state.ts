// Typing indicators (PROTOCOL.md §7) as pure logic: when to send a frame (at most one every
// `sendEveryMs` while typing, a stop when the box empties or the message goes), and who is typing
// in a conversation (until `expireAfterMs` after their last frame, a stop, or a message of theirs).
import { TYPING } from '../../chat-contract/limits';

export class TypingSender {
  #lastSent = -Infinity;
  #active = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** The user typed; `'typing'` when a frame is due. */
  input(empty: boolean): 'typing' | 'stop' | undefined {
    if (empty) return this.stop();
    const t = this.now();
    if (this.#active && t - this.#lastSent < TYPING.sendEveryMs) return undefined;
    this.#active = true;
    this.#lastSent = t;
    return 'typing';
  }

  /** Sent, or cleared: `'stop'` when others were told this user was typing. */
  stop(): 'stop' | undefined {
    if (!this.#active) return undefined;
    this.#active = false;
    this.#lastSent = -Infinity;
    return 'stop';
  }
}

export class TypingWatcher {
  /** userId → when their indicator expires. */
  readonly #until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  frame(userId: string, stop: boolean): void {
    if (stop) this.#until.delete(userId);
    else this.#until.set(userId, this.now() + TYPING.expireAfterMs);
  }

  /** A message from them: they are done typing it. */
  spoke(userId: string): void {
    this.#until.delete(userId);
  }

  /** Who is typing now, in the order they started. */
  typing(): string[] {
    const t = this.now();
    for (const [user, until] of this.#until) if (until <= t) this.#until.delete(user);
    return [...this.#until.keys()];
  }

  /** Milliseconds until the next indicator expires, when one is showing. */
  nextExpiry(): number | undefined {
    const t = this.now();
    const soonest = Math.min(...this.#until.values());
    return Number.isFinite(soonest) ? Math.max(0, soonest - t) : undefined;
  }
}

/** "Ada is typing…", "Ada and Bob are typing…", "3 people are typing…". */
export function typingLine(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}
