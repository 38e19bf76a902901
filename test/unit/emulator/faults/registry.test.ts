// Lasting faults: matched by target, used up by count, expired by time, cleared by id or all, and
// the per-type flags that let hot paths skip them.
import { describe, expect, it } from 'vitest';

import type { FaultEvent } from '../../../../packages/emulator/src/faults/registry';
import { FaultRegistry } from '../../../../packages/emulator/src/faults/registry';
import { describeFault, lastingFaultSchema } from '../../../../packages/emulator/src/faults/spec';

const spec = (value: unknown) => lastingFaultSchema.parse(value);

describe('FaultRegistry', () => {
  it('matches by hub (any case), connection, user and event; every field given must match', () => {
    const faults = new FaultRegistry();
    faults.add(spec({ type: 'upstream', status: 500, target: { hub: 'Chat', event: 'message' } }));
    expect(faults.take('upstream', { hub: 'chat', event: 'connect' })).toBeUndefined();
    expect(faults.take('upstream', { hub: 'other', event: 'message' })).toBeUndefined();
    expect(faults.take('upstream', { hub: 'chat', event: 'message' })?.spec.status).toBe(500);
    expect(faults.take('delivery', { hub: 'chat', event: 'message' })).toBeUndefined();
  });

  it('is used up after `count` matches and reports each change', () => {
    const events: FaultEvent['change'][] = [];
    const faults = new FaultRegistry((e) => events.push(e.change));
    faults.add(spec({ type: 'throttleRest', count: 2 }));
    expect(faults.throttleRest).toBe(true);
    expect(faults.take('throttleRest', { hub: 'a' })).toBeDefined();
    expect(faults.take('throttleRest', { hub: 'b' })?.remaining).toBe(0);
    expect(faults.take('throttleRest', { hub: 'c' })).toBeUndefined();
    expect(faults.throttleRest).toBe(false);
    expect(events).toEqual(['added', 'applied', 'applied']);
  });

  it('does not count a peek, and expires by time', () => {
    const faults = new FaultRegistry();
    const now = 1_000_000;
    faults.add(spec({ type: 'delivery', pause: true, durationMs: 500, count: 1 }), now);
    expect(faults.take('delivery', { hub: 'h' }, false, now + 100)?.hits).toBe(0);
    expect(faults.take('delivery', { hub: 'h' }, false, now + 100)).toBeDefined();
    expect(faults.take('delivery', { hub: 'h' }, false, now + 500)).toBeUndefined();
    expect(faults.delivery).toBe(false);
  });

  it('clears one fault by id or all of them', () => {
    const faults = new FaultRegistry();
    const a = faults.add(spec({ type: 'upstream', timeout: true }));
    faults.add(spec({ type: 'throttleRest' }));
    expect(faults.clear('nope')).toBe(false);
    expect(faults.clear(a.id)).toBe(true);
    expect(faults.upstream).toBe(false);
    expect(faults.list()).toHaveLength(1);
    faults.clear();
    expect(faults.list()).toEqual([]);
    expect(faults.throttleRest).toBe(false);
  });

  it('refuses faults that would do nothing, and describes the others in one line', () => {
    expect(lastingFaultSchema.safeParse({ type: 'upstream' }).success).toBe(false);
    expect(lastingFaultSchema.safeParse({ type: 'delivery' }).success).toBe(false);
    expect(lastingFaultSchema.safeParse({ type: 'upstream', status: 99 }).success).toBe(false);
    expect(
      describeFault(spec({ type: 'upstream', status: 503, count: 2, target: { event: 'x' } })),
    ).toBe('upstream answers 503 (event x, next 2)');
    expect(describeFault(spec({ type: 'throttleRest', durationMs: 1000 }))).toBe(
      'REST throttled (429, Retry-After 1) (everything, for 1000 ms)',
    );
  });
});
