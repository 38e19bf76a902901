// The lasting faults in force: added and cleared through the inspector API, consumed as calls
// match them, expired by count or time. Three booleans let hot paths skip all of this when no
// fault of their kind exists.
import { randomBytes } from 'node:crypto';

import type { ActiveFault, FaultSubject, LastingFaultSpec } from './spec';
import { describeFault, matches } from './spec';

export type FaultEvent = {
  change: 'added' | 'cleared' | 'expired' | 'applied';
  fault: ActiveFault;
};

export class FaultRegistry {
  private readonly faults = new Map<string, ActiveFault>();
  /** True while at least one fault of that type exists (read on every call it could affect). */
  upstream = false;
  delivery = false;
  throttleRest = false;

  constructor(private readonly onEvent: (e: FaultEvent) => void = () => undefined) {}

  add(spec: LastingFaultSpec, now = Date.now()): ActiveFault {
    const fault: ActiveFault = {
      id: randomBytes(6).toString('hex'),
      spec,
      createdAt: now,
      hits: 0,
      ...(spec.durationMs !== undefined ? { expiresAt: now + spec.durationMs } : {}),
      ...(spec.count !== undefined ? { remaining: spec.count } : {}),
    };
    this.faults.set(fault.id, fault);
    if (fault.expiresAt !== undefined) {
      // Expire on time even when nothing matches it (paused deliveries must resume).
      setTimeout(() => this.expire(fault.id), spec.durationMs).unref();
    }
    this.refresh();
    this.onEvent({ change: 'added', fault });
    return fault;
  }

  list(now = Date.now()): ActiveFault[] {
    this.prune(now);
    return [...this.faults.values()];
  }

  /** Clears one fault (true when it existed), or every fault when no id is given. */
  clear(id?: string): boolean {
    const ids = id === undefined ? [...this.faults.keys()] : [id];
    let found = false;
    for (const key of ids) {
      const fault = this.faults.get(key);
      if (!fault) continue;
      found = true;
      this.faults.delete(key);
      this.onEvent({ change: 'cleared', fault });
    }
    this.refresh();
    return found || id === undefined;
  }

  /** The first fault of this type that matches; counted as used when `consume` (the default). */
  take<T extends LastingFaultSpec['type']>(
    type: T,
    subject: FaultSubject,
    consume = true,
    now = Date.now(),
  ): (ActiveFault & { spec: Extract<LastingFaultSpec, { type: T }> }) | undefined {
    this.prune(now);
    for (const fault of this.faults.values()) {
      if (fault.spec.type !== type || !matches(fault.spec.target, subject)) continue;
      if (consume) {
        fault.hits++;
        if (fault.remaining !== undefined && --fault.remaining <= 0) {
          this.faults.delete(fault.id);
          this.refresh();
        }
        this.onEvent({ change: 'applied', fault });
      }
      return fault as ActiveFault & { spec: Extract<LastingFaultSpec, { type: T }> };
    }
    return undefined;
  }

  private expire(id: string): void {
    const fault = this.faults.get(id);
    if (!fault) return;
    this.faults.delete(id);
    this.refresh();
    this.onEvent({ change: 'expired', fault });
  }

  private prune(now: number): void {
    for (const fault of this.faults.values()) {
      if (fault.expiresAt !== undefined && fault.expiresAt <= now) this.expire(fault.id);
    }
  }

  private refresh(): void {
    let upstream = false;
    let delivery = false;
    let throttle = false;
    for (const f of this.faults.values()) {
      if (f.spec.type === 'upstream') upstream = true;
      else if (f.spec.type === 'delivery') delivery = true;
      else throttle = true;
    }
    this.upstream = upstream;
    this.delivery = delivery;
    this.throttleRest = throttle;
  }
}

export function faultView(f: ActiveFault): ActiveFault & { description: string } {
  return { ...f, description: describeFault(f.spec) };
}
