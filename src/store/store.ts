import type { ColumnSpec, TableSpec } from '../core/schema/index.js';

/**
 * The storage interface every engine implements (DuckDB embedded, PostgreSQL server) and the
 * contract suite (`store.contract.ts`) checks. SQL is parameterised with `$1, $2, …`, which both
 * engines accept; write portable SQL (standard SQL plus what both support: ON CONFLICT,
 * DISTINCT ON, FILTER, date_trunc, percentile_cont … WITHIN GROUP).
 */

/** In-memory value forms: timestamp → Date, date → 'YYYY-MM-DD', integers/doubles → number, json → parsed value. */
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
