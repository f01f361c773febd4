import { InputError } from '../core/errors.js';
import {
  checkYear,
  DAY_MS,
  easterSunday,
  FIRST_CALENDAR_YEAR,
  formatIsoDay,
  lunarDay,
  nthWeekday,
  parseIsoDay,
  qingmingDate,
} from './calendar-dates.js';

/**
 * Holiday calendars for demand forecasting, Chinese ('zh') and US/English ('en'), for any year 1970–2100.
 * Every holiday has a stable key, a bilingual name, its date(s) as UTC calendar days ('YYYY-MM-DD') and a
 * default effect window (days before / after in which demand typically moves: shopping festivals ramp up
 * for days or weeks before).
 *
 * Rules:
 * - Fixed Gregorian dates: 元旦 Jan 1, 劳动节 May 1, 618 Jun 18, 国庆 Oct 1–7, 双十一 Nov 11,
 *   双十二 Dec 12; New Year's Day, Valentine's Day, Independence Day, Halloween, Christmas Eve/Day,
 *   Boxing Day.
 * - Lunar dates (calendar-dates.ts, from the engine's ICU Chinese calendar): 春节 = lunar 1/1 (its dates
 *   run from New Year's Eve to the 6th day, the usual public holiday), 元宵 1/15, 端午 5/5, 七夕 7/7,
 *   中秋 8/15 — never in a leap month.
 * - 清明 (Qingming): the UTC+8 day on which the Sun's apparent longitude reaches 15° (calendar-dates.ts).
 * - Easter Sunday: the Anonymous Gregorian algorithm (calendar-dates.ts). Mother's Day: 2nd Sunday of
 *   May; Memorial Day: last Monday of May; Labor Day: 1st Monday of September; Thanksgiving: 4th
 *   Thursday of November; Black Friday +1 day; Cyber Monday +4 days.
 * Observed-day shifts (e.g. a holiday on a Sunday observed on Monday) and China's make-up working days
 * are not modelled: the dates are the holidays themselves.
 *
 * Cost: fixed and weekday rules O(1); a lunar year is ≤ ~150 ICU formatting calls once, then cached.
 *
 * Example: holidaysBetween('2024-02-01', '2024-02-29', ['zh']).map((h) => h.date)
 *   → ['2024-02-10', '2024-02-24'] (春节, 元宵)
 */

export type HolidayCalendar = 'zh' | 'en';

export interface HolidayWindow {
  /** Days before the first date in which the holiday moves demand. */
  readonly before: number;
  /** Days after the last date. */
  readonly after: number;
}

export interface Holiday {
  readonly key: string;
  readonly calendar: HolidayCalendar;
  readonly name: { readonly en: string; readonly zh: string };
  /** The holiday's own day, 'YYYY-MM-DD' (春节: lunar New Year's Day; 国庆: Oct 1). */
  readonly date: string;
  /** Every day of the holiday period ('YYYY-MM-DD', consecutive; 春节 starts on New Year's Eve). */
  readonly dates: readonly string[];
  readonly window: HolidayWindow;
}

// ---- Definitions -----------------------------------------------------------------------------------

interface HolidayRule {
  readonly key: string;
  readonly calendar: HolidayCalendar;
  readonly en: string;
  readonly zh: string;
  readonly before: number;
  readonly after: number;
  /** Number of consecutive days (default 1). */
  readonly length?: number;
  /** First day of the period relative to the main day (default 0). */
  readonly spanStart?: number;
  /** UTC ms of the main day in `year`. */
  readonly first: (year: number) => number;
}

const fixed = (month: number, day: number) => (year: number) => Date.UTC(year, month - 1, day);
const lunar = (month: number, day: number) => (year: number) => lunarDay(year, month, day);
const thanksgiving = (year: number) => Date.UTC(year, 10, nthWeekday(year, 10, 4, 4));

const RULES: readonly HolidayRule[] = [
  // zh
  {
    key: 'yuandan',
    calendar: 'zh',
    en: "New Year's Day",
    zh: '元旦',
    before: 2,
    after: 0,
    first: fixed(1, 1),
  },
  {
    key: 'spring-festival',
    calendar: 'zh',
    en: 'Spring Festival',
    zh: '春节',
    before: 21,
    after: 7,
    length: 8,
    spanStart: -1,
    first: (year) => lunarDay(year, 1, 1),
  },
  {
    key: 'lantern-festival',
    calendar: 'zh',
    en: 'Lantern Festival',
    zh: '元宵节',
    before: 1,
    after: 0,
    first: lunar(1, 15),
  },
  {
    key: 'qingming',
    calendar: 'zh',
    en: 'Qingming Festival',
    zh: '清明节',
    before: 2,
    after: 1,
    first: (year) => parseIsoDay(qingmingDate(year)),
  },
  {
    key: 'labour-day',
    calendar: 'zh',
    en: 'Labour Day',
    zh: '劳动节',
    before: 3,
    after: 4,
    first: fixed(5, 1),
  },
  {
    key: 'dragon-boat',
    calendar: 'zh',
    en: 'Dragon Boat Festival',
    zh: '端午节',
    before: 3,
    after: 1,
    first: lunar(5, 5),
  },
  {
    key: 'shopping-618',
    calendar: 'zh',
    en: '618 Shopping Festival',
    zh: '618',
    before: 17,
    after: 1,
    first: fixed(6, 18),
  },
  { key: 'qixi', calendar: 'zh', en: 'Qixi Festival', zh: '七夕', before: 5, after: 0, first: lunar(7, 7) },
  {
    key: 'mid-autumn',
    calendar: 'zh',
    en: 'Mid-Autumn Festival',
    zh: '中秋节',
    before: 10,
    after: 1,
    first: lunar(8, 15),
  },
  {
    key: 'national-day',
    calendar: 'zh',
    en: 'National Day Golden Week',
    zh: '国庆节',
    before: 5,
    after: 1,
    length: 7,
    first: fixed(10, 1),
  },
  {
    key: 'singles-day',
    calendar: 'zh',
    en: "Singles' Day (Double 11)",
    zh: '双十一',
    before: 14,
    after: 1,
    first: fixed(11, 11),
  },
  {
    key: 'double-12',
    calendar: 'zh',
    en: 'Double 12',
    zh: '双十二',
    before: 3,
    after: 0,
    first: fixed(12, 12),
  },
  // en
  {
    key: 'new-years-day',
    calendar: 'en',
    en: "New Year's Day",
    zh: '新年',
    before: 1,
    after: 0,
    first: fixed(1, 1),
  },
  {
    key: 'valentines-day',
    calendar: 'en',
    en: "Valentine's Day",
    zh: '情人节',
    before: 7,
    after: 0,
    first: fixed(2, 14),
  },
  {
    key: 'easter',
    calendar: 'en',
    en: 'Easter Sunday',
    zh: '复活节',
    before: 7,
    after: 1,
    first: (year) => parseIsoDay(easterSunday(year)),
  },
  {
    key: 'mothers-day',
    calendar: 'en',
    en: "Mother's Day",
    zh: '母亲节',
    before: 7,
    after: 0,
    first: (year) => Date.UTC(year, 4, nthWeekday(year, 4, 0, 2)),
  },
  {
    key: 'memorial-day',
    calendar: 'en',
    en: 'Memorial Day',
    zh: '阵亡将士纪念日',
    before: 3,
    after: 0,
    first: (year) => Date.UTC(year, 4, 31 - ((new Date(Date.UTC(year, 4, 31)).getUTCDay() + 6) % 7)),
  },
  {
    key: 'independence-day',
    calendar: 'en',
    en: 'Independence Day',
    zh: '美国独立日',
    before: 3,
    after: 0,
    first: fixed(7, 4),
  },
  {
    key: 'labor-day',
    calendar: 'en',
    en: 'Labor Day',
    zh: '美国劳工节',
    before: 3,
    after: 0,
    first: (year) => Date.UTC(year, 8, nthWeekday(year, 8, 1, 1)),
  },
  {
    key: 'halloween',
    calendar: 'en',
    en: 'Halloween',
    zh: '万圣节',
    before: 7,
    after: 0,
    first: fixed(10, 31),
  },
  {
    key: 'thanksgiving',
    calendar: 'en',
    en: 'Thanksgiving',
    zh: '感恩节',
    before: 3,
    after: 0,
    first: thanksgiving,
  },
  {
    key: 'black-friday',
    calendar: 'en',
    en: 'Black Friday',
    zh: '黑色星期五',
    before: 7,
    after: 2,
    first: (year) => thanksgiving(year) + DAY_MS,
  },
  {
    key: 'cyber-monday',
    calendar: 'en',
    en: 'Cyber Monday',
    zh: '网络星期一',
    before: 0,
    after: 1,
    first: (year) => thanksgiving(year) + 4 * DAY_MS,
  },
  {
    key: 'christmas-eve',
    calendar: 'en',
    en: 'Christmas Eve',
    zh: '平安夜',
    before: 14,
    after: 0,
    first: fixed(12, 24),
  },
  {
    key: 'christmas-day',
    calendar: 'en',
    en: 'Christmas Day',
    zh: '圣诞节',
    before: 0,
    after: 0,
    first: fixed(12, 25),
  },
  {
    key: 'boxing-day',
    calendar: 'en',
    en: 'Boxing Day',
    zh: '节礼日',
    before: 0,
    after: 2,
    first: fixed(12, 26),
  },
];

/** The holiday kinds of the given calendars, in definition order (for stable feature columns). */
export function holidayKinds(calendars: readonly HolidayCalendar[]): readonly {
  key: string;
  calendar: HolidayCalendar;
  name: { en: string; zh: string };
  window: HolidayWindow;
}[] {
  checkCalendars(calendars);
  return RULES.filter((rule) => calendars.includes(rule.calendar)).map((rule) => ({
    key: rule.key,
    calendar: rule.calendar,
    name: { en: rule.en, zh: rule.zh },
    window: { before: rule.before, after: rule.after },
  }));
}

function checkCalendars(calendars: readonly HolidayCalendar[]): void {
  for (const calendar of calendars) {
    if (calendar !== 'zh' && calendar !== 'en')
      throw new InputError(
        'invalid_argument',
        `unknown holiday calendar '${String(calendar)}' (use 'zh' or 'en')`,
        {
          hint: "calendars: ['zh'], ['en'] or ['zh', 'en']",
        },
      );
  }
}

/** Every holiday of the given calendars in one year (sorted by date, then definition order). */
export function holidaysOfYear(year: number, calendars: readonly HolidayCalendar[]): Holiday[] {
  checkYear(year);
  checkCalendars(calendars);
  const out: Holiday[] = [];
  for (const rule of RULES) {
    if (!calendars.includes(rule.calendar)) continue;
    const main = rule.first(year);
    const first = main + (rule.spanStart ?? 0) * DAY_MS;
    const dates: string[] = [];
    for (let k = 0; k < (rule.length ?? 1); k++) dates.push(formatIsoDay(first + k * DAY_MS));
    out.push({
      key: rule.key,
      calendar: rule.calendar,
      name: { en: rule.en, zh: rule.zh },
      date: formatIsoDay(main),
      dates,
      window: { before: rule.before, after: rule.after },
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Holidays of the given calendars with at least one date in [start, end] (inclusive, 'YYYY-MM-DD'),
 * sorted by date. Throws InputError for bad dates, start > end, or years outside 1970–2100.
 */
export function holidaysBetween(
  start: string,
  end: string,
  calendars: readonly HolidayCalendar[],
): Holiday[] {
  const startMs = parseIsoDay(start, 'start');
  const endMs = parseIsoDay(end, 'end');
  if (startMs > endMs) throw new InputError('invalid_argument', `start ${start} is after end ${end}`);
  const firstYear = new Date(startMs).getUTCFullYear();
  const lastYear = new Date(endMs).getUTCFullYear();
  checkYear(firstYear);
  checkYear(lastYear);
  const out: Holiday[] = [];
  // A multi-day holiday of the previous year (none spans New Year today) is covered by starting a year early.
  for (let year = Math.max(FIRST_CALENDAR_YEAR, firstYear - 1); year <= lastYear; year++) {
    for (const holiday of holidaysOfYear(year, calendars)) {
      const first = holiday.dates[0] as string;
      const last = holiday.dates[holiday.dates.length - 1] as string;
      if (last >= start && first <= end) out.push(holiday);
    }
  }
  return out;
}
