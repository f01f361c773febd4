import {
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBIntervalValue,
  type DuckDBType,
  DuckDBTypeId,
  type DuckDBValue,
  type DuckDBValueConverter,
  dateValue,
  type JS,
  JSDuckDBValueConverter,
  JSToDuckDBValueConverter,
  timestampTZValue,
  timestampValue,
} from '@duckdb/node-api';
import { InputError } from '../../core/errors.js';
import type { ColumnSpec } from '../../core/schema/index.js';
import {
  assertValidDate,
  epochDaysToIsoDate,
  intervalOf,
  isoDateToEpochDays,
  normaliseParam,
} from '../sql.js';
import type { Row, SqlValue } from '../store.js';

/**
 * Value conversion between DuckDB and the store's in-memory forms (see store.ts):
 * BIGINT/HUGEINT → number, DECIMAL → number, DATE → 'YYYY-MM-DD', TIMESTAMP(TZ) → Date,
 * JSON (a VARCHAR aliased JSON) → parsed value, INTERVAL → SqlInterval, TIME → 'HH:MM:SS[.ffffff]';
 * and back for parameters and the appender.
 */

/** Days of 0000-01-01 and 9999-12-31: beyond them (or ±infinity) DuckDB's own text form is used. */
const minIsoDays = -719_528;
const maxIsoDays = 2_932_896;
const maxExactBigInt = BigInt(Number.MAX_SAFE_INTEGER);

/** Reads a DuckDB value into its in-memory form (recursing through LIST/STRUCT via JS conversion). */
export const readValue: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.BIGNUM:
      return Number(value as bigint);
    case DuckDBTypeId.DATE: {
      const days = (value as DuckDBDateValue).days;
      return days >= minIsoDays && days <= maxIsoDays ? epochDaysToIsoDate(days) : String(value);
    }
    case DuckDBTypeId.DECIMAL: {
      // value/10^scale is one correctly rounded division while the scaled value is exact in a double.
      const decimal = value as DuckDBDecimalValue;
      const scaled = decimal.value;
      return scaled <= maxExactBigInt && scaled >= -maxExactBigInt
        ? Number(scaled) / 10 ** decimal.scale
        : decimal.toDouble();
    }
    case DuckDBTypeId.VARCHAR:
      return type.alias === 'JSON' ? JSON.parse(value as string) : value;
    case DuckDBTypeId.INTERVAL: {
      // The driver's { months, days, micros: bigint } cannot be JSON-serialised.
      const interval = value as DuckDBIntervalValue;
      return intervalOf(interval.months, interval.days, interval.micros);
    }
    case DuckDBTypeId.TIME:
      // Microseconds as a bigint by default; 'HH:MM:SS[.ffffff]' is PostgreSQL's text form.
      return String(value);
    default:
      return JSDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<JS>);
  }
};

/** Converts rows of one data chunk (arrays of values) into row objects. */
export function rowsToObjects(rows: readonly (readonly unknown[])[], names: readonly string[]): Row[] {
  const out: Row[] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r] as readonly unknown[];
    const row: Record<string, unknown> = {};
    for (let c = 0; c < names.length; c++) row[names[c] as string] = values[c];
    out[r] = row as Row;
  }
  return out;
}

function microsOf(date: Date): bigint {
  return BigInt(date.getTime()) * 1000n;
}

/**
 * A query parameter as a DuckDB value: Date → TIMESTAMPTZ, objects/arrays → JSON text,
 * other primitives as they are ('YYYY-MM-DD' strings are cast by DuckDB where a DATE is expected).
 */
export function toDuckDbParam(value: SqlValue | undefined): DuckDBValue {
  const normalised = normaliseParam(value);
  return normalised instanceof Date ? timestampTZValue(microsOf(normalised)) : normalised;
}

function typeError(column: ColumnSpec, row: number, expected: string, value: unknown): InputError {
  return new InputError(
    'invalid_value',
    `bulkInsert: column ${column.name}, row ${row}: expected ${expected}, got ${typeof value === 'object' ? Object.prototype.toString.call(value) : typeof value}`,
    { issues: [{ code: 'invalid_value', path: [row, column.name], message: `expected ${expected}` }] },
  );
}

/** Converts the in-memory value of `column` (row index `row`, for messages) to a value of DuckDB type `type`. */
export type ColumnWriter = (value: SqlValue | undefined, row: number) => DuckDBValue;

/** A writer from the column's in-memory form to the target column's DuckDB type. */
export function columnWriter(column: ColumnSpec, type: DuckDBType): ColumnWriter {
  const typeId = type.typeId;
  if (column.type === 'json') {
    return (value) => (value === null || value === undefined ? null : JSON.stringify(value));
  }
  switch (typeId) {
    case DuckDBTypeId.VARCHAR:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (typeof value === 'string') return value;
        if (value instanceof Date) throw typeError(column, row, 'text', value);
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
      };
    case DuckDBTypeId.BIGINT:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (typeof value !== 'number' || !Number.isInteger(value))
          throw typeError(column, row, 'an integer', value);
        return BigInt(value);
      };
    case DuckDBTypeId.DOUBLE:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (typeof value !== 'number') throw typeError(column, row, 'a number', value);
        return value;
      };
    case DuckDBTypeId.BOOLEAN:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (typeof value !== 'boolean') throw typeError(column, row, 'a boolean', value);
        return value;
      };
    case DuckDBTypeId.TIMESTAMP_TZ:
    case DuckDBTypeId.TIMESTAMP:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (!(value instanceof Date)) throw typeError(column, row, 'a Date', value);
        assertValidDate(value, `column ${column.name}, row ${row}`);
        return typeId === DuckDBTypeId.TIMESTAMP
          ? timestampValue(microsOf(value))
          : timestampTZValue(microsOf(value));
      };
    case DuckDBTypeId.DATE:
      return (value, row) => {
        if (value === null || value === undefined) return null;
        if (typeof value !== 'string') throw typeError(column, row, "a 'YYYY-MM-DD' string", value);
        return dateValue(isoDateToEpochDays(value));
      };
    default:
      return (value) =>
        JSToDuckDBValueConverter(normaliseParam(value) as never, type, JSToDuckDBValueConverter);
  }
}
