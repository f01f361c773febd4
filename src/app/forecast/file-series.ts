import { InputError } from '../../core/errors.js';
import { type DayOrder, parseDateTime } from '../../store/ingest/index.js';
import { cellText, type RowProblems } from '../files/row-file.js';
import type { SalesPeriod } from './sales-series-sql.js';

/**
 * The calendar side of forecasting a file (forecast-file.ts): reading a cell as a day number, inferring the
 * period from the spacing of the dates, stepping weeks and months, and preparing each series — sorted,
 * repeated periods and gaps reported, zero-filled when allowed.
 */

const dayMs = 86_400_000;

export interface RawSeries {
  readonly days: number[];
  readonly values: number[];
  readonly rows: number[];
}

export function wholeNumber(value: number, what: string, min: number, max: number): number {
  if (!(Number.isInteger(value) && value >= min && value <= max))
    throw new InputError(
      'invalid_argument',
      `${what} must be a whole number from ${min} to ${max}, got ${value}`,
    );
  return value;
}

export const yearMonth = /^(\d{4})[-/.](\d{1,2})$/;

/** Calendar day number (days since 1970-01-01) of the date as written; undefined when not a date. */
export function dayNumberOf(value: unknown, dayOrder: DayOrder): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isFinite(ms) ? Math.floor(ms / dayMs) : undefined;
  }
  const text = cellText(value);
  if (text === '') return undefined;
  const parts = parseDateTime(text, dayOrder);
  if (parts) return Date.UTC(parts.year, parts.month - 1, parts.day) / dayMs;
  const m = yearMonth.exec(text);
  if (!m) return undefined;
  const month = +(m[2] as string);
  return month >= 1 && month <= 12 ? Date.UTC(+(m[1] as string), month - 1, 1) / dayMs : undefined;
}

export const isoDay = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** The period from the median spacing of consecutive distinct dates, pooled over the series. */
export function inferPeriod(series: Iterable<RawSeries>, path: string): SalesPeriod {
  const gaps: number[] = [];
  for (const s of series) {
    const sorted = Float64Array.from(s.days).sort();
    for (let i = 1; i < sorted.length; i++) {
      const d = (sorted[i] as number) - (sorted[i - 1] as number);
      if (d > 0) gaps.push(d);
    }
  }
  if (gaps.length === 0)
    throw new InputError(
      'insufficient_data',
      `${path}: every series has a single date, so there is nothing to forecast from`,
    );
  const sorted = Float64Array.from(gaps).sort();
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as number;
  if (median === 1) return 'day';
  if (median >= 6 && median <= 8) return 'week';
  if (median >= 28 && median <= 31) return 'month';
  throw new InputError(
    'invalid_argument',
    `${path}: cannot tell the period from the dates — consecutive dates are typically ${median} days apart, and only daily (1), weekly (7) and monthly (28-31) series are supported`,
    { hint: 'Pass --period day|week|month (rows falling in the same period must then be aggregated first).' },
  );
}

/** Maps a series' days to period indices and back to 'YYYY-MM-DD' labels. */
export interface Calendar {
  index(day: number): number;
  label(index: number): string;
}

export function calendarOf(period: SalesPeriod, firstDay: number): Calendar {
  if (period === 'day') return { index: (day) => day, label: isoDay };
  if (period === 'week')
    return { index: (day) => Math.floor((day - firstDay) / 7), label: (i) => isoDay(firstDay + 7 * i) };
  const first = new Date(firstDay * dayMs);
  const dayOfMonth = first.getUTCDate();
  // month-end series (31 Jan, 28 Feb, …) keep month ends; others keep the first date's day, clamped
  const monthEnd = new Date((firstDay + 1) * dayMs).getUTCDate() === 1;
  return {
    index: (day) => {
      const d = new Date(day * dayMs);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    },
    label: (i) => {
      const year = Math.floor(i / 12);
      const month = i - year * 12;
      const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      return isoDay(Date.UTC(year, month, monthEnd ? last : Math.min(dayOfMonth, last)) / dayMs);
    },
  };
}

export interface PreparedSeries {
  readonly id: string;
  readonly values: number[];
  readonly calendar: Calendar;
  readonly firstIndex: number;
  readonly filledGaps: number;
  readonly firstGap: string | null;
}

export const periodWord: Readonly<Record<SalesPeriod, string>> = { day: 'day', week: 'week', month: 'month' };

/**
 * Sorts one series by period, reports repeated periods and gaps, and zero-fills when allowed. Returns
 * undefined after reporting a problem.
 */
export function prepare(
  id: string,
  raw: RawSeries,
  period: SalesPeriod,
  named: string,
  duplicates: RowProblems,
  gaps: RowProblems,
  fillGaps: boolean,
): PreparedSeries | undefined {
  let firstDay = Number.POSITIVE_INFINITY;
  for (const day of raw.days) if (day < firstDay) firstDay = day;
  const calendar = calendarOf(period, firstDay);
  const count = raw.days.length;
  const indices = new Float64Array(count);
  for (let i = 0; i < count; i++) indices[i] = calendar.index(raw.days[i] as number);
  const order = Array.from({ length: count }, (_, i) => i).sort(
    (a, b) =>
      (indices[a] as number) - (indices[b] as number) || (raw.rows[a] as number) - (raw.rows[b] as number),
  );
  let ok = true;
  for (let k = 1; k < count; k++) {
    const previous = order[k - 1] as number;
    const current = order[k] as number;
    if (indices[current] === indices[previous]) {
      const sameDay = raw.days[current] === raw.days[previous];
      duplicates.add(
        raw.rows[current] as number,
        sameDay
          ? `${named}date ${isoDay(raw.days[current] as number)} repeats row ${raw.rows[previous]}`
          : `${named}${isoDay(raw.days[current] as number)} falls in the same ${periodWord[period]} as ${isoDay(raw.days[previous] as number)} in row ${raw.rows[previous]}`,
      );
      ok = false;
    }
  }
  if (!ok) return undefined;
  const firstIndex = indices[order[0] as number] as number;
  const lastIndex = indices[order[count - 1] as number] as number;
  const length = lastIndex - firstIndex + 1;
  const filledGaps = length - count;
  let firstGap: string | null = null;
  if (filledGaps > 0) {
    for (let k = 1; k < count; k++) {
      const previous = order[k - 1] as number;
      const current = order[k] as number;
      if ((indices[current] as number) - (indices[previous] as number) > 1) {
        firstGap = calendar.label((indices[previous] as number) + 1);
        if (!fillGaps) {
          gaps.add(
            raw.rows[current] as number,
            `${named}no row for ${firstGap} (between ${isoDay(raw.days[previous] as number)} in row ${raw.rows[previous]} and ${isoDay(raw.days[current] as number)}; ${filledGaps} missing ${periodWord[period]}(s) in all)`,
          );
          return undefined;
        }
        break;
      }
    }
  }
  const values = new Array<number>(length).fill(0);
  for (let i = 0; i < count; i++) values[(indices[i] as number) - firstIndex] = raw.values[i] as number;
  return { id, values, calendar, firstIndex, filledGaps, firstGap };
}
