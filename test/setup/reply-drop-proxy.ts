// An HTTP-aware TCP proxy that loses replies: the request reaches the server (which acts on it),
// then the connection is destroyed instead of the reply being passed back, as when a network drops
// a reply. `drop(match)` decides per request from its head (request line and headers). A connection
// the server upgrades (101, a WebSocket) is piped as it is from then on, and `cut()` destroys those
// links without a close frame, so one proxy can front every client of a server: an address that
// tokens name (their `aud`) is then the address the server is reached at.
import { once } from 'node:events';
import type { AddressInfo, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface ReplyDropProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Replies dropped so far. */
  readonly dropped: number;
  /** Requests forwarded so far. */
  readonly requests: number;
  /** From now on, drops the reply of each request whose head `shouldDrop` accepts. */
  drop(shouldDrop: ((head: string) => boolean) | undefined): void;
  /** Destroys every upgraded (WebSocket) connection, both sides, no close frame. */
  cut(): Promise<void>;
  /** Upgraded connections cut so far. */
  readonly linksCut: number;
  close(): Promise<void>;
}

/**
 * `targetPort` may be a promise: connections wait for it, so a proxy can be named in settings
 * before the server behind it has its (free) port.
 */
export async function startReplyDropProxy(
  targetPort: number | Promise<number>,
): Promise<ReplyDropProxy> {
  let shouldDrop: ((head: string) => boolean) | undefined;
  let dropped = 0;
  let requests = 0;
  let linksCut = 0;
  const sockets = new Set<Socket>();
  const links = new Set<Socket>();
  const server = createServer((client) => {
    client.pause();
    void Promise.resolve(targetPort).then((port) => pipe(client, connect(port, '127.0.0.1')));
  });
  const pipe = (client: Socket, upstream: Socket) => {
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    // One request at a time per connection (HTTP/1.1 without pipelining): the head of each new
    // request decides whether its reply is lost.
    let awaitingReply = false;
    let dropThis = false;
    let upgraded = false;
    let head = '';
    client.on('data', (chunk: Buffer) => {
      if (!awaitingReply && !upgraded) {
        head += chunk.toString('latin1');
        const end = head.indexOf('\r\n\r\n');
        if (end >= 0 || head.length > 16_384) {
          awaitingReply = true;
          requests += 1;
          dropThis = shouldDrop?.(head.slice(0, end >= 0 ? end : undefined)) ?? false;
          head = '';
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (dropThis) {
        dropThis = false;
        dropped += 1;
        client.destroy();
        upstream.destroy();
        return;
      }
      if (awaitingReply && chunk.subarray(0, 12).toString('latin1') === 'HTTP/1.1 101') {
        upgraded = true;
        links.add(client);
        client.once('close', () => links.delete(client));
      }
      awaitingReply = false;
      client.write(chunk);
    });
    client.resume();
  };
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    via: (url) => {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    get dropped() {
      return dropped;
    },
    get requests() {
      return requests;
    },
    get linksCut() {
      return linksCut;
    },
    drop: (fn) => void (shouldDrop = fn),
    cut: async () => {
      const closing = [...links].map((s) => once(s, 'close'));
      linksCut += closing.length;
      for (const s of links) s.destroy();
      await Promise.all(closing);
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
