import type { ColumnSpec, TableSpec } from '../core/schema/index.js';

/**
 * The storage interface every engine implements (DuckDB embedded, PostgreSQL server) and the
 * contract suite (`store.contract.ts`) checks. Write portable SQL: standard SQL plus what both
 * support (ON CONFLICT, DISTINCT ON, FILTER, date_trunc, percentile_cont … WITHIN GROUP), and
 * these rules, each proven on both engines by the contract:
 * - parameters are `$1, $2, …` (never `?`, never values spliced into the text);
 * - `/` on integers differs: `7 / 2` is 3.5 on DuckDB and 3 on PostgreSQL. Cast an operand
 *   first, `CAST(x AS DOUBLE PRECISION) / y` (3.5 on both); for PostgreSQL's truncating integer
 *   quotient write `CAST(trunc(CAST(x AS DOUBLE PRECISION) / y) AS BIGINT)` (DuckDB has no div());
 * - division by zero differs (DuckDB: Infinity, NaN or NULL; PostgreSQL: an error): wrap every
 *   denominator that can be 0 in NULLIF, `x / NULLIF(y, 0)`, which is NULL on both;
 * - TEMP tables exist only inside `transaction()`: PostgreSQL pools connections, so a TEMP table
 *   created by `store.execute` may be invisible to the next call;
 * - INTERVAL results come back as `SqlInterval` (below) on both engines.
 */

/**
 * An INTERVAL value as both engines store it: months, days and milliseconds (fractional, to
 * the microsecond), kept apart because a month or a day has no fixed length; plain numbers, so
 * rows stay JSON-serialisable. Example: INTERVAL '1 year 2 months 3 days 04:05:06.789' →
 * { months: 14, days: 3, milliseconds: 14706789 }. Out-of-range values (PostgreSQL 17's
 * ±infinity) come back as the engine's text.
 */
export interface SqlInterval {
  readonly months: number;
  readonly days: number;
  readonly milliseconds: number;
}

/**
 * In-memory value forms: timestamp → Date, date → 'YYYY-MM-DD', integers/doubles/decimals →
 * number, json → parsed value, interval → `SqlInterval`, time of day → 'HH:MM:SS[.ffffff]'.
 */
export type SqlValue =
  | string
  | number
  | boolean
  | Date
  | null
  | readonly unknown[]
  | { readonly [key: string]: unknown };
export type Row = Record<string, SqlValue>;

export type Dialect = 'duckdb' | 'postgres';

/** Operations available inside and outside a transaction. */
export interface Queryable {
  readonly dialect: Dialect;
  /** Runs a query and returns all rows as plain objects. */
  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement; returns the number of rows changed where the engine reports it. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Streams a large result in batches without holding it all in memory. */
  stream<T extends Row = Row>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize?: number,
  ): AsyncIterable<T[]>;
  /**
   * Appends rows to a table as fast as the engine allows (DuckDB appender, PostgreSQL
   * unnest/COPY). `columns` fixes the order and types; values must already have the column's
   * in-memory form. No conflict handling: load into a staging table, then `upsertFrom`.
   */
  bulkInsert(
    table: string,
    columns: readonly ColumnSpec[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void>;
}

export interface Transaction extends Queryable {}

export interface Store extends Queryable {
  /**
   * Runs `work` in one transaction: all of it is committed, or (on a throw, a crash or a kill)
   * none of it. Nested calls are not supported.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Applies pending migrations; idempotent. Returns the versions applied now. */
  migrate(): Promise<readonly number[]>;
  /** A human-readable location (file path or URL with the password masked). */
  readonly location: string;
  close(): Promise<void>;
}

export interface StoreFactoryOptions {
  readonly tableSpecs?: readonly TableSpec[];
}
