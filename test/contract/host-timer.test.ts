// Timer triggers on the offline host: runOnStartup with the TimerInfo the real host passes to Node,
// TimeSpan schedules, and invalid schedules refused at start-up with the function's name.
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { peekBodies, queueClient, useAzurite } from '../setup/azurite';
import { eventually } from '../setup/eventually';
import { REPO_ROOT, startHostProcess } from '../setup/host';

const STORAGE_APP = path.join(REPO_ROOT, 'test/fixtures/storage-app');
const azurite = useAzurite();

interface Fired {
  functionName: string;
  timer: {
    isPastDue: boolean;
    schedule: { adjustForDST: boolean };
    scheduleStatus: { last: string; next: string; lastUpdated: string } | null;
  };
}

/** Starts the storage app with a schedule, waits for `count` timer reports, stops the host. */
async function firedWith(schedule: string, count: number): Promise<Fired[]> {
  const queue = queueClient(azurite(), 'timer-fired');
  await queue.deleteIfExists();
  const result = await startHostProcess({
    app: STORAGE_APP,
    settings: { AzureWebJobsStorage: azurite().connectionString, STARTUP_SCHEDULE: schedule },
  });
  if (!result.ok) throw new Error(`${result.message}\n${result.output}`);
  try {
    let bodies: string[] = [];
    await eventually(
      async () => (bodies = await peekBodies(queue)).length >= count,
      `${count} timer invocation(s)`,
      10_000,
      50,
    );
    return bodies.map((b) => JSON.parse(b) as Fired);
  } finally {
    await result.host.close();
  }
}

describe('timerTrigger', () => {
  it('runs on start-up with the TimerInfo shape of the real host', async () => {
    const [fired] = await firedWith('0 0 0 1 1 *', 1);
    expect(fired?.functionName).toBe('startupTimer');
    expect(fired?.timer).toMatchObject({
      isPastDue: false,
      schedule: { adjustForDST: true },
      // No earlier run is known: the real host reports DateTime.MinValue for last and lastUpdated.
      scheduleStatus: { last: '0001-01-01T00:00:00', lastUpdated: '0001-01-01T00:00:00' },
    });
    const next = fired?.timer.scheduleStatus?.next ?? '';
    expect(next).toMatch(/^\d{4}-01-01T00:00:00[+-]\d\d:\d\d$/);
    expect(new Date(next).getTime()).toBeGreaterThan(Date.now());
  });

  it('fires again and again on a TimeSpan schedule, without schedule status below a minute', async () => {
    const fired = await firedWith('00:00:01', 3);
    expect(fired.length).toBeGreaterThanOrEqual(3);
    for (const f of fired) {
      expect(f.timer).toEqual({
        isPastDue: false,
        schedule: { adjustForDST: false },
        scheduleStatus: null,
      });
    }
  });

  it.each([
    ['a five-field cron expression', '0 */5 * * *'],
    ['a day of week of 7', '0 0 0 * * 7'],
    ['a Quartz-only token', '0 0 0 L * *'],
    ['text', 'every minute'],
  ])('refuses to start with %s, naming the function', async (_, schedule) => {
    const result = await startHostProcess({
      app: STORAGE_APP,
      settings: { AzureWebJobsStorage: azurite().connectionString, STARTUP_SCHEDULE: schedule },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toContain("Function 'startupTimer'");
    expect(result.message).toContain(`"${schedule}" was not recognized`);
  });
});
