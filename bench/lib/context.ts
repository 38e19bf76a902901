// What one benchmark run shares across its scenarios: the child processes it started (all stopped
// at the end of each scenario), and floors measured once per run and reused by later scenarios.
import type { ChildKind, ChildOptions } from './child';
import { Child } from './child';

export class BenchContext {
  private readonly children = new Set<Child>();
  private readonly floors = new Map<string, Promise<unknown>>();

  constructor(readonly run: number) {}

  async start(kind: ChildKind, name: string, options: ChildOptions = {}): Promise<Child> {
    const child = await Child.start(kind, name, options);
    this.children.add(child);
    return child;
  }

  async stop(child: Child): Promise<void> {
    this.children.delete(child);
    await child.stop();
  }

  /** Stops every child this run still has (after each scenario, and on errors). */
  async stopAll(): Promise<void> {
    const all = [...this.children];
    this.children.clear();
    await Promise.all(all.map((c) => c.stop()));
  }

  /**
   * A floor measured at most once per run: the same raw measurement serves every scenario that
   * compares against it (e.g. the N=1000 fan-out floor of P1 and P2).
   */
  floor<T>(key: string, measure: () => Promise<T>): Promise<T> {
    let p = this.floors.get(key) as Promise<T> | undefined;
    if (!p) {
      p = measure();
      this.floors.set(key, p);
      // A failed floor is measured again by the next scenario that needs it.
      p.catch(() => this.floors.delete(key));
    }
    return p;
  }
}
