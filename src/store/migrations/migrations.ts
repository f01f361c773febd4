import { InternalError } from '../../core/errors.js';
import { type TableSpec, tables } from '../../core/schema/index.js';
import type { Dialect } from '../store.js';
import {
  addColumnStatements,
  columnsAtVersion,
  createIndexStatement,
  createTableStatements,
  type IndexSpec,
} from './ddl.js';

/**
 * Versioned schema migrations, generated from the table specs (core/schema) and the list of
 * schema versions below. Migration N runs, in order:
 * 1. `CREATE TABLE` for the tables with `addedIn === N` (their columns as of version N);
 * 2. `ALTER TABLE … ADD COLUMN` for the columns with `addedIn === N` of tables created earlier;
 * 3. the version's secondary indexes (PostgreSQL only);
 * 4. the version's hand-written statements (data fixes, renames …).
 * A released version never changes: a new table or column names a new version (`addedIn`), and
 * that version gets an entry in `schemaVersions`. Databases at version N−1 and fresh databases
 * end with the same schema, because both run the same list.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements to run, in order, inside one transaction. */
  up(dialect: Dialect): readonly string[];
}

/** What a schema version adds besides the tables and columns that name it in `addedIn`. */
export interface SchemaVersion {
  readonly version: number;
  /** Recorded in schema_migrations. */
  readonly name: string;
  /** Secondary indexes created by this version (PostgreSQL only, see `initialIndexes`). */
  readonly indexes?: readonly IndexSpec[];
  /** Hand-written statements run after the generated ones. */
  readonly statements?: (dialect: Dialect) => readonly string[];
}

/**
 * Secondary indexes of version 1 (PostgreSQL only): the joins and time filters every analysis
 * uses. DuckDB gets none: it prunes scans with per-row-group min/max (zonemaps) and joins by
 * hashing, while ART indexes only serve point lookups and cost bulk loads ~35% (measured:
 * appender 750k → 480k rows/s, INSERT … SELECT of 500k rows 0.6 → 1.1 s with two indexes).
 */
export const initialIndexes: readonly IndexSpec[] = [
  { table: 'identities', columns: ['customer_id'] },
  { table: 'orders', columns: ['customer_id'] },
  { table: 'orders', columns: ['ordered_at'] },
  { table: 'order_lines', columns: ['order_id'] },
  { table: 'order_lines', columns: ['product_id'] },
  { table: 'events', columns: ['ts'] },
  { table: 'events', columns: ['customer_id'] },
  { table: 'touchpoints', columns: ['customer_id'] },
  { table: 'documents', columns: ['ts'] },
  { table: 'campaign_stats', columns: ['campaign_id'] },
  { table: 'messages', columns: ['conversation_id'] },
  { table: 'assignments', columns: ['experiment_id'] },
  { table: 'consents', columns: ['customer_id'] },
  { table: 'customer_scores', columns: ['customer_id'] },
  { table: 'doc_insights', columns: ['doc_id'] },
];

/** Every schema version, oldest first. Append; never edit a released entry. */
export const schemaVersions: readonly SchemaVersion[] = [
  { version: 1, name: 'initial schema', indexes: initialIndexes },
  {
    version: 2,
    name: 'llm calls and cache; generated content format, engine, source and review times',
    indexes: [
      { table: 'llm_calls', columns: ['ts'] },
      { table: 'generated_content', columns: ['status'] },
    ],
  },
];

const tableVersion = (spec: TableSpec): number => spec.addedIn ?? 1;

function fail(message: string): never {
  throw new InternalError('invalid_migrations', message);
}

/**
 * Every version a spec names exists; columns are listed oldest first (ADD COLUMN appends, so
 * fresh and upgraded databases then have the same column order) and none predates its table.
 */
function checkSpecs(specs: readonly TableSpec[], versions: ReadonlySet<number>): void {
  for (const spec of specs) {
    const created = tableVersion(spec);
    if (!versions.has(created))
      fail(`Table ${spec.name} has addedIn ${created}, but there is no schema version ${created}`);
    let previous = created;
    for (const column of spec.columns) {
      const added = column.addedIn ?? created;
      const name = `${spec.name}.${column.name}`;
      if (!versions.has(added))
        fail(`Column ${name} has addedIn ${added}, but there is no schema version ${added}`);
      if (added < created) fail(`Column ${name} (addedIn ${added}) is older than its table (${created})`);
      if (added < previous)
        fail(
          `Column ${name} (addedIn ${added}) follows a column of version ${previous}: list new columns last`,
        );
      previous = added;
    }
  }
}

function checkIndexes(entry: SchemaVersion, byName: ReadonlyMap<string, TableSpec>): void {
  for (const index of entry.indexes ?? []) {
    const spec = byName.get(index.table);
    if (!spec || tableVersion(spec) > entry.version)
      fail(`Index of version ${entry.version} on ${index.table}: no such table at that version`);
    const existing = new Set(columnsAtVersion(spec, entry.version).map((column) => column.name));
    for (const column of index.columns) {
      if (!existing.has(column))
        fail(`Index of version ${entry.version} on ${index.table}: no column ${column} at that version`);
    }
  }
}

/**
 * Builds the migrations of `versions` from the table specs (see the module comment); throws
 * InternalError when a spec names a version without an entry, versions are out of order, or an
 * index names a table or column that does not exist yet. Pure: the statements are generated
 * when a migration runs, for its dialect.
 * Example: buildMigrations(tables, schemaVersions)[0].up('duckdb') → one CREATE TABLE per table of version 1.
 */
export function buildMigrations(
  specs: readonly TableSpec[],
  versions: readonly SchemaVersion[],
): readonly Migration[] {
  for (let i = 1; i < versions.length; i++) {
    const previous = versions[i - 1] as SchemaVersion;
    const current = versions[i] as SchemaVersion;
    if (current.version <= previous.version)
      fail(`Schema versions must increase: ${previous.version} is followed by ${current.version}`);
  }
  checkSpecs(specs, new Set(versions.map((entry) => entry.version)));
  const byName = new Map(specs.map((spec) => [spec.name, spec]));
  return versions.map((entry) => {
    checkIndexes(entry, byName);
    const { version } = entry;
    return {
      version,
      name: entry.name,
      up: (dialect: Dialect) => [
        ...specs
          .filter((spec) => tableVersion(spec) === version)
          .flatMap((spec) => createTableStatements(spec, dialect, { version })),
        ...specs
          .filter((spec) => tableVersion(spec) < version)
          .flatMap((spec) => addColumnStatements(spec, dialect, version)),
        ...(dialect === 'postgres' ? (entry.indexes ?? []).map(createIndexStatement) : []),
        ...(entry.statements?.(dialect) ?? []),
      ],
    };
  });
}

/** The migrations of this code's data model. */
export const migrations: readonly Migration[] = buildMigrations(tables, schemaVersions);

/** The highest migration version (the schema version of this code). */
export const latestSchemaVersion: number = Math.max(...migrations.map((migration) => migration.version));
