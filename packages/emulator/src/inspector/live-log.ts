// The inspector's live log: a bounded ring of entries, filled only while someone watches (an
// open page or a test's watcher), pushed to every watcher as it is written.
export type LogKind =
  'frame-in' | 'frame-out' | 'rest' | 'upstream' | 'connection' | 'fault' | 'action';
export type Outcome = 'ok' | 'error' | 'fault' | 'info';

export interface LogEntry {
  seq: number;
  /** Epoch milliseconds. */
  time: number;
  kind: LogKind;
  outcome: Outcome;
  /** One line a person reads. */
  summary: string;
  hub?: string;
  connectionId?: string;
  userId?: string | null;
  group?: string;
  event?: string;
  status?: number;
  durationMs?: number;
  /** Kind-specific facts (frame preview, URL, reply, signature...), never a secret. */
  detail?: Record<string, unknown>;
}

export type LogInput = Omit<LogEntry, 'seq' | 'time'>;
export type Watcher = (entry: LogEntry) => void;

export const DEFAULT_LOG_CAPACITY = 2000;

export class LiveLog {
  private readonly ring: LogEntry[] = [];
  private readonly watchers = new Set<Watcher>();
  private seq = 0;
  /** Read by every hook before it builds an entry: false means no work at all. */
  watching = false;

  constructor(
    private readonly capacity = DEFAULT_LOG_CAPACITY,
    /** Called when `watching` changes. */
    private readonly onWatching: () => void = () => undefined,
  ) {}

  write(input: LogInput): void {
    if (!this.watching) return;
    const entry: LogEntry = { seq: ++this.seq, time: Date.now(), ...input };
    this.ring.push(entry);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    for (const w of this.watchers) w(entry);
  }

  /** Entries after `seq` still held (all of them by default). */
  since(seq = 0): LogEntry[] {
    return this.ring.filter((e) => e.seq > seq);
  }

  /** Adds a watcher; the returned function removes it. */
  watch(watcher: Watcher): () => void {
    this.watchers.add(watcher);
    this.watching = true;
    this.onWatching();
    return () => {
      this.watchers.delete(watcher);
      this.watching = this.watchers.size > 0;
      this.onWatching();
    };
  }

  clear(): void {
    this.ring.length = 0;
  }
}
