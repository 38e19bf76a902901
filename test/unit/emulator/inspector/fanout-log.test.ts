// The live log sees a fan-out once: the Fanout tells its observer when a message has been served
// to everyone (over however many turns), and the entry names the target and the audience, with
// a short preview of text and the size of binary data.
import { setImmediate as nextTurn } from 'node:timers/promises';

import { describe, expect, it } from 'vitest';

import { fanoutEntry, replyEntry } from '../../../../packages/emulator/src/inspector/frame-view';
import type { RouteOptions } from '../../../../packages/emulator/src/routing';
import { Fanout } from '../../../../packages/emulator/src/routing';
import type { ClientConnection } from '../../../../packages/emulator/src/state/connection';
import { PreparedMessage } from '../../../../packages/emulator/src/ws/outbound';

function fakeConnections(n: number) {
  return Array.from(
    { length: n },
    (_, i) =>
      ({
        id: `c${i}`,
        userId: i % 2 ? null : `u${i}`,
        hub: { name: 'chat' },
        deliver: () => true,
      }) as unknown as ClientConnection,
  );
}

const text = (s: string, group?: string) =>
  new PreparedMessage(
    { dataType: 'text', bytes: Buffer.from(s) },
    group ? { from: 'group', group, fromUserId: 'ada' } : { from: 'server' },
  );

describe('Fanout observer', () => {
  it('is told once per message, after its last slice, with the whole audience', async () => {
    const seen: [number, string | undefined][] = [];
    const fanout = new Fanout(
      () => undefined,
      (_msg, _options, recipients, last) => seen.push([recipients, last?.id]),
    );
    const conns = fakeConnections(300); // more than one slice
    fanout.deliver(conns, text('big'), { skip: conns[0] });
    fanout.deliver(conns.slice(0, 1), text('one'));
    expect(seen).toEqual([]); // the first is still being served, the second waits behind it
    for (let i = 0; i < 20 && seen.length < 2; i++) await nextTurn();
    expect(seen).toEqual([
      [299, 'c299'],
      [1, 'c0'],
    ]);
  });
});

describe('fan-out entries', () => {
  const [only] = fakeConnections(1);

  it('name the target and the audience, and point at the connection when there is one', () => {
    const options: RouteOptions = { to: { hub: 'chat', to: 'user', name: 'u0' } };
    expect(fanoutEntry(text('hello'), options.to!, 1, only)).toMatchObject({
      kind: 'frame-out',
      hub: 'chat',
      userId: 'u0',
      connectionId: 'c0',
      summary: '← message to user u0: hello → 1 connection',
      detail: { recipients: 1, dataType: 'text', bytes: 5, text: 'hello' },
    });
    const all = fanoutEntry(text('x'.repeat(100)), { hub: 'chat', to: 'all' }, 42, only);
    expect(all.connectionId).toBeUndefined();
    expect(all.summary).toBe(`← message to everyone: ${'x'.repeat(80)}… → 42 connections`);
  });

  it('say who sent a group message, and describe binary data by size', () => {
    const group = fanoutEntry(
      text('hi', 'room'),
      { hub: 'chat', to: 'group', name: 'room' },
      0,
      undefined,
    );
    expect(group).toMatchObject({
      group: 'room',
      summary: '← message to group room from user ada: hi → 0 connections',
    });
    const binary = new PreparedMessage(
      { dataType: 'binary', bytes: Buffer.alloc(1024) },
      { from: 'server' },
    );
    const entry = fanoutEntry(binary, { hub: 'chat', to: 'connection', name: 'c0' }, 1, only);
    expect(entry.summary).toBe('← message to connection c0: binary, 1024 bytes → 1 connection');
    expect(entry.detail).not.toHaveProperty('text');
  });

  it("show an event handler's reply to its connection", () => {
    expect(
      replyEntry(only!, { dataType: 'json', bytes: Buffer.from('{"ok":true}') }),
    ).toMatchObject({
      connectionId: 'c0',
      summary: '← reply from the event handler: {"ok":true}',
    });
  });
});
