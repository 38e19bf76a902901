// Idle connections held by separate client processes (a share each), for memory and event-loop
// measurements of a server that just keeps them open.
import type { IdleJob, IdleOpened } from '../clients/idle-clients';
import type { Child } from './child';
import type { BenchContext } from './context';

export interface FleetResult {
  opened: number;
  failed: number;
  firstError?: string;
  /** Wall time until every process had opened its share. */
  ms: number;
}

export class IdleFleet {
  private constructor(
    private readonly ctx: BenchContext,
    private readonly procs: Child[],
  ) {}

  /** Starts `processes` client processes and opens `total` connections across them. */
  static async open(
    ctx: BenchContext,
    total: number,
    processes: number,
    job: Omit<IdleJob, 'count'>,
  ): Promise<{ fleet: IdleFleet; result: FleetResult }> {
    const procs = await Promise.all(
      Array.from({ length: processes }, () => ctx.start('clients', 'idle-clients')),
    );
    const fleet = new IdleFleet(ctx, procs);
    const share = Math.ceil(total / processes);
    const t0 = Date.now();
    const parts = await Promise.all(
      procs.map((p, i) =>
        p.call<IdleOpened>(
          'open',
          { ...job, count: Math.max(0, Math.min(share, total - i * share)) },
          120_000,
        ),
      ),
    );
    const result: FleetResult = {
      opened: parts.reduce((a, p) => a + p.opened, 0),
      failed: parts.reduce((a, p) => a + p.failed, 0),
      ms: Date.now() - t0,
    };
    const firstError = parts.find((p) => p.firstError)?.firstError;
    if (firstError !== undefined) result.firstError = firstError;
    return { fleet, result };
  }

  /** Connections still open now, across all processes. */
  async stillOpen(): Promise<number> {
    const counts = await Promise.all(this.procs.map((p) => p.call<number>('open_count')));
    return counts.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.procs.map((p) => this.ctx.stop(p)));
  }
}
