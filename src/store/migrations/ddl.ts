import { InputError } from '../../core/errors.js';
import type { ColumnSpec, TableSpec } from '../../core/schema/index.js';
import { quoteIdent, sqlColumnType } from '../sql.js';
import type { Dialect } from '../store.js';

/**
 * DDL generated from the table specs (core/schema), so the SQL schema of both engines cannot
 * drift from the data model. Primary keys as declared, NOT NULL for required columns, and no
 * foreign-key constraints: orphans are reported by the quality check, not refused.
 */

export interface DdlOptions {
  /** Only columns with `(addedIn ?? 1) <= version` (the schema as of that migration). Default: all columns. */
  readonly version?: number;
  /** `CREATE TEMP TABLE` instead of a regular table (staging tables). */
  readonly temporary?: boolean;
  /** Table name to use instead of the spec's name. */
  readonly name?: string;
}

/** The columns of `spec` that exist at migration `version` (all columns when undefined). */
export function columnsAtVersion(spec: TableSpec, version?: number): readonly ColumnSpec[] {
  if (version === undefined) return spec.columns;
  return spec.columns.filter((column) => (column.addedIn ?? 1) <= version);
}

/** One column definition, e.g. `"signup_at" TIMESTAMPTZ NOT NULL`. */
export function columnDefinition(column: ColumnSpec, dialect: Dialect, notNull = column.required): string {
  const type = sqlColumnType(column.type, dialect);
  return `${quoteIdent(column.name)} ${type}${notNull ? ' NOT NULL' : ''}`;
}

/**
 * `CREATE TABLE IF NOT EXISTS` statement(s) for one table spec.
 * Example: createTableStatements(findTable('identities')!, 'postgres', { version: 1 })[0] →
 * 'CREATE TABLE IF NOT EXISTS "identities" ("id" TEXT NOT NULL, "customer_id" TEXT NOT NULL, …, PRIMARY KEY ("id"))'.
 */
export function createTableStatements(
  spec: TableSpec,
  dialect: Dialect,
  options: DdlOptions = {},
): readonly string[] {
  const columns = columnsAtVersion(spec, options.version);
  const names = new Set(columns.map((column) => column.name));
  for (const key of spec.primaryKey) {
    if (!names.has(key)) {
      throw new InputError(
        'invalid_table_spec',
        `Table ${spec.name}: primary key column ${key} is not among its columns${options.version === undefined ? '' : ` at version ${options.version}`}`,
      );
    }
  }
  const definitions = columns.map((column) =>
    // Primary-key columns are NOT NULL on both engines even when the spec forgets `required`.
    columnDefinition(column, dialect, column.required === true || spec.primaryKey.includes(column.name)),
  );
  if (spec.primaryKey.length > 0) {
    definitions.push(`PRIMARY KEY (${spec.primaryKey.map(quoteIdent).join(', ')})`);
  }
  const kind = options.temporary ? 'CREATE TEMP TABLE' : 'CREATE TABLE';
  const name = quoteIdent(options.name ?? spec.name);
  return [`${kind} IF NOT EXISTS ${name} (${definitions.join(', ')})`];
}

/**
 * `ALTER TABLE … ADD COLUMN` statements for the columns a later migration `version` adds
 * (`addedIn === version`). Added columns are nullable: existing rows have no value for them.
 */
export function addColumnStatements(spec: TableSpec, dialect: Dialect, version: number): readonly string[] {
  return spec.columns
    .filter((column) => column.addedIn === version)
    .map(
      (column) =>
        `ALTER TABLE ${quoteIdent(spec.name)} ADD COLUMN IF NOT EXISTS ${columnDefinition(column, dialect, false)}`,
    );
}

export interface IndexSpec {
  readonly table: string;
  readonly columns: readonly string[];
}

/** `CREATE INDEX IF NOT EXISTS idx_<table>_<cols> ON <table> (<cols>)`. */
export function createIndexStatement(index: IndexSpec): string {
  const name = `idx_${index.table}_${index.columns.join('_')}`;
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${quoteIdent(index.table)} (${index.columns.map(quoteIdent).join(', ')})`;
}
