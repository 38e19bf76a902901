// Typing indicators between the composer, the typing groups and the model (PROTOCOL.md §7): frames
// go client to client through the conversation's typing group (no Function runs, nothing is
// stored), throttled by TypingSender; who is typing expires by itself (TypingWatcher).
import type { TypingFrame } from '../../chat-contract/typing';
import type { ChatModel, Conversation } from './model';
import { TypingSender, TypingWatcher } from './typing-state';

/** What typing needs of the connection (ChatConnection's `sendTyping`). */
export interface TypingConnection {
  sendTyping(group: string, frame: TypingFrame): Promise<void>;
}

export class TypingSync {
  readonly #senders = new Map<string, TypingSender>();
  readonly #watchers = new Map<string, TypingWatcher>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly model: ChatModel,
    private readonly connection: TypingConnection,
  ) {}

  /** The composer changed. */
  input(c: Conversation, empty: boolean): void {
    this.#send(c, this.#sender(c.key).input(empty));
  }

  /** The message was sent (or the conversation left): others stop seeing this user type. */
  stop(c: Conversation): void {
    this.#send(c, this.#sender(c.key).stop());
  }

  frame(group: string, userId: string, frame: TypingFrame): void {
    if (userId === this.model.identity.userId) return;
    const c = [...this.model.conversations.values()].find((x) => x.typingGroup === group);
    if (!c) return;
    this.#watcher(c.key).frame(userId, frame.stop === true);
    this.#refresh(c);
  }

  /** A message from them: their indicator goes at once. */
  spoke(c: Conversation, userId: string): void {
    const w = this.#watchers.get(c.key);
    if (!w) return;
    w.spoke(userId);
    this.#refresh(c);
  }

  #send(c: Conversation, what: 'typing' | 'stop' | undefined): void {
    if (!what || !c.typingGroup || !this.model.online) return;
    const frame: TypingFrame =
      what === 'stop' ? { type: 'typing', stop: true } : { type: 'typing' };
    this.connection.sendTyping(c.typingGroup, frame).catch(() => {
      // A typing frame is worth nothing later: never resent.
    });
  }

  #refresh(c: Conversation): void {
    const w = this.#watcher(c.key);
    const names = w.typing().map((id) => this.#nameOf(c, id));
    if (names.join('\n') !== c.typing.join('\n'))
      this.model.changeState(c, (x) => (x.typing = names));
    clearTimeout(this.#timers.get(c.key));
    const next = w.nextExpiry();
    if (next !== undefined)
      this.#timers.set(
        c.key,
        setTimeout(() => this.#refresh(c), next + 50),
      );
  }

  #nameOf(c: Conversation, userId: string): string {
    if (c.kind === 'room') return c.members.get(userId)?.name ?? userId;
    if (c.kind === 'direct' && c.peer.userId === userId) return c.peer.name;
    return userId;
  }

  #sender(key: string): TypingSender {
    let s = this.#senders.get(key);
    if (!s) this.#senders.set(key, (s = new TypingSender()));
    return s;
  }

  #watcher(key: string): TypingWatcher {
    let w = this.#watchers.get(key);
    if (!w) this.#watchers.set(key, (w = new TypingWatcher()));
    return w;
  }
}
