// The TimerInfo JSON a Node timer function receives, with .NET's date formats.
import { describe, expect, it } from 'vitest';

import { parseSchedule } from '../../../../packages/functions-host/src/timer/schedule';
import {
  dotnetLocal,
  NEVER,
  timerInfoJson,
} from '../../../../packages/functions-host/src/timer/timer-info';

describe('timerInfoJson', () => {
  const schedule = parseSchedule('0 0 * * * *')!;

  it('has the real host shape, with DateTime.MinValue before the first run', () => {
    const next = new Date(2024, 4, 1, 11);
    expect(
      JSON.parse(timerInfoJson(schedule, { last: undefined, next, lastUpdated: undefined }, false)),
    ).toEqual({
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: NEVER, Next: dotnetLocal(next), LastUpdated: NEVER },
      IsPastDue: false,
    });
  });

  it('sends a null ScheduleStatus when the monitor is off', () => {
    expect(JSON.parse(timerInfoJson(schedule, null, false))).toMatchObject({
      ScheduleStatus: null,
    });
  });
});

describe('dotnetLocal', () => {
  it('writes local time with its offset and no trailing zeros in the fraction', () => {
    const date = new Date(2024, 4, 1, 9, 5, 7, 120);
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? '+' : '-';
    const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
    const mm = String(Math.abs(offset) % 60).padStart(2, '0');
    expect(dotnetLocal(date)).toBe(`2024-05-01T09:05:07.12${sign}${hh}:${mm}`);
    expect(dotnetLocal(new Date(2024, 4, 1))).toMatch(/^2024-05-01T00:00:00[+-]\d\d:\d\d$/);
  });
});
