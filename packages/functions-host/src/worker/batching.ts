// Coalesces the messages one side of the worker channel sends in one turn of the event loop into
// a single IPC write: under load many invocations start (and finish) per turn, and each IPC
// message costs a serialization and a write on one side and a read and a parse on the other.
export interface MessageBatch<T> {
  type: 'batch';
  messages: T[];
}

export function isBatch<T>(message: T | MessageBatch<T>): message is MessageBatch<T> {
  return (message as { type?: unknown }).type === 'batch';
}

export class Batcher<T> {
  #queue: T[] = [];
  #scheduled = false;

  constructor(
    private readonly write: (message: T | MessageBatch<T>) => void,
    /** A message that cannot be written (not structured-cloneable): the others still go. */
    private readonly onUnsendable: (message: T, error: unknown) => void = () => {},
  ) {}

  /** Queued; written after the current turn of the event loop (setImmediate). */
  send(message: T): void {
    this.#queue.push(message);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes what is queued now. */
  flush(): void {
    this.#scheduled = false;
    const queue = this.#queue;
    if (queue.length === 0) return;
    this.#queue = [];
    try {
      this.write(queue.length === 1 ? queue[0]! : { type: 'batch', messages: queue });
    } catch {
      for (const message of queue) {
        try {
          this.write(message);
        } catch (err) {
          this.onUnsendable(message, err);
        }
      }
    }
  }
}
