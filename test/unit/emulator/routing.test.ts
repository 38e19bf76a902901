// Fan-out in slices: small audiences are served at once, large ones over several turns, and
// every recipient still gets messages in the order they were sent.
import { setImmediate as nextTurn } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { Fanout } from '../../../packages/emulator/src/routing';
import type { ClientConnection } from '../../../packages/emulator/src/state/connection';
import type { PreparedMessage } from '../../../packages/emulator/src/ws/outbound';

function fakeConnections(n: number, accept = (_i: number) => true) {
  const received: string[][] = Array.from({ length: n }, () => []);
  const conns = received.map(
    (log, i) =>
      ({
        id: `c${i}`,
        connectionId: `c${i}`,
        deliver: (msg: PreparedMessage) => {
          log.push(msg as unknown as string);
          return accept(i);
        },
      }) as unknown as ClientConnection,
  );
  return { conns, received };
}
const msg = (name: string) => name as unknown as PreparedMessage;

async function drained(): Promise<void> {
  for (let i = 0; i < 20; i++) await nextTurn();
}

describe('Fanout', () => {
  it('serves a small audience synchronously', () => {
    const { conns, received } = fakeConnections(10);
    new Fanout(() => undefined).deliver(conns, msg('a'));
    expect(received.every((r) => r.length === 1)).toBe(true);
  });

  it('serves a large audience over several turns, keeping per-recipient order', async () => {
    const { conns, received } = fakeConnections(1000);
    const fanout = new Fanout(() => undefined);
    fanout.deliver(conns, msg('a'));
    expect(received.filter((r) => r.length > 0)).toHaveLength(128);
    fanout.deliver([conns[999]!], msg('b'));
    fanout.deliver(new Set(conns), msg('c'));
    expect(received[999]).toEqual([]);
    await drained();
    expect(received[999]).toEqual(['a', 'b', 'c']);
    expect(received.every((r, i) => r.join() === (i === 999 ? 'a,b,c' : 'a,c'))).toBe(true);
  });

  it('skips excluded, filtered and noEcho connections', () => {
    const { conns, received } = fakeConnections(4);
    new Fanout(() => undefined).deliver(conns, msg('a'), {
      excluded: new Set(['c0']),
      filter: (t) => t.connectionId !== 'c1',
      skip: conns[2],
    });
    expect(received.map((r) => r.length)).toEqual([0, 0, 0, 1]);
  });

  it('closes recipients that cannot take the message, after serving the rest', () => {
    const closed: string[] = [];
    const { conns, received } = fakeConnections(3, (i) => i !== 1);
    new Fanout((c) => closed.push(c.id)).deliver(conns, msg('a'));
    expect(closed).toEqual(['c1']);
    expect(received[2]).toEqual(['a']);
  });

  it('drops queued work when disposed', async () => {
    const { conns, received } = fakeConnections(600);
    const fanout = new Fanout(() => undefined);
    fanout.deliver(conns, msg('a'));
    fanout.dispose();
    await drained();
    expect(received.filter((r) => r.length > 0)).toHaveLength(128);
  });
});
