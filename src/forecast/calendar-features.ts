import { InputError } from '../core/errors.js';
import type { FeatureMatrix } from '../stats/regression-tree.js';
import { type HolidayCalendar, holidayKinds, holidaysBetween } from './calendar.js';
import { DAY_MS, FIRST_CALENDAR_YEAR, LAST_CALENDAR_YEAR, parseIsoDay } from './calendar-dates.js';

/**
 * Per-period calendar features for regression models of day, week or month series: seasonality
 * position plus, for each holiday kind of the chosen calendars (calendar.ts), whether the period holds
 * the holiday and where it sits in the holiday's effect window.
 *
 * Columns (in this order):
 * - day periods: day of week — one-hot `dow:mon` … `dow:sun` (default; trees split on one day at a
 *   time) or cyclic `dow:sin`, `dow:cos` = sin/cos(2π·k/7), k = 0 for Monday; then `month` (1–12),
 *   `week_of_year` (ISO 8601, 1–53), `day_of_month` (1–31);
 * - week periods: `month` and `week_of_year` of the week's first day;
 * - month periods: `month`, `days_in_month`;
 * - per holiday kind k: `holiday:k`, `before:k`, `after:k`. For a day: holiday:k = 1 on any day of the
 *   holiday, before:k = days until its first day when within window.before (1…before, else 0),
 *   after:k = days since its last day when within window.after (else 0); where windows of two
 *   occurrences overlap the nearer one counts. For a week or month (period = [start, next start), a week
 *   being 7 days, a month one calendar month): the number of the period's days that are holiday days,
 *   pre-window days and post-window days.
 *
 * Cost: O(periods · columns + span in days · kinds). Periods may be in any order; each is a UTC day
 * 'YYYY-MM-DD' in 1970–2100.
 *
 * Example: calendarFeatures(['2024-11-10', '2024-11-11'], { period: 'day', calendars: ['zh'] }) →
 *   columns [..., 'holiday:singles-day', 'before:singles-day', 'after:singles-day', ...];
 *   those values are 0, 1, 0 on Nov 10 and 1, 0, 0 on Nov 11.
 */

export type CalendarPeriod = 'day' | 'week' | 'month';

export interface CalendarFeatureOptions {
  readonly period: CalendarPeriod;
  /** Holiday calendars (default none). */
  readonly calendars?: readonly HolidayCalendar[];
  /** Day-of-week encoding for day periods (default 'one-hot'). */
  readonly dayOfWeek?: 'one-hot' | 'cyclic';
}

export interface CalendarFeatures {
  readonly columns: readonly string[];
  /** rows = periods, column-major as FeatureMatrix (value (i, j) = values[j · rows + i]). */
  readonly matrix: FeatureMatrix;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** ISO 8601 week number of a UTC day. */
export function isoWeekOfYear(ms: number): number {
  const mondayBased = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = new Date(ms + (3 - mondayBased) * DAY_MS);
  const ordinal = Math.round((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / DAY_MS);
  return Math.floor(ordinal / 7) + 1;
}

function periodEnd(ms: number, period: CalendarPeriod): number {
  if (period === 'day') return ms + DAY_MS;
  if (period === 'week') return ms + 7 * DAY_MS;
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Builds the calendar feature matrix of the given period starts. */
export function calendarFeatures(
  periodStarts: readonly string[],
  options: CalendarFeatureOptions,
): CalendarFeatures {
  const { period } = options;
  if (period !== 'day' && period !== 'week' && period !== 'month')
    throw new InputError(
      'invalid_argument',
      `calendarFeatures: period must be 'day', 'week' or 'month', got '${period}'`,
    );
  const encoding = options.dayOfWeek ?? 'one-hot';
  if (encoding !== 'one-hot' && encoding !== 'cyclic')
    throw new InputError(
      'invalid_argument',
      `calendarFeatures: dayOfWeek must be 'one-hot' or 'cyclic', got '${encoding}'`,
    );
  const calendars = options.calendars ?? [];
  const kinds = holidayKinds(calendars);
  const rows = periodStarts.length;
  const starts = periodStarts.map((text, i) => parseIsoDay(text, `periodStarts[${i}]`));

  const columns: string[] = [];
  if (period === 'day') {
    if (encoding === 'one-hot') for (const day of WEEKDAYS) columns.push(`dow:${day}`);
    else columns.push('dow:sin', 'dow:cos');
    columns.push('month', 'week_of_year', 'day_of_month');
  } else if (period === 'week') columns.push('month', 'week_of_year');
  else columns.push('month', 'days_in_month');
  const baseColumns = columns.length;
  for (const kind of kinds) columns.push(`holiday:${kind.key}`, `before:${kind.key}`, `after:${kind.key}`);

  const values = new Float64Array(rows * columns.length);
  const set = (row: number, column: number, value: number) => {
    values[column * rows + row] = value;
  };

  for (let i = 0; i < rows; i++) {
    const ms = starts[i] as number;
    const date = new Date(ms);
    const month = date.getUTCMonth() + 1;
    if (period === 'day') {
      const mondayBased = (date.getUTCDay() + 6) % 7;
      let c = 0;
      if (encoding === 'one-hot') {
        set(i, mondayBased, 1);
        c = 7;
      } else {
        set(i, 0, Math.sin((2 * Math.PI * mondayBased) / 7));
        set(i, 1, Math.cos((2 * Math.PI * mondayBased) / 7));
        c = 2;
      }
      set(i, c, month);
      set(i, c + 1, isoWeekOfYear(ms));
      set(i, c + 2, date.getUTCDate());
    } else if (period === 'week') {
      set(i, 0, month);
      set(i, 1, isoWeekOfYear(ms));
    } else {
      set(i, 0, month);
      set(i, 1, Math.round((periodEnd(ms, 'month') - ms) / DAY_MS));
    }
  }

  if (kinds.length === 0 || rows === 0) return { columns, matrix: { values, rows, columns: columns.length } };

  // Day-indexed marks over the span of all periods, padded by the widest window.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const ms of starts) {
    first = Math.min(first, ms);
    last = Math.max(last, periodEnd(ms, period) - DAY_MS);
  }
  const firstYear = new Date(first).getUTCFullYear();
  const lastYear = new Date(last).getUTCFullYear();
  if (firstYear < FIRST_CALENDAR_YEAR || lastYear > LAST_CALENDAR_YEAR)
    throw new InputError(
      'invalid_argument',
      `calendarFeatures: holiday calendars cover ${FIRST_CALENDAR_YEAR}–${LAST_CALENDAR_YEAR}, periods span ${firstYear}–${lastYear}`,
    );
  let pad = 0;
  for (const kind of kinds) pad = Math.max(pad, kind.window.before, kind.window.after);
  pad += 8; // multi-day holidays start up to a day before and last up to a week
  const lowest = Date.UTC(FIRST_CALENDAR_YEAR, 0, 1);
  const highest = Date.UTC(LAST_CALENDAR_YEAR, 11, 31);
  const lookupStart = Math.max(lowest, first - pad * DAY_MS);
  const lookupEnd = Math.min(highest, last + pad * DAY_MS);
  const spanDays = Math.round((last - first) / DAY_MS) + 1;
  const holidayMark = new Uint8Array(kinds.length * spanDays);
  const beforeMark = new Int16Array(kinds.length * spanDays);
  const afterMark = new Int16Array(kinds.length * spanDays);
  const kindIndex = new Map(kinds.map((kind, k) => [kind.key, k]));
  const toIso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  for (const holiday of holidaysBetween(toIso(lookupStart), toIso(lookupEnd), calendars)) {
    const k = kindIndex.get(holiday.key) as number;
    const base = k * spanDays;
    const holidayFirst = parseIsoDay(holiday.dates[0] as string);
    const holidayLast = parseIsoDay(holiday.dates[holiday.dates.length - 1] as string);
    for (let ms = holidayFirst; ms <= holidayLast; ms += DAY_MS) {
      const d = Math.round((ms - first) / DAY_MS);
      if (d >= 0 && d < spanDays) holidayMark[base + d] = 1;
    }
    for (let distance = 1; distance <= holiday.window.before; distance++) {
      const d = Math.round((holidayFirst - first) / DAY_MS) - distance;
      if (d < 0 || d >= spanDays) continue;
      const current = beforeMark[base + d] as number;
      if (current === 0 || distance < current) beforeMark[base + d] = distance;
    }
    for (let distance = 1; distance <= holiday.window.after; distance++) {
      const d = Math.round((holidayLast - first) / DAY_MS) + distance;
      if (d < 0 || d >= spanDays) continue;
      const current = afterMark[base + d] as number;
      if (current === 0 || distance < current) afterMark[base + d] = distance;
    }
  }

  for (let i = 0; i < rows; i++) {
    const ms = starts[i] as number;
    const startDay = Math.round((ms - first) / DAY_MS);
    const days = Math.round((periodEnd(ms, period) - ms) / DAY_MS);
    for (let k = 0; k < kinds.length; k++) {
      const base = k * spanDays;
      const column = baseColumns + 3 * k;
      if (period === 'day') {
        set(i, column, holidayMark[base + startDay] as number);
        // A holiday day itself is not "before" or "after" another occurrence.
        const onHoliday = holidayMark[base + startDay] === 1;
        set(i, column + 1, onHoliday ? 0 : (beforeMark[base + startDay] as number));
        set(i, column + 2, onHoliday ? 0 : (afterMark[base + startDay] as number));
      } else {
        let holidayDays = 0;
        let beforeDays = 0;
        let afterDays = 0;
        for (let d = startDay; d < startDay + days; d++) {
          if (holidayMark[base + d] === 1) holidayDays++;
          else {
            if ((beforeMark[base + d] as number) > 0) beforeDays++;
            if ((afterMark[base + d] as number) > 0) afterDays++;
          }
        }
        set(i, column, holidayDays);
        set(i, column + 1, beforeDays);
        set(i, column + 2, afterDays);
      }
    }
  }
  return { columns, matrix: { values, rows, columns: columns.length } };
}
