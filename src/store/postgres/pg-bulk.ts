import { InputError } from '../../core/errors.js';
import type { ColumnSpec, ColumnType } from '../../core/schema/index.js';
import { assertValidDate, isoDateToEpochDays, quoteIdent, quoteQualifiedName } from '../sql.js';
import type { SqlValue } from '../store.js';

/**
 * Bulk inserts for PostgreSQL without COPY: one statement per batch,
 * `INSERT INTO t (c1, c2, …) SELECT * FROM unnest($1::text[], $2::timestamptz[], …)`,
 * with one array parameter per column (the statement text stays the same for every batch).
 */

/** Rows per statement: big enough to amortise the round trip, small enough for memory. */
export const pgBulkBatchRows = 5000;

const arrayType: Record<ColumnType, string> = {
  text: 'text[]',
  integer: 'bigint[]',
  double: 'double precision[]',
  boolean: 'boolean[]',
  timestamp: 'timestamptz[]',
  date: 'date[]',
  json: 'jsonb[]',
};

export function unnestInsertSql(table: string, columns: readonly ColumnSpec[]): string {
  const names = columns.map((column) => quoteIdent(column.name)).join(', ');
  const arrays = columns.map((column, i) => `$${i + 1}::${arrayType[column.type]}`).join(', ');
  return `INSERT INTO ${quoteQualifiedName(table)} (${names}) SELECT * FROM unnest(${arrays})`;
}

function invalid(column: ColumnSpec, row: number, expected: string): InputError {
  return new InputError(
    'invalid_value',
    `bulkInsert: column ${column.name}, row ${row}: expected ${expected}`,
    {
      issues: [{ code: 'invalid_value', path: [row, column.name], message: `expected ${expected}` }],
    },
  );
}

/** The array element for one value (text form where pg would otherwise guess). */
function element(
  column: ColumnSpec,
  value: SqlValue | undefined,
  row: number,
): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'json':
      return JSON.stringify(value);
    case 'text':
      if (value instanceof Date) throw invalid(column, row, 'text');
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(column, row, 'an integer');
      return value;
    case 'double':
      if (typeof value !== 'number') throw invalid(column, row, 'a number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(column, row, 'a boolean');
      return value;
    case 'timestamp':
      if (!(value instanceof Date)) throw invalid(column, row, 'a Date');
      assertValidDate(value, `column ${column.name}, row ${row}`);
      return value.toISOString();
    case 'date':
      if (typeof value !== 'string') throw invalid(column, row, "a 'YYYY-MM-DD' string");
      isoDateToEpochDays(value);
      return value;
  }
}

/** Column arrays (one per column) of rows [from, to). */
export function columnArrays(
  columns: readonly ColumnSpec[],
  rows: readonly (readonly SqlValue[])[],
  from: number,
  to: number,
): unknown[][] {
  const arrays = columns.map(() => new Array<unknown>(to - from));
  for (let r = from; r < to; r++) {
    const row = rows[r] as readonly SqlValue[];
    for (let c = 0; c < columns.length; c++) {
      (arrays[c] as unknown[])[r - from] = element(columns[c] as ColumnSpec, row[c], r);
    }
  }
  return arrays;
}
