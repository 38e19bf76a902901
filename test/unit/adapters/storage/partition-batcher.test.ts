// PartitionBatcher: the first write goes at once, writes that arrive meanwhile go in one batch.
import { describe, expect, it } from 'vitest';

import { PartitionBatcher } from '../../../../adapters/storage/partition-batcher';

/** A flush whose batches stay in flight until released. */
function gatedFlush() {
  const batches: { partition: string; ops: readonly number[]; release: () => void }[] = [];
  const flush = (partition: string, ops: readonly number[]) =>
    new Promise<number[]>((resolve, reject) => {
      const release = () =>
        ops.includes(-1) ? reject(new Error('boom')) : resolve(ops.map((o) => o * 10));
      batches.push({ partition, ops, release });
    });
  return { batches, flush };
}

/** One turn of the event loop: every pending promise continuation has run. */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('PartitionBatcher', () => {
  it('sends the first op alone and batches the ones that arrive while it is in flight', async () => {
    const { batches, flush } = gatedFlush();
    const batcher = new PartitionBatcher<number, number>({ maxOps: 10, flush });
    const first = batcher.push('p', 1);
    const rest = [2, 3, 4].map((n) => batcher.push('p', n));
    expect(batches.map((b) => b.ops)).toEqual([[1]]);
    batches[0]?.release();
    expect(await first).toBe(10);
    await tick();
    expect(batches.map((b) => b.ops)).toEqual([[1], [2, 3, 4]]);
    batches[1]?.release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps partitions independent', () => {
    const { batches, flush } = gatedFlush();
    const batcher = new PartitionBatcher<number, number>({ maxOps: 10, flush });
    void batcher.push('a', 1);
    void batcher.push('b', 2);
    expect(batches.map((b) => [b.partition, b.ops])).toEqual([
      ['a', [1]],
      ['b', [2]],
    ]);
  });

  it('caps batches by count and by weight, always taking at least one op', async () => {
    const { batches, flush } = gatedFlush();
    const batcher = new PartitionBatcher<number, number>({
      maxOps: 3,
      flush,
      weight: (n) => n,
      maxWeight: 10,
    });
    const all = [1, 2, 2, 2, 2, 9, 20, 1].map((n) => batcher.push('p', n));
    for (let i = 0; i < 6; i += 1) {
      batches[i]?.release();
      await tick();
    }
    await Promise.all(all);
    expect(batches.map((b) => b.ops)).toEqual([[1], [2, 2, 2], [2], [9], [20], [1]]);
  });

  it('rejects only the ops of a failed batch', async () => {
    const { batches, flush } = gatedFlush();
    const batcher = new PartitionBatcher<number, number>({ maxOps: 10, flush });
    const first = batcher.push('p', 1);
    const failing = [batcher.push('p', -1), batcher.push('p', 5)];
    const later = () => batcher.push('p', 7);
    batches[0]?.release();
    await first;
    await tick();
    batches[1]?.release();
    for (const p of failing) await expect(p).rejects.toThrow('boom');
    const next = later();
    batches[2]?.release();
    expect(await next).toBe(70);
  });

  it('validates maxOps', () => {
    expect(() => new PartitionBatcher({ maxOps: 0, flush: () => Promise.resolve([]) })).toThrow(
      TypeError,
    );
  });
});
