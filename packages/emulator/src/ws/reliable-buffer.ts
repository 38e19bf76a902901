// Reliable subprotocol bookkeeping: sequence ids and the frames a client has not acknowledged yet,
// bounded like the service (1,000 messages or 16 MiB); past that the connection cannot recover.

export const MAX_UNACKED_MESSAGES = 1000;
export const MAX_UNACKED_BYTES = 16 * 1024 * 1024;

export class ReliableBuffer {
  private lastSequenceId = 0;
  /** Acknowledged entries before `head` are cleared at once, so their bytes can be collected. */
  private frames: ({ seq: number; frame: Buffer } | undefined)[] = [];
  private head = 0;
  private bytes = 0;

  nextSequenceId(): number {
    return ++this.lastSequenceId;
  }

  /** Keeps a frame for replay; false when the buffer is over its bounds. */
  push(seq: number, frame: Buffer): boolean {
    this.frames.push({ seq, frame });
    this.bytes += frame.length;
    return (
      this.frames.length - this.head <= MAX_UNACKED_MESSAGES && this.bytes <= MAX_UNACKED_BYTES
    );
  }

  /** The client has every message up to and including `seq`. */
  ack(seq: number): void {
    while (this.head < this.frames.length && this.frames[this.head]!.seq <= seq) {
      this.bytes -= this.frames[this.head]!.frame.length;
      this.frames[this.head++] = undefined;
    }
    // Compact now and then instead of shifting on every ack.
    if (this.head > 1024 && this.head * 2 > this.frames.length) {
      this.frames = this.frames.slice(this.head);
      this.head = 0;
    }
  }

  unacked(): Buffer[] {
    return this.frames.slice(this.head).map((f) => f!.frame);
  }

  get size(): number {
    return this.frames.length - this.head;
  }
}
