// A TCP proxy between WebSocket clients and the emulator that fails the way networks do: `cut()`
// destroys every client/upstream socket pair without a WebSocket close frame, `hold()` keeps new
// connections waiting (the client is "offline") until `release()`. It records, per connection,
// the upgrade request line, the server's HTTP status and the close code of the server's close frame.
import { EventEmitter, once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface ProxiedConnection {
  /** `GET /client/hubs/...?... HTTP/1.1` as forwarded (after any rewrite). */
  requestLine: string;
  /** HTTP status of the server's answer to the upgrade request. */
  status?: number;
  /** Code of the close frame the server sent (1005 when it had none). */
  closeCode?: number;
  /** Both sockets are gone. */
  ended: boolean;
}

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via: (url: string) => string;
  readonly connections: readonly ProxiedConnection[];
  /**
   * Destroys every current socket pair (no close frame); resolves once all are closed. With
   * `'client-side'` only the client's sockets die: the emulator's side stays open (half-open), as
   * when a network drops a client the server has not noticed yet.
   */
  cut(mode?: 'both' | 'client-side'): Promise<void>;
  /** New client connections wait, unforwarded, until `release()`. */
  hold(): void;
  release(): void;
  /** Rewrites the request line of upgrades from now on (undefined: forward unchanged). */
  rewriteRequestLine(fn: ((line: string) => string) | undefined): void;
  /** The first connection (past or future) matching `predicate`. */
  waitFor(
    predicate: (c: ProxiedConnection) => boolean,
    timeoutMs?: number,
  ): Promise<ProxiedConnection>;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
  /** The client side was cut alone: leave the upstream socket to the emulator. */
  halfOpen?: boolean;
}

export async function startTcpProxy(
  targetPort: number,
  targetHost = '127.0.0.1',
): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  const records: ProxiedConnection[] = [];
  const changes = new EventEmitter();
  let held: (() => void)[] | undefined;
  let rewrite: ((line: string) => string) | undefined;

  const server = createServer((client) => {
    const pair: Pair = { client };
    const record: ProxiedConnection = { requestLine: '', ended: false };
    records.push(record);
    pairs.add(pair);
    const changed = () => changes.emit('change');
    client.on('error', () => undefined);
    client.on('close', () => {
      if (!pair.upstream) end();
      else if (!pair.halfOpen) pair.upstream.destroy();
    });
    const end = () => {
      if (record.ended) return;
      record.ended = true;
      pairs.delete(pair);
      changed();
    };
    const forward = () => {
      if (client.destroyed) return end();
      const upstream = connect(targetPort, targetHost);
      pair.upstream = upstream;
      upstream.on('error', () => undefined);
      upstream.on('close', () => {
        client.destroy();
        end();
      });
      let head: Buffer | undefined = Buffer.alloc(0);
      client.on('data', (chunk: Buffer) => {
        if (!head) return void upstream.write(chunk);
        head = Buffer.concat([head, chunk]);
        const eol = head.indexOf('\r\n');
        if (eol < 0) return;
        const line = head.subarray(0, eol).toString('latin1');
        record.requestLine = rewrite ? rewrite(line) : line;
        upstream.write(
          Buffer.concat([Buffer.from(record.requestLine, 'latin1'), head.subarray(eol)]),
        );
        head = undefined;
        changed();
      });
      const sniffer = new ServerFrameSniffer(record, changed);
      upstream.on('data', (chunk: Buffer) => {
        sniffer.feed(chunk);
        if (!client.destroyed) client.write(chunk);
      });
    };
    if (held) held.push(forward);
    else forward();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;

  const cut = async (mode: 'both' | 'client-side' = 'both') => {
    const sockets: Socket[] = [];
    for (const p of pairs) {
      if (mode === 'client-side') p.halfOpen = true;
      sockets.push(p.client);
      if (p.upstream && mode === 'both') sockets.push(p.upstream);
    }
    const closed = sockets.filter((s) => !s.closed).map((s) => once(s, 'close'));
    for (const s of sockets) s.destroy();
    await Promise.all(closed);
  };

  return {
    port,
    via: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    connections: records,
    cut,
    hold: () => void (held ??= []),
    release: () => {
      const waiting = held ?? [];
      held = undefined;
      for (const forward of waiting) forward();
    },
    rewriteRequestLine: (fn) => void (rewrite = fn),
    waitFor: (predicate, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = records.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          changes.off('change', check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          changes.off('change', check);
          reject(
            new Error(
              `no matching proxied connection in ${timeoutMs} ms: ${JSON.stringify(records)}`,
            ),
          );
        }, timeoutMs);
        changes.on('change', check);
        check();
      }),
    close: async () => {
      held = undefined;
      for (const p of pairs) p.halfOpen = false;
      await cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Follows the server's side of one WebSocket: the HTTP answer, then frames (never masked). */
class ServerFrameSniffer {
  private buf = Buffer.alloc(0);
  private skip = 0;
  private inHead = true;

  constructor(
    private readonly record: ProxiedConnection,
    private readonly changed: () => void,
  ) {}

  feed(chunk: Buffer): void {
    if (this.skip >= chunk.length) {
      this.skip -= chunk.length;
      return;
    }
    this.buf = Buffer.concat([this.buf, chunk.subarray(this.skip)]);
    this.skip = 0;
    if (this.inHead) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.record.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(this.buf.toString('latin1'))?.[1]);
      this.buf = this.buf.subarray(end + 4);
      this.inHead = false;
      this.changed();
    }
    while (this.buf.length >= 2) {
      const opcode = this.buf[0]! & 0x0f;
      let length = this.buf[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buf.length < 4) return;
        length = this.buf.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buf.length < 10) return;
        length = Number(this.buf.readBigUInt64BE(2));
        offset = 10;
      }
      if (opcode === 0x8) {
        if (this.buf.length < offset + length) return;
        this.record.closeCode = length >= 2 ? this.buf.readUInt16BE(offset) : 1005;
        this.changed();
      }
      if (this.buf.length < offset + length) {
        this.skip = offset + length - this.buf.length;
        this.buf = Buffer.alloc(0);
        return;
      }
      this.buf = this.buf.subarray(offset + length);
    }
  }
}
