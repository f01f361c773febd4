import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { InternalError, OperationalError } from '../../core/errors.js';
import type { ColumnSpec } from '../../core/schema/index.js';
import { runMigrations } from '../migrations/migrator.js';
import { assertBatchSize, sqlError } from '../sql.js';
import type { Row, SqlValue, Store, Transaction } from '../store.js';
import { TransactionScope, TransactionState } from '../transaction-scope.js';
import { AsyncMutex } from './async-mutex.js';
import {
  appendRows,
  batchesOf,
  type DuckDbRowReader,
  executeStatement,
  openStreamReader,
  queryRows,
} from './duckdb-connection.js';

/**
 * The embedded store: one DuckDB database file (or ':memory:') in this process.
 *
 * All statements run on one connection, serialised by an async mutex; a transaction holds the
 * mutex from BEGIN to COMMIT/ROLLBACK, so nothing interleaves with it. `store.stream()` reads on
 * a connection of its own (a consistent snapshot of committed data), so the caller may write
 * through the store while iterating; `tx.stream()` reads on the transaction's connection and,
 * when another statement of the transaction runs mid-stream, buffers the rest of the result.
 * TEMP tables live on one connection: use them inside a transaction. Sessions run in UTC.
 */

export interface DuckDbStoreOptions {
  /** Database file or ':memory:'; missing parent directories are created with mode 0700. */
  readonly path: string;
}

const defaultBatchSize = 1000;
/** rwx for the owner only (before the umask, which can only remove bits). */
const privateDirectoryMode = 0o700;
/** Never download extensions at run time (offline installs); icu/json/parquet are built in. */
const instanceConfig = { autoinstall_known_extensions: 'false' };

async function prepareSession(connection: DuckDBConnection): Promise<void> {
  await executeStatement(connection, "SET TimeZone = 'UTC'");
}

class DuckDbTransaction implements Transaction {
  readonly dialect = 'duckdb' as const;
  private activeReader: DuckDbRowReader | undefined;

  constructor(
    private readonly connection: DuckDBConnection,
    readonly state: TransactionState,
  ) {}

  /** Runs one statement after freeing the connection from an unfinished stream. */
  private async statement<T>(operation: () => Promise<T>): Promise<T> {
    this.state.assertUsable();
    const reader = this.activeReader;
    this.activeReader = undefined;
    if (reader) await this.state.run(() => reader.drain());
    return this.state.run(operation);
  }

  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.statement(() => queryRows(this.connection, sql, params)) as Promise<T[]>;
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.statement(() => executeStatement(this.connection, sql, params));
  }

  bulkInsert(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly SqlValue[])[]) {
    return this.statement(() => appendRows(this.connection, table, columns, rows));
  }

  stream<T extends Row = Row>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize = defaultBatchSize,
  ): AsyncIterable<T[]> {
    assertBatchSize(batchSize);
    const self = this;
    return (async function* () {
      const reader = await self.statement(() => openStreamReader(self.connection, sql, params));
      self.activeReader = reader;
      try {
        for await (const batch of batchesOf(reader, batchSize)) {
          self.state.assertUsable();
          yield batch as T[];
        }
      } catch (error) {
        self.state.fail(error);
        throw error;
      } finally {
        if (self.activeReader === reader) self.activeReader = undefined;
      }
    })();
  }
}

class DuckDbStore implements Store {
  readonly dialect = 'duckdb' as const;
  private readonly mutex = new AsyncMutex();
  private readonly scope = new TransactionScope();
  private readonly streamConnections = new Set<DuckDBConnection>();
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly location: string,
  ) {}

  private exclusive<T>(operation: string, work: () => Promise<T>): Promise<T> {
    this.scope.assertOutside(operation);
    return this.mutex.runExclusive(() => {
      this.assertOpen();
      return work();
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new InternalError('store_closed', `The DuckDB store ${this.location} is closed`);
  }

  async query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return (await this.exclusive('query', () => queryRows(this.connection, sql, params))) as T[];
  }

  async execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exclusive('execute', () => executeStatement(this.connection, sql, params));
  }

  async bulkInsert(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly SqlValue[])[]) {
    this.scope.assertOutside('bulkInsert');
    // Its own transaction: a failure half-way leaves nothing behind.
    await this.transaction((tx) => tx.bulkInsert(table, columns, rows));
  }

  stream<T extends Row = Row>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize = defaultBatchSize,
  ): AsyncIterable<T[]> {
    this.scope.assertOutside('stream');
    assertBatchSize(batchSize);
    const self = this;
    return (async function* () {
      self.assertOpen();
      const connection = await self.instance.connect();
      self.streamConnections.add(connection);
      try {
        await prepareSession(connection);
        const reader = await openStreamReader(connection, sql, params);
        for await (const batch of batchesOf(reader, batchSize)) yield batch as T[];
      } finally {
        if (self.streamConnections.delete(connection)) connection.closeSync();
      }
    })();
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return this.exclusive('transaction', async () => {
      await executeStatement(this.connection, 'BEGIN TRANSACTION');
      const state = new TransactionState();
      const tx = new DuckDbTransaction(this.connection, state);
      let result: T;
      try {
        result = await this.scope.run(() => work(tx));
      } catch (error) {
        state.end();
        await this.rollbackQuietly();
        throw error;
      }
      state.end();
      if (state.failed) {
        await this.rollbackQuietly();
        throw state.abortedError();
      }
      try {
        await executeStatement(this.connection, 'COMMIT');
      } catch (error) {
        await this.rollbackQuietly();
        throw error;
      }
      return result;
    });
  }

  private async rollbackQuietly(): Promise<void> {
    // ROLLBACK fails only when no transaction is open (DuckDB ended it itself); nothing to undo then.
    await executeStatement(this.connection, 'ROLLBACK').catch(() => undefined);
  }

  async migrate(): Promise<readonly number[]> {
    this.scope.assertOutside('migrate');
    return runMigrations(this);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.mutex.runExclusive(async () => {
      this.closed = true;
      for (const connection of this.streamConnections) connection.closeSync();
      this.streamConnections.clear();
      this.connection.closeSync();
      // Closing the instance releases the file lock for other processes.
      this.instance.closeSync();
    });
  }
}

function isLockError(message: string): boolean {
  return /lock|in use|being used/i.test(message);
}

/**
 * Opens (creating when missing) a DuckDB database. Example:
 * `const store = await openDuckDbStore({ path: 'data/marketmind.duckdb' }); await store.migrate();`
 */
export async function openDuckDbStore(options: DuckDbStoreOptions): Promise<Store> {
  const path = options.path === ':memory:' ? ':memory:' : resolve(options.path);
  let instance: DuckDBInstance;
  try {
    // Owner-only: the database holds personal data. Existing directories keep their mode.
    if (path !== ':memory:') await mkdir(dirname(path), { recursive: true, mode: privateDirectoryMode });
    instance = await DuckDBInstance.create(path, instanceConfig);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const locked = isLockError(message);
    throw new OperationalError('store_unavailable', `Cannot open the DuckDB database ${path}: ${message}`, {
      cause: error,
      isRetryable: locked,
      hint: locked
        ? 'Another process has this database file open (DuckDB allows one process at a time); stop it or use another --db path'
        : 'Check that the directory exists and is writable, and that the file is a DuckDB database',
    });
  }
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    await prepareSession(connection);
  } catch (error) {
    connection?.closeSync();
    instance.closeSync();
    throw new OperationalError('store_unavailable', `Cannot start a DuckDB session on ${path}`, {
      cause: sqlError(error, "SET TimeZone = 'UTC'"),
      hint: 'The bundled DuckDB build must include the icu extension (@duckdb/node-api does)',
    });
  }
  return new DuckDbStore(instance, connection, path);
}
