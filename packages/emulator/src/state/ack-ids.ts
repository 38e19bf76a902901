// Remembers which client ackIds a connection has completed, so a resend answers `Duplicate`
// instead of running the operation twice. Bounded: the oldest ids are forgotten first.

const MAX_REMEMBERED = 10_000;

export class AckIdSet {
  private readonly done = new Set<number>();
  private readonly pending = new Set<number>();

  /** True when the id is new; marks it in flight. */
  begin(ackId: number): boolean {
    if (this.done.has(ackId) || this.pending.has(ackId)) return false;
    this.pending.add(ackId);
    return true;
  }

  /** A failed operation may be retried with the same ackId; a successful one may not. */
  end(ackId: number, success: boolean): void {
    this.pending.delete(ackId);
    if (!success) return;
    this.done.add(ackId);
    if (this.done.size > MAX_REMEMBERED) {
      const oldest = this.done.values().next().value;
      if (oldest !== undefined) this.done.delete(oldest);
    }
  }
}
