// Fan-out: one prepared message to many connections, in bounded slices. A large audience is
// served over several event-loop turns so a REST caller's next request is not stuck behind it;
// a single FIFO keeps every message in the order it was sent. A recipient that cannot take a
// message (reliable buffer full, socket not reading) is closed after its slice.
import type { FilterPredicate } from './filter';
import type { ClientConnection } from './state/connection';
import type { PreparedMessage } from './ws/outbound';

export interface RouteOptions {
  excluded?: ReadonlySet<string>;
  filter?: FilterPredicate;
  /** A connection that must not get its own message (`noEcho`). */
  skip?: ClientConnection;
  /** Who the message is for, as the inspector's log names it (default: the message's group). */
  to?: MessageTarget;
}

export interface MessageTarget {
  hub?: string;
  to: 'all' | 'group' | 'user' | 'connection';
  name?: string;
}

/** Told once per message, when its fan-out is over (the inspector's log). */
export type FanoutObserver = (
  msg: PreparedMessage,
  options: RouteOptions,
  recipients: number,
  /** The last connection served (the only one when `recipients` is 1). */
  last: ClientConnection | undefined,
) => void;

/** Recipients served per event-loop turn. */
const SLICE = 128;

interface Job {
  /** Live iterator over the index: members that leave before their turn are not served. */
  targets: Iterator<ClientConnection>;
  msg: PreparedMessage;
  options: RouteOptions;
  served: number;
  last?: ClientConnection;
}

export class Fanout {
  private readonly jobs: Job[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly closeSlow: (conn: ClientConnection) => void,
    private readonly observe?: FanoutObserver,
  ) {}

  deliver(
    targets: Iterable<ClientConnection> | undefined,
    msg: PreparedMessage,
    options: RouteOptions = {},
  ): void {
    if (!targets) return;
    const job: Job = { targets: targets[Symbol.iterator](), msg, options, served: 0 };
    // Nothing queued: serve the first slice now (small audiences never wait a turn).
    if (this.jobs.length === 0 && this.runSlice(job)) return;
    this.jobs.push(job);
    this.scheduled ??= setImmediate(() => this.drain());
  }

  /** Drops queued work (the emulator is closing). */
  dispose(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.jobs.length = 0;
  }

  private drain(): void {
    this.scheduled = undefined;
    let budget = SLICE;
    while (this.jobs.length > 0 && budget > 0) {
      const job = this.jobs[0]!;
      if (!this.runSlice(job)) break;
      this.jobs.shift();
      budget -= SLICE / 4; // at most four jobs' slices per turn, then let I/O in
    }
    if (this.jobs.length > 0) this.scheduled = setImmediate(() => this.drain());
  }

  /** Serves up to SLICE recipients; true when the job is finished. */
  private runSlice(job: Job): boolean {
    const { excluded, filter, skip } = job.options;
    let failed: ClientConnection[] | undefined;
    let served = 0;
    let done = false;
    let conn: ClientConnection | undefined;
    while (served < SLICE) {
      const next = job.targets.next();
      if (next.done) {
        done = true;
        break;
      }
      conn = next.value;
      if (conn === skip || excluded?.has(conn.id) || (filter && !filter(conn))) continue;
      served++;
      job.last = conn;
      if (!conn.deliver(job.msg)) (failed ??= []).push(conn);
    }
    job.served += served;
    for (const c of failed ?? []) this.closeSlow(c);
    if (done) this.observe?.(job.msg, job.options, job.served, job.last);
    return done;
  }
}

/** Connections selected by an optional filter (for membership and close operations). */
export function select(
  targets: Iterable<ClientConnection> | undefined,
  options: RouteOptions = {},
): ClientConnection[] {
  const out: ClientConnection[] = [];
  if (!targets) return out;
  for (const conn of targets) {
    if (options.excluded?.has(conn.id) || (options.filter && !options.filter(conn))) continue;
    out.push(conn);
  }
  return out;
}
