/**
 * Column and table specifications: the single source of truth for the data model. The SQL DDL
 * of both engines (store/migrations), the zod row schemas (ingest, API bodies) and the ingest
 * coercion rules are all derived from these specs, so they cannot drift apart.
 */

export type ColumnType = 'text' | 'integer' | 'double' | 'boolean' | 'timestamp' | 'date' | 'json';

/** Value checks beyond the type; failures of `email`/`phone` are data-quality findings, not rejections. */
export type ColumnCheck =
  | 'email'
  | 'phone'
  | 'nonNegative'
  | 'positive'
  | 'probability'
  | 'lang'
  | 'currency';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  /** NOT NULL; ingest rejects a row whose value is missing. */
  readonly required?: boolean;
  /** Allowed values (text columns). */
  readonly enum?: readonly string[];
  readonly check?: ColumnCheck;
  /** Logical foreign key (not enforced by the engine; orphans are reported by the quality check). */
  readonly references?: { readonly table: string; readonly column: string };
  /** Holds personal data: redacted before any LLM call and in exports. */
  readonly pii?: boolean;
  /** Amount-like column: outliers are reported by the quality check. */
  readonly amount?: boolean;
  /**
   * Date/timestamp column whose values may lie in the future (planned dates: campaign end,
   * experiment end, forecast periods); the quality check flags future values of other columns.
   */
  readonly allowFuture?: boolean;
  /**
   * Migration version that added the column to its table (default: the table's `addedIn`).
   * Migration N adds the columns with `addedIn: N` to tables created earlier.
   */
  readonly addedIn?: number;
  readonly description: string;
}

export type TableKind = 'source' | 'derived' | 'system';

export interface TableSpec {
  readonly name: string;
  readonly kind: TableKind;
  readonly description: string;
  readonly primaryKey: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /** Append-only tables refuse upserts that would change an existing row. */
  readonly appendOnly?: boolean;
  /**
   * Migration version that creates the table (default 1, the initial schema). Migration 1 is
   * released: a new table must name a new version here, or databases already at version 1
   * would never get it (store/migrations builds migration N from the specs with `addedIn: N`).
   */
  readonly addedIn?: number;
}

export function col(
  name: string,
  type: ColumnType,
  description: string,
  extra: Omit<ColumnSpec, 'name' | 'type' | 'description'> = {},
): ColumnSpec {
  return { name, type, description, ...extra };
}

export const id = (description = 'Stable text id'): ColumnSpec =>
  col('id', 'text', description, { required: true });
export const ref = (name: string, table: string, description: string, required = true): ColumnSpec =>
  col(name, 'text', description, { required, references: { table, column: 'id' } });
