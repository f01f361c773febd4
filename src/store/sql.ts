import { InputError, MarketmindError, OperationalError } from '../core/errors.js';
import type { ColumnSpec, ColumnType } from '../core/schema/index.js';
import type { Dialect, SqlInterval, SqlValue } from './store.js';

/**
 * SQL helpers shared by both storage engines: identifier quoting, the column type map, value
 * forms and the translation of engine errors into the error taxonomy (core/errors.ts).
 */

/**
 * Quotes one SQL identifier (table, column, schema) for both engines: `"name"`, with embedded
 * double quotes doubled. Example: quoteIdent('order "lines"') → '"order ""lines"""'.
 */
export function quoteIdent(name: string): string {
  if (name.length === 0) throw new InputError('invalid_identifier', 'SQL identifier must not be empty');
  if (name.includes('\u0000')) {
    throw new InputError(
      'invalid_identifier',
      `SQL identifier contains a NUL character: ${JSON.stringify(name)}`,
    );
  }
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a possibly schema-qualified name: 'temp.stage' → '"temp"."stage"'. */
export function quoteQualifiedName(name: string): string {
  return name.split('.').map(quoteIdent).join('.');
}

/** SQL type of a column type on each engine. */
export function sqlColumnType(type: ColumnType, dialect: Dialect): string {
  switch (type) {
    case 'text':
      return dialect === 'duckdb' ? 'VARCHAR' : 'TEXT';
    case 'integer':
      return 'BIGINT';
    case 'double':
      return dialect === 'duckdb' ? 'DOUBLE' : 'DOUBLE PRECISION';
    case 'boolean':
      return 'BOOLEAN';
    case 'timestamp':
      return 'TIMESTAMPTZ';
    case 'date':
      return 'DATE';
    case 'json':
      return dialect === 'duckdb' ? 'JSON' : 'JSONB';
  }
}

/** Value of the decimal digits value[from, to), or -1 when one is not a digit. */
function digitsAt(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const digit = value.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' string (proleptic Gregorian calendar); InputError when
 * it is not a real calendar date. Arithmetic, no Date objects: it runs once per value in bulk
 * loads. Formula: days_from_civil of H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (https://howardhinnant.github.io/date_algorithms.html). Example: isoDateToEpochDays('2024-02-29') → 19782.
 */
export function isoDateToEpochDays(value: string): number {
  if (value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45) {
    const year = digitsAt(value, 0, 4);
    const month = digitsAt(value, 5, 7);
    const day = digitsAt(value, 8, 10);
    if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
      const y = month <= 2 ? year - 1 : year;
      const era = Math.floor(y / 400);
      const yearOfEra = y - era * 400;
      const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
      const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
      return era * 146_097 + dayOfEra - 719_468;
    }
  }
  throw new InputError('invalid_date', `Expected a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

/**
 * 'YYYY-MM-DD' of a count of days since 1970-01-01 (years 0-9999), by civil_from_days of
 * H. Hinnant (reference above): it runs once per DATE value read. Example: 19782 → '2024-02-29'.
 */
export function epochDaysToIsoDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999)
    throw new InputError('invalid_date', `Date out of range (years 0-9999): ${days} days`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The store's form of an INTERVAL (store.ts) from the engines' parts: months, days and
 * microseconds. Milliseconds are microseconds / 1000 (one correctly rounded division), so both
 * engines produce the same double. Example: intervalOf(14, 3, 14_706_789_000n) →
 * { months: 14, days: 3, milliseconds: 14706789 }.
 */
export function intervalOf(months: number, days: number, micros: bigint): SqlInterval {
  return { months, days, milliseconds: Number(micros) / 1000 };
}

/** Throws InputError for an invalid Date (whose time is NaN). */
export function assertValidDate(value: Date, what = 'timestamp'): void {
  if (Number.isNaN(value.getTime()))
    throw new InputError('invalid_timestamp', `Invalid Date given as ${what}`);
}

/** True for plain objects and arrays (json values), false for Date and primitives. */
export function isJsonContainer(value: unknown): value is readonly unknown[] | Record<string, unknown> {
  return typeof value === 'object' && value !== null && !(value instanceof Date);
}

/**
 * Normalises one query parameter to what both drivers accept: objects/arrays → JSON text,
 * undefined → null, invalid Date → InputError; everything else unchanged.
 */
export function normaliseParam(value: SqlValue | undefined): Exclude<SqlValue, object> | Date {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) {
    assertValidDate(value, 'parameter');
    return value;
  }
  if (isJsonContainer(value)) return JSON.stringify(value);
  return value;
}

/** First line(s) of a SQL text for error messages: no parameter values, so no PII. */
export function sqlPreview(sql: string, max = 160): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Engine messages that mean "try again": serialisation conflicts, deadlocks, lock waits. */
const retryablePattern = /write-write conflict|transaction conflict|deadlock detected|could not serialize/i;

/**
 * Wraps an engine error of a statement as OperationalError('sql_error'), keeping the engine
 * message and the cause; our own errors (InputError from value conversion …) pass through.
 */
export function sqlError(error: unknown, sql: string, retryableCodes: readonly string[] = []): Error {
  if (error instanceof MarketmindError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const isRetryable =
    (typeof code === 'string' && retryableCodes.includes(code)) || retryablePattern.test(message);
  return new OperationalError('sql_error', message, {
    cause: error,
    hint: `while running: ${sqlPreview(sql)}`,
    isRetryable,
  });
}

export function assertBatchSize(batchSize: number): void {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InputError(
      'invalid_batch_size',
      `stream batchSize must be a positive integer, got ${batchSize}`,
    );
  }
}

export function assertRowWidths(
  columns: readonly ColumnSpec[],
  rows: readonly (readonly SqlValue[])[],
): void {
  for (let r = 0; r < rows.length; r++) {
    const width = rows[r]?.length;
    if (width !== columns.length) {
      throw new InputError(
        'invalid_row',
        `bulkInsert: row ${r} has ${width} values but ${columns.length} columns were given`,
      );
    }
  }
}
