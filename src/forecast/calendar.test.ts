import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { holidayKinds, holidaysBetween, holidaysOfYear } from './calendar.js';

describe('Chinese lunar holidays (ICU Chinese calendar)', () => {
  it('places 元宵, 端午, 七夕 and 中秋 on their published days (2023 has a leap 2nd month)', () => {
    const dates = (year: number) =>
      Object.fromEntries(holidaysOfYear(year, ['zh']).map((holiday) => [holiday.key, holiday.date]));
    expect(dates(2023)).toMatchObject({
      'lantern-festival': '2023-02-05',
      'dragon-boat': '2023-06-22',
      qixi: '2023-08-22',
      'mid-autumn': '2023-09-29',
    });
    expect(dates(2024)).toMatchObject({
      'lantern-festival': '2024-02-24',
      'dragon-boat': '2024-06-10',
      qixi: '2024-08-10',
      'mid-autumn': '2024-09-17',
    });
    expect(dates(2025)).toMatchObject({ 'dragon-boat': '2025-05-31', 'mid-autumn': '2025-10-06' });
  });
});

describe('English-calendar holidays', () => {
  it('lists 2024 in date order with the weekday rules', () => {
    const holidays = holidaysBetween('2024-01-01', '2024-12-31', ['en']);
    expect(holidays.map((h) => `${h.key} ${h.date}`)).toEqual([
      'new-years-day 2024-01-01',
      'valentines-day 2024-02-14',
      'easter 2024-03-31',
      'mothers-day 2024-05-12',
      'memorial-day 2024-05-27',
      'independence-day 2024-07-04',
      'labor-day 2024-09-02',
      'halloween 2024-10-31',
      'thanksgiving 2024-11-28',
      'black-friday 2024-11-29',
      'cyber-monday 2024-12-02',
      'christmas-eve 2024-12-24',
      'christmas-day 2024-12-25',
      'boxing-day 2024-12-26',
    ]);
    const thanksgiving2025 = holidaysOfYear(2025, ['en']).find((h) => h.key === 'thanksgiving');
    expect(thanksgiving2025?.date).toBe('2025-11-27');
  });
});

describe('holidaysBetween', () => {
  it('returns multi-day holidays overlapping the range, with names and windows', () => {
    const holidays = holidaysBetween('2024-02-01', '2024-02-29', ['zh']);
    expect(holidays.map((h) => h.date)).toEqual(['2024-02-10', '2024-02-24']);
    const spring = holidays[0];
    expect(spring?.name).toEqual({ en: 'Spring Festival', zh: '春节' });
    expect(spring?.dates[0]).toBe('2024-02-09');
    expect(spring?.dates).toHaveLength(8);
    expect(spring?.window.before).toBeGreaterThan(0);
    const golden = holidaysBetween('2025-10-06', '2025-10-06', ['zh']);
    expect(golden.map((h) => h.key)).toEqual(['national-day', 'mid-autumn']);
    expect(golden[0]?.dates).toHaveLength(7);
  });

  it('has all zh shopping festivals and both calendars together', () => {
    const keys = holidaysBetween('2025-01-01', '2025-12-31', ['zh', 'en']).map((h) => h.key);
    for (const key of [
      'yuandan',
      'shopping-618',
      'singles-day',
      'double-12',
      'labour-day',
      'qingming',
      'christmas-day',
    ])
      expect(keys).toContain(key);
    expect(holidayKinds(['zh'])).toHaveLength(12);
    expect(holidayKinds(['en'])).toHaveLength(14);
    expect(holidaysBetween('2025-03-01', '2025-03-02', [])).toEqual([]);
  });

  it('rejects bad dates, reversed ranges, years outside 1970–2100 and unknown calendars', () => {
    expect(() => holidaysBetween('2024-02-30', '2024-03-01', ['zh'])).toThrow(InputError);
    expect(() => holidaysBetween('2024-03-01', '2024-02-01', ['zh'])).toThrow(/after/);
    expect(() => holidaysBetween('1969-12-01', '1970-02-01', ['zh'])).toThrow(/1970–2100/);
    expect(() => holidaysBetween('2100-12-01', '2101-01-01', ['en'])).toThrow(/1970–2100/);
    expect(() => holidaysBetween('2024-01-01', '2024-01-02', ['fr' as 'zh'])).toThrow(
      /unknown holiday calendar/,
    );
  });
});
