// NCRONTAB and TimeSpan schedules: what parses, what is refused, and when they fire next.
import { describe, expect, it } from 'vitest';

import { parseSchedule } from '../../../../packages/functions-host/src/timer/schedule';
import { parseTimeSpanMs } from '../../../../packages/functions-host/src/timer/timespan';

// Local-time dates: schedules run on the machine's clock, like DateTime.Now on the real host.
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(y, mo - 1, d, h, mi, s);

describe('NCRONTAB schedules', () => {
  it('reads the seconds field first', () => {
    const every5Minutes = parseSchedule('0 */5 * * * *');
    expect(every5Minutes?.next(at(2024, 5, 1, 10, 2, 30))).toEqual(at(2024, 5, 1, 10, 5, 0));
    expect(every5Minutes?.next(at(2024, 5, 1, 10, 5, 0))).toEqual(at(2024, 5, 1, 10, 10, 0));
    expect(every5Minutes).toMatchObject({ adjustForDST: true, monitorByDefault: true });
    expect(String(every5Minutes)).toBe("Cron: '0 */5 * * * *'");
  });

  it('accepts names, ranges, lists and steps', () => {
    const weekdays = parseSchedule('0 30 9 * Jan-Mar MON-FRI');
    expect(weekdays?.next(at(2024, 3, 29, 10))).toEqual(at(2025, 1, 1, 9, 30)); // Fri 29 Mar 2024 → 1 Jan 2025
    expect(parseSchedule('5/15 0,30 * * * *')?.next(at(2024, 1, 1, 0, 0, 6))).toEqual(
      at(2024, 1, 1, 0, 0, 20),
    );
  });

  it('requires both the day and the day of week to match', () => {
    const friday13th = parseSchedule('0 0 0 13 * 5');
    expect(friday13th?.next(at(2024, 1, 1))).toEqual(at(2024, 9, 13));
  });

  it('turns the schedule monitor off for schedules that fire more than once a minute', () => {
    expect(parseSchedule('*/10 * * * * *')?.monitorByDefault).toBe(false);
  });

  it.each([
    '0 */5 * * *', // five fields
    '0 0 0 * * 7', // NCrontab's day of week ends at 6
    '0 0 0 L * *',
    '0 0 0 ? * MON',
    '0 0 0 * * MON#2',
    '60 * * * * *',
    '0 0 0 * JAN SUNDAY',
    '0 JAN * * * *',
  ])('refuses %s', (expression) => {
    expect(parseSchedule(expression)).toBeUndefined();
  });
});

describe('TimeSpan schedules', () => {
  it('fire at a constant interval without DST adjustment', () => {
    const schedule = parseSchedule('00:00:05');
    expect(schedule?.next(at(2024, 1, 1))).toEqual(at(2024, 1, 1, 0, 0, 5));
    expect(schedule).toMatchObject({ adjustForDST: false, monitorByDefault: false });
    expect(parseSchedule('01:00')?.monitorByDefault).toBe(true);
  });

  it.each([
    ['00:00:05', 5000],
    ['01:30', 5_400_000],
    ['2', 172_800_000],
    ['1.02:03:04', 93_784_000],
    ['1:02:03:04', 93_784_000],
    ['00:00:01.5', 1500],
    ['-00:00:01', -1000],
  ])('parses %s', (text, ms) => {
    expect(parseTimeSpanMs(text)).toBe(ms);
  });

  it.each(['24:00:00', '00:60:00', 'five', '00:00:00:00:00', '1.5', '1:02:'])(
    'refuses %s',
    (text) => {
      expect(parseTimeSpanMs(text)).toBeUndefined();
    },
  );

  it('refuses zero and negative intervals as schedules', () => {
    expect(parseSchedule('00:00:00')).toBeUndefined();
    expect(parseSchedule('-00:00:05')).toBeUndefined();
  });
});
