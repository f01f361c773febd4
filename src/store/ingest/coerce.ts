import type { ColumnSpec } from '../../core/schema/index.js';
import type { SqlValue } from '../store.js';
import { type DateParts, type DayOrder, formatDate, fromEpoch, parseDateTime } from './coerce-date.js';
import { parseAmount } from './coerce-number.js';

/**
 * Type coercion for ingest: a source value (text from CSV, any JSON value from JSON Lines, a JS
 * value from Parquet) → the in-memory form of its column (see row-schema.ts). One coercer is
 * compiled per column, so the per-value work is a `typeof` test and the parser of that type.
 *
 * - Every value is trimmed; an empty (or whitespace-only) value, `undefined` and `null` are
 *   null; a null in a required column fails with `missing_required`.
 * - text: as given (numbers/booleans as their text); enum: case-insensitive, stored in the
 *   spec's spelling.
 * - integer / double: `parseAmount` (currency symbols, thousands separators, parentheses
 *   negatives, see coerce-number.ts); integer must be a safe integer.
 * - boolean: true/false, yes/no, y/n, t/f, 1/0, on/off, 是/否, 真/假, 对/错 (case-insensitive).
 * - timestamp → Date, date → 'YYYY-MM-DD' (the calendar date as written, ignoring any time):
 *   see coerce-date.ts; numbers are epoch seconds (< 1e11) or milliseconds.
 * - json: a JSON text is parsed; objects/arrays from JSON Lines are taken as they are.
 * Failures are returned (as `CoerceFailure`), never thrown.
 */

export class CoerceFailure {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

export type Coercer = (value: unknown) => SqlValue | CoerceFailure;

export interface CoerceOptions {
  /** Day-first or month-first for `01/02/2023`-style dates of this column (default month-first). */
  readonly dayOrder?: DayOrder;
}

const trueWords = ['true', 'yes', 'y', 't', '1', 'on', '是', '真', '对'];
const falseWords = ['false', 'no', 'n', 'f', '0', 'off', '否', '假', '错'];
const booleanWords = new Map<string, boolean>([
  ...trueWords.map((w) => [w, true] as const),
  ...falseWords.map((w) => [w, false] as const),
]);

export function compileCoercer(column: ColumnSpec, options: CoerceOptions = {}): Coercer {
  const convert = converter(column, options.dayOrder ?? 'mdy');
  const missing: SqlValue | CoerceFailure = column.required
    ? new CoerceFailure('missing_required', 'required value is missing')
    : null;
  return (value) => {
    if (typeof value === 'string') {
      const text = needsTrim(value) ? value.trim() : value;
      return text.length === 0 ? missing : convert(text);
    }
    if (value === null || value === undefined) return missing;
    return convert(value);
  };
}

/** Whether `text` starts or ends with whitespace (cheaper than always calling trim). */
function needsTrim(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 || first === 0x3000 || last === 0x3000;
}

function converter(column: ColumnSpec, dayOrder: DayOrder): (value: unknown) => SqlValue | CoerceFailure {
  switch (column.type) {
    case 'text':
      return column.enum ? enumConverter(column.enum) : textConverter;
    case 'integer':
      return (value) => {
        const n = toNumber(value);
        if (n instanceof CoerceFailure) return n;
        return Number.isSafeInteger(n) ? n : fail('not_an_integer', 'an integer', value);
      };
    case 'double':
      return toNumber;
    case 'boolean':
      return (value) => {
        if (typeof value === 'boolean') return value;
        if (typeof value === 'number' && (value === 0 || value === 1)) return value === 1;
        if (typeof value !== 'string') return fail('invalid_boolean', 'a boolean', value);
        const word = booleanWords.get(value.toLowerCase());
        return word ?? fail('invalid_boolean', 'true/false, yes/no, 1/0 or 是/否', value);
      };
    case 'timestamp':
      return (value) => {
        if (value instanceof Date)
          return Number.isNaN(value.getTime()) ? fail('invalid_timestamp', 'a time', value) : value;
        const parts = toDateParts(value, dayOrder);
        return parts ? new Date(parts.epochMs) : fail('invalid_timestamp', 'a date/time', value);
      };
    case 'date':
      return (value) => {
        if (value instanceof Date) {
          return Number.isNaN(value.getTime())
            ? fail('invalid_date', 'a date', value)
            : value.toISOString().slice(0, 10);
        }
        const parts = toDateParts(value, dayOrder);
        return parts ? formatDate(parts) : fail('invalid_date', 'a date', value);
      };
    case 'json':
      return (value) => {
        if (typeof value === 'string') {
          try {
            return JSON.parse(value) as SqlValue;
          } catch {
            return fail('invalid_json', 'JSON', value);
          }
        }
        if (typeof value === 'bigint') return Number(value);
        return value as SqlValue;
      };
  }
}

function textConverter(value: unknown): SqlValue | CoerceFailure {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (value instanceof Date) return value.toISOString();
  return fail('invalid_text', 'text', value);
}

function enumConverter(allowed: readonly string[]): (value: unknown) => SqlValue | CoerceFailure {
  const byLowerCase = new Map(allowed.map((v) => [v.toLowerCase(), v]));
  const expected = `one of ${allowed.join(', ')}`;
  return (value) => {
    if (typeof value !== 'string') return fail('invalid_enum', expected, value);
    const exact = byLowerCase.get(value) ?? byLowerCase.get(value.toLowerCase());
    return exact ?? fail('invalid_enum', expected, value);
  };
}

function toNumber(value: unknown): number | CoerceFailure {
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : fail('invalid_number', 'a finite number', value);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : fail('invalid_number', 'a number in the safe range', value);
  }
  if (typeof value !== 'string') return fail('invalid_number', 'a number', value);
  const n = parseAmount(value);
  return n === undefined ? fail('invalid_number', 'a number or amount', value) : n;
}

function toDateParts(value: unknown, dayOrder: DayOrder): DateParts | undefined {
  if (typeof value === 'string') return parseDateTime(value, dayOrder);
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value === 'bigint') return fromEpoch(Number(value));
  return undefined;
}

function fail(code: string, expected: string, value: unknown): CoerceFailure {
  return new CoerceFailure(code, `expected ${expected}, got ${describeValue(value)}`);
}

/** A short, quoted rendering of a bad value for reasons (first 60 characters). */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'bigint') text = `${value}`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
