import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { type CalendarFeatures, calendarFeatures, isoWeekOfYear } from './calendar-features.js';

function value(features: CalendarFeatures, row: number, column: string): number {
  const j = features.columns.indexOf(column);
  if (j < 0) throw new Error(`no column ${column}`);
  return features.matrix.values[j * features.matrix.rows + row] as number;
}

describe('calendarFeatures', () => {
  it('day periods: one-hot weekday, month, ISO week, day of month and singles-day window', () => {
    const days = ['2024-10-27', '2024-10-28', '2024-11-10', '2024-11-11', '2024-11-12', '2024-11-13'];
    const features = calendarFeatures(days, { period: 'day', calendars: ['zh'] });
    expect(features.columns.slice(0, 10)).toEqual([
      'dow:mon',
      'dow:tue',
      'dow:wed',
      'dow:thu',
      'dow:fri',
      'dow:sat',
      'dow:sun',
      'month',
      'week_of_year',
      'day_of_month',
    ]);
    expect(features.columns).toHaveLength(10 + 3 * 12);
    expect(features.matrix.rows).toBe(6);
    expect(value(features, 2, 'dow:sun')).toBe(1); // 2024-11-10 is a Sunday
    expect(value(features, 3, 'dow:mon')).toBe(1);
    expect(value(features, 2, 'month')).toBe(11);
    expect(value(features, 2, 'week_of_year')).toBe(45);
    expect(value(features, 2, 'day_of_month')).toBe(10);
    const singles = (row: number) => [
      value(features, row, 'holiday:singles-day'),
      value(features, row, 'before:singles-day'),
      value(features, row, 'after:singles-day'),
    ];
    expect(singles(0)).toEqual([0, 0, 0]); // 15 days before: outside the 14-day window
    expect(singles(1)).toEqual([0, 14, 0]);
    expect(singles(2)).toEqual([0, 1, 0]);
    expect(singles(3)).toEqual([1, 0, 0]);
    expect(singles(4)).toEqual([0, 0, 1]);
    expect(singles(5)).toEqual([0, 0, 0]);
  });

  it('cyclic weekday encoding', () => {
    const features = calendarFeatures(['2024-11-11', '2024-11-14'], { period: 'day', dayOfWeek: 'cyclic' });
    expect(features.columns).toEqual(['dow:sin', 'dow:cos', 'month', 'week_of_year', 'day_of_month']);
    expect(value(features, 0, 'dow:sin')).toBeCloseTo(0, 15);
    expect(value(features, 0, 'dow:cos')).toBe(1);
    expect(value(features, 1, 'dow:sin')).toBeCloseTo(Math.sin((2 * Math.PI * 3) / 7), 15);
  });

  it('week periods count holiday, pre-window and post-window days', () => {
    const features = calendarFeatures(['2024-09-30', '2024-10-07'], { period: 'week', calendars: ['zh'] });
    expect(features.columns.slice(0, 2)).toEqual(['month', 'week_of_year']);
    // Sep 30 – Oct 6: Sep 30 is in the 5-day pre-window, Oct 1–6 are holiday days.
    expect(value(features, 0, 'holiday:national-day')).toBe(6);
    expect(value(features, 0, 'before:national-day')).toBe(1);
    // Oct 7 – 13: Oct 7 holiday, Oct 8 post-window.
    expect(value(features, 1, 'holiday:national-day')).toBe(1);
    expect(value(features, 1, 'after:national-day')).toBe(1);
    expect(value(features, 1, 'week_of_year')).toBe(41);
  });

  it('month periods: days in month and holiday-day counts across calendars', () => {
    const features = calendarFeatures(['2024-02-01', '2024-10-01', '2024-11-01'], {
      period: 'month',
      calendars: ['zh', 'en'],
    });
    expect(value(features, 0, 'days_in_month')).toBe(29);
    expect(value(features, 0, 'holiday:spring-festival')).toBe(8);
    expect(value(features, 0, 'holiday:valentines-day')).toBe(1);
    expect(value(features, 1, 'holiday:national-day')).toBe(7);
    expect(value(features, 1, 'after:national-day')).toBe(1);
    expect(value(features, 2, 'holiday:black-friday')).toBe(1);
    expect(value(features, 2, 'before:singles-day')).toBe(10); // Nov 1–10 of the 14-day ramp
  });

  it('ISO week numbers at year boundaries', () => {
    expect(isoWeekOfYear(Date.UTC(2021, 0, 3))).toBe(53);
    expect(isoWeekOfYear(Date.UTC(2024, 11, 30))).toBe(1);
    expect(isoWeekOfYear(Date.UTC(2024, 0, 1))).toBe(1);
    expect(isoWeekOfYear(Date.UTC(2026, 11, 31))).toBe(53);
  });

  it('handles no periods and rejects bad input', () => {
    const empty = calendarFeatures([], { period: 'day', calendars: ['en'] });
    expect(empty.matrix.rows).toBe(0);
    expect(() => calendarFeatures(['2024-13-01'], { period: 'day' })).toThrow(InputError);
    expect(() => calendarFeatures(['2024-01-01'], { period: 'year' as 'day' })).toThrow(/period/);
    expect(() => calendarFeatures(['1969-06-01'], { period: 'day', calendars: ['zh'] })).toThrow(/1970–2100/);
  });
});
