import { InputError, InternalError } from '../core/errors.js';

/**
 * Calendar-date computations behind the holiday tables of calendar.ts: ISO day parsing/formatting, Chinese
 * lunar dates, the 清明 solar term, Easter and n-th-weekday rules, for any year 1970–2100 (UTC calendar days,
 * 'YYYY-MM-DD').
 *
 * Rules:
 * - Lunar dates from the Chinese calendar of the JavaScript engine's ICU
 *   (`Intl.DateTimeFormat('en-u-ca-chinese')`, which computes new moons and solar terms for UTC+8):
 *   lunar 1/1 is the Gregorian day between Jan 20 and Feb 21 whose Chinese date is month 1, day 1; other
 *   lunar month/day pairs are searched from there, never in a leap month.
 * - 清明 (Qingming): the day (UTC+8) on which the Sun's apparent ecliptic longitude reaches 15°, from
 *   Meeus' low-accuracy solar coordinates (Astronomical Algorithms, ch. 25; ~0.01° ≈ 15 minutes, so a
 *   term within ~15 minutes of Beijing midnight could land on the neighbouring day; none does in
 *   2000–2030, checked against the published dates).
 * - Easter Sunday: the Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
 *
 * Cost: Easter, 清明 and weekday rules O(1); a lunar year is ≤ ~150 ICU formatting calls once, then cached.
 *
 * Example: chineseNewYear(2024) → '2024-02-10'; qingmingDate(2024) → '2024-04-04';
 *   easterSunday(2024) → '2024-03-31'
 */

export const DAY_MS = 86_400_000;
export const FIRST_CALENDAR_YEAR = 1970;
export const LAST_CALENDAR_YEAR = 2100;

/** UTC milliseconds of a valid 'YYYY-MM-DD'; InputError otherwise. */
export function parseIsoDay(text: string, what = 'date'): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new InputError('invalid_date', `${what} must be 'YYYY-MM-DD', got '${text}'`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    throw new InputError('invalid_date', `${what} '${text}' is not a calendar date`);
  return ms;
}

/** 'YYYY-MM-DD' of UTC milliseconds. */
export function formatIsoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** InputError unless `year` is an integer in FIRST_CALENDAR_YEAR … LAST_CALENDAR_YEAR. */
export function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR)
    throw new InputError(
      'invalid_argument',
      `holiday calendars cover ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, got year ${year}`,
    );
}

// ---- Chinese lunar dates via ICU -------------------------------------------------------------------

let chineseFormatter: Intl.DateTimeFormat | undefined;
const lunarCache = new Map<string, number>();

/** Chinese-calendar month, day and leap flag of a UTC day. */
function chineseDate(ms: number): { month: number; day: number; leap: boolean } {
  chineseFormatter ??= new Intl.DateTimeFormat('en-u-ca-chinese', {
    timeZone: 'UTC',
    month: 'numeric',
    day: 'numeric',
  });
  let monthText = '';
  let dayText = '';
  for (const part of chineseFormatter.formatToParts(new Date(ms))) {
    if (part.type === 'month') monthText = part.value;
    else if (part.type === 'day') dayText = part.value;
  }
  const month = Number.parseInt(monthText, 10);
  const day = Number.parseInt(dayText, 10);
  if (!Number.isFinite(month) || !Number.isFinite(day))
    throw new InternalError(
      'unsupported_environment',
      'this JavaScript engine has no Chinese calendar in Intl (Node needs full ICU) — lunar holidays unavailable',
    );
  return { month, day, leap: !/^\d+$/.test(monthText) };
}

/** UTC ms of the Gregorian day in `year` whose Chinese date is lunar month/day (not a leap month). */
export function lunarDay(year: number, month: number, day: number): number {
  const cacheKey = `${year}-${month}-${day}`;
  const cached = lunarCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let found: number | undefined;
  if (month === 1 && day === 1) {
    for (let ms = Date.UTC(year, 0, 20); ms <= Date.UTC(year, 1, 21); ms += DAY_MS) {
      const c = chineseDate(ms);
      if (c.month === 1 && c.day === 1 && !c.leap) {
        found = ms;
        break;
      }
    }
  } else {
    const newYear = lunarDay(year, 1, 1);
    // Months are 29–30 days; a leap month before `month` pushes it up to ~30 days later.
    const guess = newYear + (Math.round((month - 1) * 29.53) + day - 1) * DAY_MS;
    for (let ms = guess - 3 * DAY_MS; ms <= guess + 34 * DAY_MS; ms += DAY_MS) {
      const c = chineseDate(ms);
      if (c.month === month && c.day === day && !c.leap) {
        found = ms;
        break;
      }
    }
  }
  if (found === undefined)
    throw new InternalError(
      'lunar_date_not_found',
      `no Gregorian day of ${year} has lunar date ${month}/${day}`,
    );
  lunarCache.set(cacheKey, found);
  return found;
}

/** Chinese New Year (春节, lunar 1/1) of a Gregorian year, 'YYYY-MM-DD'. */
export function chineseNewYear(year: number): string {
  checkYear(year);
  return formatIsoDay(lunarDay(year, 1, 1));
}

// ---- Solar term and Easter -------------------------------------------------------------------------

function apparentSolarLongitude(julianDay: number): number {
  const t = (julianDay - 2451545) / 36525;
  const rad = Math.PI / 180;
  const meanLongitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const meanAnomaly = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * rad;
  const center =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(meanAnomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) +
    0.000289 * Math.sin(3 * meanAnomaly);
  const omega = (125.04 - 1934.136 * t) * rad;
  const longitude = meanLongitude + center - 0.00569 - 0.00478 * Math.sin(omega);
  return ((longitude % 360) + 360) % 360;
}

/** 清明: the UTC+8 calendar day on which the Sun's apparent longitude reaches 15°, 'YYYY-MM-DD'. */
export function qingmingDate(year: number): string {
  checkYear(year);
  let julianDay = Date.UTC(year, 3, 4, 12) / DAY_MS + 2440587.5;
  for (let iteration = 0; iteration < 6; iteration++) {
    let gap = 15 - apparentSolarLongitude(julianDay);
    if (gap > 180) gap -= 360;
    if (gap < -180) gap += 360;
    julianDay += gap / 0.98564736;
  }
  const beijingMs = (julianDay - 2440587.5) * DAY_MS + 8 * 3_600_000;
  return formatIsoDay(Math.floor(beijingMs / DAY_MS) * DAY_MS);
}

/** Easter Sunday (Gregorian), Anonymous Gregorian algorithm; 'YYYY-MM-DD'. */
export function easterSunday(year: number): string {
  checkYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatIsoDay(Date.UTC(year, month - 1, day));
}

/** Day of month of the n-th given weekday (0 = Sunday) of a month (month 0-based). */
export function nthWeekday(year: number, month: number, weekday: number, nth: number): number {
  const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((weekday - first + 7) % 7) + 7 * (nth - 1);
}
