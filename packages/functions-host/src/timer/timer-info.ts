// The TimerInfo the real host passes to a Node timer function, serialized as Newtonsoft does
// (local DateTimes with their offset, 0001-01-01T00:00:00 for "never"); the library camel-cases it.
import type { TimerSchedule } from './schedule';

export interface ScheduleStatus {
  /** undefined until the first invocation. */
  last: Date | undefined;
  next: Date;
  lastUpdated: Date | undefined;
}

/** DateTime.MinValue as Newtonsoft writes it. */
export const NEVER = '0001-01-01T00:00:00';

export function timerInfoJson(
  schedule: TimerSchedule,
  status: ScheduleStatus | null,
  isPastDue: boolean,
): string {
  return JSON.stringify({
    Schedule: { AdjustForDST: schedule.adjustForDST },
    ScheduleStatus: status && {
      Last: dotnetLocal(status.last),
      Next: dotnetLocal(status.next),
      LastUpdated: dotnetLocal(status.lastUpdated),
    },
    IsPastDue: isPastDue,
  });
}

/** A local DateTime: `2024-05-01T12:00:00.5+02:00` (fraction without trailing zeros). */
export function dotnetLocal(date: Date | undefined): string {
  if (date === undefined) return NEVER;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const fraction = pad(date.getMilliseconds(), 3).replace(/0+$/, '');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${pad(date.getFullYear(), 4)}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${fraction ? `.${fraction}` : ''}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
