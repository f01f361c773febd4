import { InputError } from '../core/errors.js';
import { openDuckDbStore } from './duckdb/duckdb-store.js';
import { openPostgresStore } from './postgres/postgres-store.js';
import type { Store } from './store.js';

/** Which engine to open and where (the `path` for DuckDB, the `url` and optional `schema` for PostgreSQL). */
export interface OpenStoreOptions {
  readonly engine: 'duckdb' | 'postgres';
  /** DuckDB database file or ':memory:'. */
  readonly path?: string;
  /** PostgreSQL connection URL. */
  readonly url?: string;
  /** PostgreSQL schema (created when missing). */
  readonly schema?: string;
}

/**
 * Opens the configured store; the only place that picks a concrete adapter from options.
 * Example: `await openStore({ engine: 'duckdb', path: ':memory:' })`.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  switch (options.engine) {
    case 'duckdb':
      if (!options.path)
        throw new InputError('missing_store_path', 'The DuckDB store needs a path (a file or :memory:)');
      return openDuckDbStore({ path: options.path });
    case 'postgres':
      if (!options.url)
        throw new InputError('missing_store_url', 'The PostgreSQL store needs a connection URL');
      return openPostgresStore(
        options.schema ? { url: options.url, schema: options.schema } : { url: options.url },
      );
    default:
      throw new InputError(
        'unknown_engine',
        `Unknown store engine ${JSON.stringify((options as { engine: unknown }).engine)}: use duckdb or postgres`,
      );
  }
}
