import { InternalError } from '../../core/errors.js';
import type { Dialect, Queryable, Transaction } from '../store.js';
import { migrations as defaultMigrations, type Migration } from './migrations.js';

/**
 * Applies pending migrations, each in its own transaction together with its row in
 * `schema_migrations(version, name, applied_at)`, so a crash leaves either the whole
 * migration or none of it. Idempotent: running it again applies nothing. On PostgreSQL a
 * transaction-scoped advisory lock serialises concurrent migrators (two processes starting
 * at once); DuckDB allows one writing process per file, and the store serialises calls.
 */

/** What the migrator needs of a store (a subset of `Store`). */
export interface MigrationTarget extends Queryable {
  readonly dialect: Dialect;
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

const createMigrationsTable =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)';

/** Arbitrary constant naming the migration lock; scoped to the current schema by hashing it in. */
const lockStatement = "SELECT pg_advisory_xact_lock(hashtext('marketmind.migrate:' || current_schema()))";

async function lock(tx: Transaction): Promise<void> {
  if (tx.dialect === 'postgres') await tx.query(lockStatement);
}

function checkOrder(list: readonly Migration[]): void {
  for (let i = 1; i < list.length; i++) {
    const previous = list[i - 1];
    const current = list[i];
    if (previous && current && current.version <= previous.version) {
      throw new InternalError(
        'migration_order',
        `Migrations must have strictly increasing versions: ${previous.version} is followed by ${current.version}`,
      );
    }
  }
}

/** Versions recorded in schema_migrations (empty when the table does not exist yet). */
export async function appliedVersions(target: MigrationTarget): Promise<readonly number[]> {
  const rows = await target.query<{ version: number }>(
    'SELECT version FROM schema_migrations ORDER BY version',
  );
  return rows.map((row) => row.version);
}

/**
 * Applies the migrations not yet recorded; returns the versions applied by this call.
 * Example: on an empty store → [1]; on the same store again → [].
 */
export async function runMigrations(
  target: MigrationTarget,
  list: readonly Migration[] = defaultMigrations,
): Promise<readonly number[]> {
  checkOrder(list);
  await target.transaction(async (tx) => {
    await lock(tx);
    await tx.execute(createMigrationsTable);
  });
  const applied = new Set(await appliedVersions(target));
  const appliedNow: number[] = [];
  for (const migration of list) {
    if (applied.has(migration.version)) continue;
    const didApply = await target.transaction(async (tx) => {
      await lock(tx);
      // Re-check under the lock: another process may have applied it meanwhile.
      const done = await tx.query('SELECT 1 AS done FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (done.length > 0) return false;
      for (const statement of migration.up(tx.dialect)) await tx.execute(statement);
      await tx.execute('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date(),
      ]);
      return true;
    });
    if (didApply) appliedNow.push(migration.version);
  }
  return appliedNow;
}
