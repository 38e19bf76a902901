// The outbox as the page uses it: nothing is sent while offline, a room's messages wait for the
// room to be joined, a dropped connection sends them again with the same ids, a reload finds them
// in session storage, and what is too large fails before it is sent.
import { beforeEach, describe, expect, it } from 'vitest';

import type { MessageEnvelope } from '../../../chat-contract/envelopes';
import { MessageSender } from '../../../web/src/message-sender';
import { ChatModel } from '../../../web/src/model';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
});

function setup() {
  const model = new ChatModel({ userId: 'ada', name: 'Ada', roles: [], guest: false });
  const sent: MessageEnvelope[] = [];
  let fail = false;
  const connection = {
    send: (_event: 'message', data: MessageEnvelope) => {
      if (fail) return Promise.reject(new Error('closed'));
      sent.push(data);
      return Promise.resolve();
    },
  };
  const sender = new MessageSender(model, connection, storage);
  const failNext = (on: boolean) => (fail = on);
  return { model, sender, sent, failNext };
}

describe('MessageSender', () => {
  it('holds messages while offline, and a room message until the room is joined', () => {
    const { model, sender, sent } = setup();
    const room = model.ensureRoom('lobby');
    const dm = model.ensureDirect({ userId: 'bob', name: 'Bob' });
    sender.queue(room, { room: 'lobby' }, 'hi room');
    sender.queue(dm, { user: 'bob' }, 'hi Bob');
    expect(sent).toEqual([]);
    expect(sender.of(room.key).map((e) => e.state)).toEqual(['pending']);
    model.setConnection('connected');
    sender.flush();
    expect(sent.map((e) => e.text)).toEqual(['hi Bob']);
    model.setJoined(room, true);
    sender.flush();
    expect(sent.map((e) => e.text)).toEqual(['hi Bob', 'hi room']);
  });

  it('sends again with the same id after the connection dropped, and settles once', () => {
    const { model, sender, sent } = setup();
    const dm = model.ensureDirect({ userId: 'bob', name: 'Bob' });
    model.setConnection('connected');
    const e = sender.queue(dm, { user: 'bob' }, 'once');
    sender.disconnected();
    sender.flush();
    expect(sent.map((x) => x.id)).toEqual([e.id, e.id]);
    expect(sender.settle(e.id)?.text).toBe('once');
    expect(sender.settle(e.id)).toBeUndefined();
    expect(sender.of(dm.key)).toEqual([]);
  });

  it('puts a send that did not go out back in the queue', async () => {
    const { model, sender, sent, failNext } = setup();
    const dm = model.ensureDirect({ userId: 'bob', name: 'Bob' });
    model.setConnection('connected');
    failNext(true);
    const e = sender.queue(dm, { user: 'bob' }, 'later');
    await Promise.resolve();
    await Promise.resolve();
    expect(sender.get(e.id)?.state).toBe('pending');
    failNext(false);
    sender.flush();
    expect(sent.map((x) => x.text)).toEqual(['later']);
  });

  it('keeps the queue in session storage for a reload, with the conversation title', () => {
    const { model, sender } = setup();
    const dm = model.ensureDirect({ userId: 'bob', name: 'Bob' });
    const e = sender.queue(dm, { user: 'bob' }, 'survive');
    const reloaded = new MessageSender(
      new ChatModel({ userId: 'ada', name: 'Ada', roles: [], guest: false }),
      { send: () => Promise.resolve() },
      storage,
    );
    expect(reloaded.restored().map((x) => [x.id, x.title, x.state])).toEqual([
      [e.id, 'Bob', 'pending'],
    ]);
    reloaded.discard(e.id);
    expect(storage.items.size).toBe(0);
  });

  it('fails at once what the server would refuse for its size, and never sends it', () => {
    const { model, sender, sent } = setup();
    const dm = model.ensureDirect({ userId: 'bob', name: 'Bob' });
    model.setConnection('connected');
    const long = sender.queue(dm, { user: 'bob' }, 'x'.repeat(2001));
    const heavy = sender.queue(dm, { user: 'bob' }, '€'.repeat(2000));
    expect(sender.get(long.id)).toMatchObject({
      state: 'failed',
      reason: /more than 2000 characters/,
    });
    expect(sender.get(heavy.id)).toMatchObject({ state: 'failed', reason: /bytes; at most 4096/ });
    sender.retry(heavy.id);
    expect(sender.get(heavy.id)?.state).toBe('failed');
    expect(sent).toEqual([]);
  });
});
