// Day separators and timestamps: the calendar day in local time, "Today" / "Yesterday" / a date,
// and nothing (never "Invalid Date") for a time that does not parse.
import { describe, expect, it } from 'vitest';

import { dayKey, dayLabel, fullTime, shortTime } from '../../../web/src/day-labels';

const local = (y: number, m: number, d: number, h = 12, min = 0) =>
  new Date(y, m - 1, d, h, min).toISOString();

describe('day labels', () => {
  const now = new Date(2026, 11, 2, 9, 30);

  it('groups times by local calendar day', () => {
    expect(dayKey(local(2026, 12, 2, 0, 1))).toBe(dayKey(local(2026, 12, 2, 23, 59)));
    expect(dayKey(local(2026, 12, 1, 23, 59))).not.toBe(dayKey(local(2026, 12, 2, 0, 0)));
    expect(dayKey('not a time')).toBeUndefined();
  });

  it('says Today, Yesterday, or the date (with the year only when it is another year)', () => {
    expect(dayLabel(local(2026, 12, 2, 8), now, 'en-GB')).toBe('Today');
    expect(dayLabel(local(2026, 12, 1, 23), now, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(local(2026, 11, 28), now, 'en-GB')).toMatch(/^Saturday,? 28 November$/);
    expect(dayLabel(local(2025, 12, 31), now, 'en-GB')).toMatch(/^Wednesday,? 31 December 2025$/);
    expect(dayLabel(local(2027, 1, 1), new Date(2027, 0, 2), 'en-GB')).toBe('Yesterday');
  });

  it('gives a short time for the message and the full date and time for a hover', () => {
    expect(shortTime(local(2026, 12, 2, 9, 5), 'en-GB')).toBe('09:05');
    expect(fullTime(local(2026, 12, 2, 9, 5), 'en-GB')).toMatch(
      /Wednesday.*2 December 2026.*09:05:00/,
    );
    expect(shortTime('nope')).toBe('');
    expect(fullTime('nope')).toBe('');
    expect(dayLabel('nope', now)).toBe('');
  });
});
