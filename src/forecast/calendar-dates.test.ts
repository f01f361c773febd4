import { describe, expect, it } from 'vitest';
import { chineseNewYear, easterSunday, qingmingDate } from './calendar-dates.js';

describe('chineseNewYear (ICU Chinese calendar)', () => {
  it('finds Chinese New Year on the published dates', () => {
    // Hong Kong Observatory Gregorian–Lunar conversion tables.
    expect(chineseNewYear(2023)).toBe('2023-01-22');
    expect(chineseNewYear(2024)).toBe('2024-02-10');
    expect(chineseNewYear(2025)).toBe('2025-01-29');
    expect(chineseNewYear(2026)).toBe('2026-02-17');
    expect(chineseNewYear(1970)).toBe('1970-02-06');
    expect(chineseNewYear(2000)).toBe('2000-02-05');
  });

  it('covers every year 1970–2100 with lunar New Year between Jan 21 and Feb 20', () => {
    for (let year = 1970; year <= 2100; year += 1) {
      const date = chineseNewYear(year);
      expect(date >= `${year}-01-21` && date <= `${year}-02-20`).toBe(true);
    }
  });
});

describe('清明 (solar term 15°)', () => {
  it('equals the published dates 2000–2030', () => {
    const april4 = [2000, 2004, 2008, 2009, 2012, 2013, 2016, 2017, 2020, 2021, 2024, 2025, 2028, 2029];
    for (let year = 2000; year <= 2030; year++)
      expect(qingmingDate(year)).toBe(`${year}-04-0${april4.includes(year) ? 4 : 5}`);
  });

  it('agrees with the 寿星 almanac formula ⌊Y·0.2422 + C⌋ − ⌊Y/4⌋ for every year 1970–2099', () => {
    for (let year = 1970; year <= 2099; year++) {
      const y = year % 100;
      const day = Math.floor(y * 0.2422 + (year < 2000 ? 5.59 : 4.81)) - Math.floor(y / 4);
      expect(qingmingDate(year)).toBe(`${year}-04-0${day}`);
    }
  });
});

describe('easterSunday', () => {
  it('computes Easter Sunday by the Anonymous Gregorian algorithm', () => {
    expect(easterSunday(1970)).toBe('1970-03-29');
    expect(easterSunday(2000)).toBe('2000-04-23');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
});
