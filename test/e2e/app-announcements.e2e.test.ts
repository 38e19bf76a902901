// Announcements stored as a conversation (PROTOCOL.md §2, `to: { all: true }`), through the whole
// local stack with the official client SDK: an admin's announcement is delivered to everyone with
// its seq; a user who connects later (a reload, a new device) gets it back with `join { all }`,
// resumes with `since`, pages back with `before`, and has it counted unread until `read`.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { isRoomMessage } from '../../chat-contract/guards';
import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import { chatUser } from './chat-user';

const { host } = useStack();
afterEach(stopAllClients);

const user = (id: string, roles: string[] = []) =>
  chatUser(host().url, { id, name: id.toUpperCase(), roles });

describe('announcements', () => {
  it('are stored with a seq, delivered live with it, and come back after a reconnect', async () => {
    const admin = await user(uniqueName('root'), ['admin']);
    const ada = uniqueName('ada');
    const laptop = await user(ada);
    await laptop.invoke('join', { all: true }, 'announcements_joined');
    // Other suites may announce meanwhile: seqs are taken from the acks, not assumed.
    const tag = uniqueName('n');
    await admin.send('message', { id: `${tag}-1`, to: { all: true }, text: 'first' });
    const ack = await admin.waitFor('ack', (p) => p.id === `${tag}-1`, 'the ack');
    expect(ack).toMatchObject({ all: true, seq: expect.any(Number), duplicate: false });
    const first = ack.seq!;
    const live = await laptop.waitFor('message', (p) => p.id === `${tag}-1`, 'the announcement');
    expect(live).toMatchObject({ seq: first, to: { all: true }, body: 'first' });
    expect(isRoomMessage(live)).toBe(false);
    laptop.rc.client.stop();
    await admin.send('message', { id: `${tag}-2`, to: { all: true }, text: 'second' });
    const second = (await admin.waitFor('ack', (p) => p.id === `${tag}-2`, 'the second ack')).seq!;
    expect(second).toBeGreaterThan(first);

    // A new connection of the same user (a reload, another device).
    const phone = await user(ada);
    const rooms = await phone.invoke('rooms', {}, 'rooms');
    expect(rooms.announcements?.readSeq).toBe(0);
    expect(rooms.announcements?.latestSeq).toBeGreaterThanOrEqual(second);
    expect(rooms.announcements?.unread).toBeGreaterThanOrEqual(2);
    const joined = await phone.invoke(
      'join',
      { all: true, since: first - 1 },
      'announcements_joined',
    );
    const mine = joined.messages.filter((m) => m.id.startsWith(tag));
    expect(mine.map((m) => [m.seq, m.id, m.body, m.to])).toEqual([
      [first, `${tag}-1`, 'first', { all: true }],
      [second, `${tag}-2`, 'second', { all: true }],
    ]);
    expect(joined.messages[0]?.seq).toBe(first);
    const older = await phone.invoke(
      'history',
      { all: true, before: first + 1, limit: 1 },
      'announcements_history',
    );
    expect(older.messages.map((m) => m.id)).toEqual([`${tag}-1`]);
    expect(older.hasOlder).toBe(first > 1);

    // Read on the phone: the position is kept; a resend is stored once.
    expect(await phone.invoke('read', { all: true, seq: second }, 'read')).toMatchObject({
      all: true,
      seq: second,
    });
    expect((await phone.invoke('rooms', {}, 'rooms')).announcements?.readSeq).toBe(second);
    await admin.send('message', { id: `${tag}-2`, to: { all: true }, text: 'second' });
    const again = await admin.waitFor(
      'ack',
      (p) => p.id === `${tag}-2` && p.duplicate === true,
      'the duplicate ack',
    );
    expect(again.seq).toBe(second);
  });

  it('refuses a non-admin, storing nothing', async () => {
    const id = uniqueName('p');
    const plain = await user(id);
    const before = (await plain.invoke('join', { all: true }, 'announcements_joined')).latestSeq;
    const refused = await plain.invoke(
      'message',
      { id: 'no', to: { all: true }, text: 'me!' },
      'error',
    );
    expect(refused).toMatchObject({ code: 'Forbidden', id: 'no' });
    const after = await plain.invoke(
      'history',
      { all: true, since: before },
      'announcements_history',
    );
    expect(after.messages.map((m) => m.from.userId)).not.toContain(id);
  });
});
