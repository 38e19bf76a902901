// A client of the inspector API, for tests and tools: live state, the live log (as a watcher that
// waits on entries, never sleeps), actions, and faults by name.
import type { ActiveFault, FaultTarget } from '../faults/spec';
import type { LogEntry } from './live-log';
import type { InspectorState } from './snapshot';

export type InspectedFault = ActiveFault & { description: string };

export interface UpstreamFaultOptions extends FaultTarget {
  /** Answer with this status instead of calling the handler... */
  status?: number;
  body?: string;
  /** ...or fail as a timed-out call... */
  timeout?: boolean;
  /** ...after this delay; alone, the handler answers this much later. */
  delayMs?: number;
  /** The next `count` matching calls, or for `durationMs`; else until cleared. */
  count?: number;
  durationMs?: number;
}

export interface DeliveryFaultOptions extends FaultTarget {
  delayMs?: number;
  pause?: boolean;
  count?: number;
  durationMs?: number;
}

export interface ThrottleRestOptions {
  hub?: string;
  retryAfterSeconds?: number;
  count?: number;
  durationMs?: number;
}

export interface LogWatcher {
  /** Every entry written since the watcher opened, in order. */
  readonly entries: LogEntry[];
  /** Resolves with the first entry `probe` accepts (already seen or still to come). */
  until(probe: (e: LogEntry) => boolean, what: string, timeoutMs?: number): Promise<LogEntry>;
  close(): void;
}

export interface SendOptions {
  hub: string;
  to: 'all' | 'group' | 'user' | 'connection';
  name?: string;
  data: string;
  dataType?: 'text' | 'json';
}

export interface ClientUrlOptions {
  hub: string;
  userId?: string;
  roles?: string[];
  groups?: string[];
  minutesToExpire?: number;
}

export class InspectorFaults {
  constructor(private readonly call: InspectorClient['call']) {}

  /** Cuts the matching connections with no close frame (as a network would); their ids. */
  async dropConnection(target: FaultTarget | string): Promise<string[]> {
    const t = typeof target === 'string' ? { connectionId: target } : target;
    return (
      await this.call<{ connections: string[] }>('faults', 'POST', { type: 'drop', target: t })
    ).connections;
  }

  async closeConnection(
    target: FaultTarget | string,
    code = 1000,
    reason?: string,
  ): Promise<string[]> {
    const t = typeof target === 'string' ? { connectionId: target } : target;
    const body = { type: 'close', target: t, code, ...(reason !== undefined ? { reason } : {}) };
    return (await this.call<{ connections: string[] }>('faults', 'POST', body)).connections;
  }

  upstream(o: UpstreamFaultOptions): Promise<InspectedFault> {
    const { status, body, timeout, delayMs, count, durationMs, ...target } = o;
    return this.add({
      type: 'upstream',
      target,
      status,
      body,
      timeout,
      delayMs,
      count,
      durationMs,
    });
  }

  delivery(o: DeliveryFaultOptions): Promise<InspectedFault> {
    const { delayMs, pause, count, durationMs, ...target } = o;
    return this.add({ type: 'delivery', target, delayMs, pause, count, durationMs });
  }

  throttleRest(o: ThrottleRestOptions = {}): Promise<InspectedFault> {
    const { hub, retryAfterSeconds, count, durationMs } = o;
    return this.add({
      type: 'throttleRest',
      target: hub ? { hub } : {},
      retryAfterSeconds,
      count,
      durationMs,
    });
  }

  async list(): Promise<InspectedFault[]> {
    return (await this.call<{ faults: InspectedFault[] }>('faults', 'GET')).faults;
  }

  /** Clears one fault, or all of them. */
  async clear(id?: string): Promise<void> {
    await this.call(id === undefined ? 'faults' : `faults/${encodeURIComponent(id)}`, 'DELETE');
  }

  private async add(spec: Record<string, unknown>): Promise<InspectedFault> {
    const defined = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined));
    return (await this.call<{ fault: InspectedFault }>('faults', 'POST', defined)).fault;
  }
}

export class InspectorClient {
  readonly faults = new InspectorFaults((p, m, b) => this.call(p, m, b));
  private readonly base: string;

  /** `inspectorUrl`: the page's URL (`http://localhost:PORT/inspector`). */
  constructor(inspectorUrl: string) {
    this.base = new URL('/inspector/api/', inspectorUrl).href;
  }

  state(): Promise<InspectorState> {
    return this.call('state', 'GET');
  }

  async send(o: SendOptions): Promise<void> {
    await this.call('send', 'POST', o);
  }

  async addToGroup(hub: string, connectionId: string, group: string): Promise<void> {
    await this.call('group', 'POST', { hub, connectionId, group, op: 'add' });
  }

  async removeFromGroup(hub: string, connectionId: string, group: string): Promise<void> {
    await this.call('group', 'POST', { hub, connectionId, group, op: 'remove' });
  }

  async closeConnection(hub: string, connectionId: string, reason?: string): Promise<void> {
    await this.call('close', 'POST', { hub, connectionId, ...(reason ? { reason } : {}) });
  }

  async clientUrl(o: ClientUrlOptions): Promise<string> {
    return (await this.call<{ url: string }>('client-url', 'POST', o)).url;
  }

  /** Opens the live log (the emulator writes it only while someone watches). */
  async watch(): Promise<LogWatcher> {
    const abort = new AbortController();
    const res = await fetch(new URL('events', this.base), { signal: abort.signal });
    if (!res.ok || !res.body)
      throw new Error(`the inspector's event stream answered ${res.status}`);
    const entries: LogEntry[] = [];
    const waiters = new Set<() => void>();
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    void (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (event.startsWith(': watching')) opened();
            const data = event
              .split('\n')
              .filter((l) => l.startsWith('data: '))
              .map((l) => l.slice(6))
              .join('\n');
            if (data) entries.push(JSON.parse(data) as LogEntry);
          }
          for (const w of waiters) w();
        }
      } catch {
        // Closed by close() or by the emulator: the watcher simply stops.
      }
    })();
    await open;
    return {
      entries,
      until(probe, what, timeoutMs = 10_000) {
        return new Promise<LogEntry>((resolve, reject) => {
          const check = () => {
            const found = entries.find(probe);
            if (!found) return;
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            const seen = entries.map((e) => `  ${e.kind} ${e.summary}`).join('\n');
            reject(new Error(`timed out waiting for ${what}; the log had:\n${seen}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      },
      close: () => abort.abort(),
    };
  }

  /** @internal */
  async call<T = unknown>(path: string, method: string, body?: unknown): Promise<T> {
    const res = await fetch(new URL(path, this.base), {
      method,
      ...(body !== undefined
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
        : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }
}
