// Timer schedules as the timer extension reads them: an NCRONTAB expression with seconds
// (`{second} {minute} {hour} {day} {month} {day-of-week}`, day and day-of-week both have to match)
// or a constant TimeSpan interval. Times are local, like DateTime.Now on the real host.
import { Cron } from 'croner';

import { parseTimeSpanMs } from './timespan';

export interface TimerSchedule {
  readonly expression: string;
  /** TimerSchedule.AdjustForDST: cron schedules follow the wall clock, constant intervals do not. */
  readonly adjustForDST: boolean;
  /** useMonitor's default: off for schedules that fire more than once a minute. */
  readonly monitorByDefault: boolean;
  /** The first occurrence strictly after `after`. */
  next(after: Date): Date;
  /** How the host names it in logs: `Cron: '0 0 * * * *'`, `Constant: 00:00:05`. */
  toString(): string;
}

// What NCrontab accepts in a field: `*`, numbers, ranges, steps, lists, and 3-letter names in the
// month and day-of-week fields only (no Quartz extras such as `L`, `W`, `#`, `?`).
const ITEM = String.raw`(?:\*|[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)(?:/\d+)?`;
const FIELD = new RegExp(`^${ITEM}(?:,${ITEM})*$`);
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const NAMES: readonly (readonly string[])[] = [[], [], [], [], MONTHS, DAYS];

export function parseSchedule(expression: string): TimerSchedule | undefined {
  return cronSchedule(expression) ?? constantSchedule(expression);
}

function cronSchedule(expression: string): TimerSchedule | undefined {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6 || !fields.every((f) => FIELD.test(f))) return undefined;
  const namesOk = fields.every((f, i) =>
    (f.match(/[A-Za-z]+/g) ?? []).every((name) => NAMES[i]?.includes(name.toUpperCase())),
  );
  if (!namesOk) return undefined;
  // NCrontab's day-of-week is 0-6 (Sunday 0); croner would also take 7.
  if ((fields[5]?.match(/\d+/g) ?? []).some((n) => Number(n) > 6)) return undefined;
  let cron: Cron;
  try {
    cron = new Cron(fields.join(' '), {
      paused: true,
      mode: '6-part',
      domAndDow: true,
      sloppyRanges: true,
    });
  } catch {
    return undefined;
  }
  const now = new Date();
  const soon = cron.nextRuns(2, now);
  const secondRun = soon[1];
  return {
    expression,
    adjustForDST: true,
    monitorByDefault: !(secondRun && secondRun.getTime() - now.getTime() <= 60_000),
    next(after) {
      const next = cron.nextRun(after);
      if (!next) throw new Error(`the schedule '${expression}' has no next occurrence`);
      return next;
    },
    toString: () => `Cron: '${expression}'`,
  };
}

function constantSchedule(expression: string): TimerSchedule | undefined {
  const interval = parseTimeSpanMs(expression);
  if (interval === undefined || interval <= 0) return undefined;
  return {
    expression,
    adjustForDST: false,
    monitorByDefault: interval >= 60_000,
    next: (after) => new Date(after.getTime() + interval),
    toString: () => `Constant: ${expression.trim()}`,
  };
}
