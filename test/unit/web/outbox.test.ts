// The outbox: a message keeps its id through every resend, waits while offline, goes back in the
// queue when a connection drops before its reply, fails clearly when refused or after too many
// tries, and survives a reload.
import { describe, expect, it } from 'vitest';

import { MAX_ATTEMPTS, Outbox } from '../../../web/src/outbox';

const entry = (id: string, conversation = 'room:lobby') => ({
  id,
  conversation,
  envelope: { id, text: id },
  text: id,
  ts: '2026-12-02T09:00:00.000Z',
});
const all = () => true;
type Envelope = ReturnType<typeof entry>['envelope'];

describe('Outbox', () => {
  it('queues while offline and hands each entry out once, in order, with its id', () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    box.add(entry('b', 'dm:bob'));
    box.add(entry('c'));
    expect(box.of('room:lobby').map((e) => e.state)).toEqual(['pending', 'pending']);
    const taken = box.take((e) => e.conversation === 'room:lobby');
    expect(taken.map((e) => e.envelope.id)).toEqual(['a', 'c']);
    expect(box.take(all).map((e) => e.id)).toEqual(['b']);
    expect(box.take(all)).toEqual([]);
  });

  it('sends again with the same id after the connection dropped, and settles once', () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    box.take(all);
    expect(box.requeue().map((e) => [e.id, e.state])).toEqual([['a', 'pending']]);
    const again = box.take(all);
    expect(again.map((e) => [e.envelope.id, e.attempts])).toEqual([['a', 2]]);
    expect(box.settle('a')?.id).toBe('a');
    expect(box.settle('a')).toBeUndefined();
    expect(box.all()).toEqual([]);
  });

  it(`fails after ${MAX_ATTEMPTS} tries without a reply, and a retry starts over`, () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      box.take(all);
      expect(box.unsent('a')?.state).toBe('pending');
    }
    box.take(all);
    expect(box.unsent('a')).toMatchObject({ state: 'failed', reason: /5 tries/ });
    expect(box.take(all)).toEqual([]);
    expect(box.retry('a')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(box.retry('a')).toBeUndefined();
  });

  it('fails at once on a refusal, but tries again after Unavailable or RateLimited', () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    box.add(entry('b'));
    box.add(entry('c'));
    box.take(all);
    expect(box.refused('c', 'RateLimited', 'slow down')?.state).toBe('pending');
    expect(box.refused('a', 'Forbidden', 'Join the room first.')).toMatchObject({
      state: 'failed',
      reason: 'Join the room first.',
    });
    expect(box.refused('b', 'Unavailable', 'storage down')?.state).toBe('pending');
    expect(box.refused('zzz', 'Forbidden', 'x')).toBeUndefined();
    expect(box.discard('a')?.id).toBe('a');
    expect(box.all().map((e) => e.id)).toEqual(['b', 'c']);
  });

  it('fails at once what is known to be refused, and never sends it', () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    expect(box.fail('a', 'too long')).toMatchObject({ state: 'failed', reason: 'too long' });
    expect(box.take(all)).toEqual([]);
    expect(box.fail('zzz', 'x')).toBeUndefined();
  });

  it('after a reload, what was in flight is pending again and what failed stays failed', () => {
    const box = new Outbox<Envelope>();
    box.add(entry('a'));
    box.add(entry('b'));
    box.take(all);
    box.refused('b', 'TooLarge', 'too big');
    const reloaded = new Outbox(
      JSON.parse(JSON.stringify(box.all())) as ReturnType<typeof box.all>,
    );
    expect(reloaded.all().map((e) => [e.id, e.state])).toEqual([
      ['a', 'pending'],
      ['b', 'failed'],
    ]);
  });
});
