// The timer listener on a fake clock: run-on-startup, one invocation at a time, occurrences computed
// after each run, schedule status handed to the function, and nothing after stop().
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { consoleHostLogger } from '../../../../packages/functions-host/src/logger';
import { parseSchedule } from '../../../../packages/functions-host/src/timer/schedule';
import { NEVER } from '../../../../packages/functions-host/src/timer/timer-info';
import { TimerListener } from '../../../../packages/functions-host/src/timer/timer-listener';

const silent = consoleHostLogger('silent');

interface Info {
  ScheduleStatus: { Last: string; Next: string; LastUpdated: string } | null;
}

function listener(schedule: string, runOnStartup: boolean, invoke: (info: Info) => Promise<void>) {
  return new TimerListener({
    name: 'tick',
    schedule: parseSchedule(schedule)!,
    runOnStartup,
    useMonitor: true,
    logger: silent,
    invoke: (json) => invoke(JSON.parse(json) as Info),
  });
}

describe('TimerListener', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date(2024, 0, 1, 12, 0, 0) });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for the first occurrence unless runOnStartup is set', async () => {
    const calls: Info[] = [];
    const timer = listener('0 * * * * *', false, (info) => {
      calls.push(info);
      return Promise.resolve();
    });
    timer.start();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ScheduleStatus).toMatchObject({ Last: NEVER, LastUpdated: NEVER });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
    // The second run sees the first one as its last occurrence.
    expect(calls[1]?.ScheduleStatus?.Last).toMatch(/^2024-01-01T12:01:00[+-]/);
    await timer.stop();
  });

  it('runs at start-up, never overlaps, and skips occurrences missed while running', async () => {
    let finish: (() => void) | undefined;
    let calls = 0;
    const timer = listener('00:00:01', true, () => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    timer.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(5_000); // still running: no second invocation
    expect(calls).toBe(1);
    finish?.();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2); // the missed occurrences collapse into one, right away
    finish?.();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(3);
    finish?.();
    await timer.stop();
  });

  it('stop() waits for the invocation in progress and cancels the next one', async () => {
    let finish: (() => void) | undefined;
    let calls = 0;
    const timer = listener('00:00:01', true, () => {
      calls++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    timer.start();
    await vi.advanceTimersByTimeAsync(0);
    let stopped = false;
    const stopping = timer.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish?.();
    await stopping;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toBe(1);
  });
});
