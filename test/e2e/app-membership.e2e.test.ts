// A user's rooms follow them across devices (PROTOCOL.md §2, the rooms list's `member`), through the
// whole local stack with the official client SDK: two connections of one user are two devices. A
// room joined on one stays the user's after that device disconnects and is listed as theirs, with
// its unread count, on the other; an explicit `leave` on any device ends it; joining restores it.
import { stopAllClients } from '@wps-local/test-kit';
import { afterEach, describe, expect, it } from 'vitest';

import { uniqueName } from '../setup/emulator';
import { useStack } from '../setup/stack';
import type { TypedChatUser } from './chat-user';
import { chatUser } from './chat-user';

const { host } = useStack();
afterEach(stopAllClients);

const device = (id: string) => chatUser(host().url, { id, name: id.toUpperCase() });
const join = (u: TypedChatUser, room: string) => u.invoke('join', { room }, 'joined');
const entry = async (u: TypedChatUser, room: string) =>
  (await u.invoke('rooms', {}, 'rooms')).rooms.find((r) => r.room === room);

describe('rooms across devices', () => {
  it('lists a room joined on a device that has since disconnected as the user’s, with unread', async () => {
    const [ada, room] = [uniqueName('ada'), uniqueName('r')];
    const laptop = await device(ada);
    const bob = await device(uniqueName('bob'));
    await join(laptop, room);
    await join(bob, room);
    await laptop.invoke('read', { room, seq: 0 }, 'read');
    laptop.rc.client.stop();
    await bob.send('message', { id: 'b1', to: { room }, text: 'while you were away' });
    await bob.send('message', { id: 'b2', to: { room }, text: 'and again' });
    await bob.waitFor('ack', (p) => p.id === 'b2', 'the second ack');
    const phone = await device(ada);
    // (Occupancy is left out: the laptop's disconnect is handled apart, in its own time.)
    expect(await entry(phone, room)).toMatchObject({
      room,
      joined: false,
      member: true,
      latestSeq: 2,
      readSeq: 0,
      unread: 2,
    });
    // The phone joins it as the client does, and reads from where the user was.
    const joined = await join(phone, room);
    expect(joined.readSeq).toBe(0);
    expect(joined.messages.map((m) => m.id)).toEqual(['b1', 'b2']);
  });

  it('ends it on every device with an explicit leave, keeps the read position, and a join restores it', async () => {
    const [ada, room] = [uniqueName('ada'), uniqueName('r')];
    const [laptop, phone] = [await device(ada), await device(ada)];
    const bob = await device(uniqueName('bob'));
    await join(laptop, room);
    await join(bob, room);
    await bob.send('message', { id: 'b1', to: { room }, text: 'hi' });
    await laptop.waitFor('message', (p) => p.id === 'b1', 'the message');
    await laptop.invoke('read', { room, seq: 1 }, 'read');
    expect(await entry(phone, room)).toMatchObject({ member: true, joined: false });
    await laptop.send('leave', { room });
    await laptop.waitFor('left', (p) => p.room === room, 'the leave');
    expect(await entry(phone, room)).toMatchObject({ member: false, readSeq: 1, unread: 0 });
    expect(await entry(laptop, room)).toMatchObject({ member: false, joined: false });
    await join(phone, room);
    expect(await entry(laptop, room)).toMatchObject({ member: true, joined: false });
  });

  it('never lists a room the user only saw occupied as theirs', async () => {
    const room = uniqueName('r');
    const ada = await device(uniqueName('ada'));
    const bob = await device(uniqueName('bob'));
    await join(bob, room);
    expect(await entry(ada, room)).toEqual({ room, members: 1, joined: false, member: false });
  });
});
