// Pipelines writes per partition: the first operation goes out at once, and operations that arrive
// while a batch is in flight queue up and go together in the next one (one round trip per batch).

interface Pending<Op, R> {
  op: Op;
  resolve(value: R): void;
  reject(error: unknown): void;
}

export interface PartitionBatcherOptions<Op, R> {
  /** Most operations in one batch (counted by `size`). */
  maxOps: number;
  /** How many of `maxOps` an operation takes (1 when not given). */
  size?: (op: Op) => number;
  /** Writes one batch for one partition; resolves with one result per operation, in order. */
  flush: (partition: string, ops: readonly Op[]) => Promise<R[]>;
  /** Size of an operation towards `maxWeight` (a batch always takes at least one). */
  weight?: (op: Op) => number;
  maxWeight?: number;
}

export class PartitionBatcher<Op, R> {
  private readonly queues = new Map<string, Pending<Op, R>[]>();

  constructor(private readonly options: PartitionBatcherOptions<Op, R>) {
    if (!Number.isInteger(options.maxOps) || options.maxOps < 1) {
      throw new TypeError('PartitionBatcher: maxOps must be a positive integer');
    }
  }

  /** Resolves once the batch holding `op` has been written (or rejects if it failed). */
  push(partition: string, op: Op): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queued = this.queues.get(partition);
      if (queued) {
        queued.push({ op, resolve, reject });
        return;
      }
      const queue = [{ op, resolve, reject }];
      this.queues.set(partition, queue);
      void this.drain(partition, queue);
    });
  }

  private async drain(partition: string, queue: Pending<Op, R>[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, this.batchSize(queue));
      try {
        const results = await this.options.flush(
          partition,
          batch.map((p) => p.op),
        );
        if (results.length !== batch.length) {
          throw new Error(
            `flush returned ${results.length} results for ${batch.length} operations`,
          );
        }
        batch.forEach((p, i) => p.resolve(results[i] as R));
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.queues.delete(partition);
  }

  private batchSize(queue: readonly Pending<Op, R>[]): number {
    const { maxOps, size, weight, maxWeight = Infinity } = this.options;
    if (!weight && !size) return maxOps;
    let total = 0;
    let ops = 0;
    let count = 0;
    for (const pending of queue) {
      total += weight?.(pending.op) ?? 0;
      ops += size?.(pending.op) ?? 1;
      if (count > 0 && (ops > maxOps || total > maxWeight)) break;
      count += 1;
      if (ops >= maxOps) break;
    }
    return count;
  }
}
