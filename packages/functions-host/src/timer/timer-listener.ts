// Runs one timer function like the timer extension's TimerListener: once at start-up when
// runOnStartup is set, then at each occurrence of the schedule, never two invocations at once
// (the next occurrence is computed after the previous invocation ends), until stopped.
import { errorMessage } from '../errors';
import type { HostLogger } from '../logger';
import type { TimerSchedule } from './schedule';
import type { ScheduleStatus } from './timer-info';
import { timerInfoJson } from './timer-info';

// setTimeout's limit (about 24.8 days); longer waits are taken in steps.
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TimerListenerOptions {
  name: string;
  schedule: TimerSchedule;
  runOnStartup: boolean;
  /** Whether the function sees ScheduleStatus (the real host persists it; this host keeps it in memory). */
  useMonitor: boolean;
  logger: HostLogger;
  /** Runs the function with the TimerInfo JSON; failures are logged by the invoker. */
  invoke(timerInfo: string): Promise<unknown>;
}

export class TimerListener {
  #status: ScheduleStatus | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(private readonly o: TimerListenerOptions) {}

  start(): void {
    const { schedule, logger, name } = this.o;
    const now = new Date();
    this.#status = { last: undefined, next: schedule.next(now), lastUpdated: undefined };
    const upcoming: Date[] = [];
    for (let at = now; upcoming.length < 5;) upcoming.push((at = schedule.next(at)));
    logger.debug(
      `The next 5 occurrences of the '${name}' schedule (${schedule.toString()}) will be:\n` +
        upcoming.map((d) => d.toISOString()).join('\n'),
    );
    if (this.o.runOnStartup) this.#armIn(0, true);
    else this.#armAt(this.#status.next);
  }

  /** Cancels the next occurrence and waits for an invocation in progress. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #armAt(when: Date): void {
    const ms = when.getTime() - Date.now();
    if (ms > MAX_TIMEOUT_MS) {
      this.#timer = setTimeout(() => this.#armAt(when), MAX_TIMEOUT_MS);
      return;
    }
    this.#armIn(Math.max(0, ms), false);
  }

  #armIn(ms: number, runOnStartup: boolean): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#running = this.#invoke(runOnStartup).finally(() => {
        if (this.#stopped || !this.#status) return;
        // Occurrences missed while the function ran collapse into one immediate run.
        this.#armAt(this.#status.next);
      });
    }, ms);
  }

  async #invoke(runOnStartup: boolean): Promise<void> {
    const invokedAt = new Date();
    const status = this.#status ?? null;
    try {
      await this.o.invoke(timerInfoJson(this.o.schedule, this.o.useMonitor ? status : null, false));
    } catch (err) {
      this.o.logger.debug(`Timer '${this.o.name}' invocation failed: ${errorMessage(err)}`);
    }
    // A timer that fired a little early counts from its scheduled time, as in the extension.
    const base = !runOnStartup && status && status.next > invokedAt ? status.next : invokedAt;
    this.#status = { last: base, next: this.o.schedule.next(base), lastUpdated: base };
  }
}
