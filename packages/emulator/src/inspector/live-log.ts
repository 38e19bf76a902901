// The inspector's live log: a bounded ring of entries, filled only while someone watches (an open
// page or a test's watcher). Writing is cheap on purpose, because hooks write from the hot paths:
// an entry is a kind and a function that builds it; building, numbering and serializing happen
// once per flush (every `flushMs`), for the entries kept. Above `perFlush` entries in one flush the
// rest are only counted, by kind, and one `sampled` entry says how many were skipped, so a busy
// emulator pays for a readable log, not for one entry per frame.
export type LogKind =
  'frame-in' | 'frame-out' | 'rest' | 'upstream' | 'connection' | 'fault' | 'action' | 'sampled';
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

/** One flush's entries, and their server-sent-events text (built once, for every watcher). */
export interface LogBatch {
  readonly entries: readonly LogEntry[];
  readonly sse: string;
}
export type Watcher = (batch: LogBatch) => void;

export const DEFAULT_LOG_CAPACITY = 2000;

export interface LogLimits {
  /** How long entries wait to be built and streamed together. */
  flushMs: number;
  /** Entries kept per flush; the others are counted. Important ones (faults, actions, errors) get
   * IMPORTANT_FACTOR times as many, so a storm of them is bounded too. */
  perFlush: number;
}

const IMPORTANT_FACTOR = 4;

export const DEFAULT_LOG_LIMITS: LogLimits = { flushMs: 100, perFlush: 50 };

interface Pending {
  time: number;
  build: LogInput | (() => LogInput);
}

export class LiveLog {
  private readonly ring: LogEntry[] = [];
  private readonly watchers = new Set<Watcher>();
  private pending: Pending[] = [];
  private skipped: Partial<Record<LogKind, number>> = {};
  private skippedTotal = 0;
  private timer: NodeJS.Timeout | undefined;
  private seq = 0;
  /** Read by every hook before it writes: false means no work at all. */
  watching = false;

  constructor(
    private readonly capacity = DEFAULT_LOG_CAPACITY,
    /** Called when `watching` changes. */
    private readonly onWatching: () => void = () => undefined,
    private readonly limits: LogLimits = DEFAULT_LOG_LIMITS,
  ) {}

  /**
   * Adds an entry while someone watches: `input` itself, or a function that builds it at the
   * next flush (only if it is kept). `important` entries are skipped only in a storm of them.
   */
  write(kind: LogKind, input: LogInput | (() => LogInput), important = false): void {
    if (!this.watching) return;
    const limit = important ? this.limits.perFlush * IMPORTANT_FACTOR : this.limits.perFlush;
    if (this.pending.length >= limit) {
      this.skipped[kind] = (this.skipped[kind] ?? 0) + 1;
      this.skippedTotal++;
      return;
    }
    this.pending.push({ time: Date.now(), build: input });
    this.timer ??= setTimeout(() => this.flush(), this.limits.flushMs);
  }

  /** Builds, numbers and streams what is pending (tests and `since` call it directly). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0 && this.skippedTotal === 0) return;
    const batch: LogEntry[] = [];
    for (const p of this.pending) {
      const input = typeof p.build === 'function' ? p.build() : p.build;
      batch.push({ seq: ++this.seq, time: p.time, ...input });
    }
    if (this.skippedTotal > 0) batch.push(this.marker());
    this.pending = [];
    this.ring.push(...batch);
    if (this.ring.length > this.capacity) this.ring.splice(0, this.ring.length - this.capacity);
    if (this.watchers.size === 0) return;
    let sse: string | undefined;
    const view: LogBatch = {
      entries: batch,
      get sse() {
        return (sse ??= batch.map(toSse).join(''));
      },
    };
    for (const w of this.watchers) w(view);
  }

  /** Entries after `seq` still held (all of them by default). */
  since(seq = 0): LogEntry[] {
    this.flush();
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
      if (!this.watching) this.flush();
      this.onWatching();
    };
  }

  clear(): void {
    this.ring.length = 0;
  }

  private marker(): LogEntry {
    const counts = Object.entries(this.skipped)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    const total = this.skippedTotal;
    const perSecond = Math.round((this.limits.perFlush * 1000) / this.limits.flushMs);
    const entry: LogEntry = {
      seq: ++this.seq,
      time: Date.now(),
      kind: 'sampled',
      outcome: 'info',
      summary: `${total} entr${total === 1 ? 'y' : 'ies'} not logged (above ${perSecond}/s): ${counts}`,
      detail: { skipped: { ...this.skipped }, total },
    };
    this.skipped = {};
    this.skippedTotal = 0;
    return entry;
  }
}

export function toSse(e: LogEntry): string {
  return `id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`;
}
