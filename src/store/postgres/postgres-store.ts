import pg from 'pg';
import { InputError, InternalError, OperationalError } from '../../core/errors.js';
import { redactUrl } from '../../core/logger.js';
import type { ColumnSpec } from '../../core/schema/index.js';
import { runMigrations } from '../migrations/migrator.js';
import { assertBatchSize, assertRowWidths, normaliseParam, quoteIdent, sqlError } from '../sql.js';
import type { Row, SqlValue, Store, Transaction } from '../store.js';
import { TransactionScope, TransactionState } from '../transaction-scope.js';
import { columnArrays, pgBulkBatchRows, unnestInsertSql } from './pg-bulk.js';
import { connectionCodes, connectionError, connectionFailure, isConnectionError } from './pg-errors.js';
import { storeTypes } from './pg-types.js';

/**
 * The team-server store on PostgreSQL through a `pg` pool. Every pooled connection starts
 * with `TimeZone=UTC`, `IntervalStyle=postgres` and, when a schema is given,
 * `search_path=<schema>` (startup options), so isolated schemas work in parallel. Streams use a
 * server-side cursor on a dedicated client.
 */

export interface PostgresStoreOptions {
  /** postgres://user:password@host:port/database */
  readonly url: string;
  /** Schema for all tables (created when missing); lower-case letters, digits and _. Default: the server's search_path. */
  readonly schema?: string;
  /** Pool size (default 10). */
  readonly maxConnections?: number;
}

const defaultBatchSize = 1000;
/** SQLSTATEs worth retrying: serialisation failure, deadlock, lock not available. */
const retryableStates = ['40001', '40P01', '55P03'];
const changingCommands = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);
const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

let cursorCounter = 0;

class PgOperations {
  constructor(
    private readonly location: string,
    private readonly client: pg.Pool | pg.PoolClient,
  ) {}

  translate(error: unknown, sql: string): Error {
    const failure = connectionFailure(error);
    if (failure) return connectionError(failure, this.location, error);
    return sqlError(error, sql, retryableStates);
  }

  async run(sql: string, params?: readonly SqlValue[]): Promise<pg.QueryResult> {
    try {
      const values = params && params.length > 0 ? params.map(normaliseParam) : undefined;
      return await this.client.query(sql, values);
    } catch (error) {
      throw this.translate(error, sql);
    }
  }

  async query(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return (await this.run(sql, params)).rows as Row[];
  }

  async execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    const result = await this.run(sql, params);
    // Like DuckDB's rowsChanged: rows written by DML only (PostgreSQL also counts SELECT / CREATE TABLE AS rows).
    return changingCommands.has(result.command) ? (result.rowCount ?? 0) : 0;
  }

  async bulkInsert(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly SqlValue[])[]) {
    assertRowWidths(columns, rows);
    if (rows.length === 0) return;
    const sql = unnestInsertSql(table, columns);
    for (let from = 0; from < rows.length; from += pgBulkBatchRows) {
      const to = Math.min(rows.length, from + pgBulkBatchRows);
      try {
        await this.client.query(sql, columnArrays(columns, rows, from, to));
      } catch (error) {
        throw this.translate(error, sql);
      }
    }
  }

  /** Yields the rows of `sql` in batches, from a cursor inside the open transaction of this client. */
  async *cursorBatches(sql: string, params: readonly SqlValue[] | undefined, batchSize: number) {
    cursorCounter += 1;
    const cursor = quoteIdent(`mm_cursor_${cursorCounter}`);
    // A trailing semicolon would end the DECLARE statement early.
    await this.run(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql.replace(/;\s*$/, '')}`, params);
    let open = true;
    try {
      while (open) {
        const rows = await this.query(`FETCH FORWARD ${batchSize} FROM ${cursor}`);
        if (rows.length < batchSize) open = false;
        if (rows.length > 0) yield rows;
      }
    } finally {
      await this.run(`CLOSE ${cursor}`).catch(() => undefined);
    }
  }
}

class PgTransaction implements Transaction {
  readonly dialect = 'postgres' as const;

  constructor(
    private readonly operations: PgOperations,
    readonly state: TransactionState,
  ) {}

  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.state.run(() => this.operations.query(sql, params)) as Promise<T[]>;
  }

  execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.state.run(() => this.operations.execute(sql, params));
  }

  bulkInsert(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly SqlValue[])[]) {
    return this.state.run(() => this.operations.bulkInsert(table, columns, rows));
  }

  stream<T extends Row = Row>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize = defaultBatchSize,
  ): AsyncIterable<T[]> {
    assertBatchSize(batchSize);
    const { operations, state } = this;
    return (async function* () {
      state.assertUsable();
      try {
        for await (const batch of operations.cursorBatches(sql, params, batchSize)) {
          state.assertUsable();
          yield batch as T[];
        }
      } catch (error) {
        state.fail(error);
        throw error;
      }
    })();
  }
}

class PostgresStore implements Store {
  readonly dialect = 'postgres' as const;
  private readonly scope = new TransactionScope();
  private readonly operations: PgOperations;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.operations = new PgOperations(location, pool);
  }

  private check(operation: string): void {
    this.scope.assertOutside(operation);
    if (this.closed)
      throw new InternalError('store_closed', `The PostgreSQL store ${this.location} is closed`);
  }

  async query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    this.check('query');
    return (await this.operations.query(sql, params)) as T[];
  }

  async execute(sql: string, params?: readonly SqlValue[]): Promise<number> {
    this.check('execute');
    return this.operations.execute(sql, params);
  }

  async bulkInsert(table: string, columns: readonly ColumnSpec[], rows: readonly (readonly SqlValue[])[]) {
    this.check('bulkInsert');
    // Its own transaction when it takes several statements: a failure half-way leaves nothing behind.
    await this.transaction((tx) => tx.bulkInsert(table, columns, rows));
  }

  stream<T extends Row = Row>(
    sql: string,
    params?: readonly SqlValue[],
    batchSize = defaultBatchSize,
  ): AsyncIterable<T[]> {
    this.check('stream');
    assertBatchSize(batchSize);
    const self = this;
    return (async function* () {
      const client = await self.connect();
      const operations = new PgOperations(self.location, client);
      let failure: unknown;
      try {
        await operations.run('BEGIN');
        for await (const batch of operations.cursorBatches(sql, params, batchSize)) yield batch as T[];
      } catch (error) {
        failure = error;
        throw error;
      } finally {
        const end = failure === undefined ? 'COMMIT' : 'ROLLBACK';
        const ended = await operations.run(end).then(
          () => true,
          () => false,
        );
        client.release(ended ? undefined : true);
      }
    })();
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw this.operations.translate(error, '(connect)');
    }
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.check('transaction');
    const client = await this.connect();
    const operations = new PgOperations(this.location, client);
    let broken = false;
    const rollback = async () => {
      broken = !(await operations.run('ROLLBACK').then(
        () => true,
        () => false,
      ));
    };
    try {
      await operations.run('BEGIN');
      const state = new TransactionState();
      let result: T;
      try {
        result = await this.scope.run(() => work(new PgTransaction(operations, state)));
      } catch (error) {
        state.end();
        await rollback();
        throw error;
      }
      state.end();
      if (state.failed) {
        await rollback();
        throw state.abortedError();
      }
      await operations.run('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionError((error as { cause?: unknown }).cause ?? error)) broken = true;
      throw error;
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken ? true : undefined);
    }
  }

  async migrate(): Promise<readonly number[]> {
    this.check('migrate');
    return runMigrations(this);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/** Adds `-c` settings to the libpq `options` of a URL (kept when it already has some). */
function withStartupOptions(
  url: string,
  settings: readonly string[],
): { connectionString: string; options: string } {
  const ours = settings.map((setting) => `-c ${setting}`).join(' ');
  try {
    const parsed = new URL(url);
    const existing = parsed.searchParams.get('options');
    parsed.searchParams.delete('options');
    return { connectionString: parsed.toString(), options: existing ? `${existing} ${ours}` : ours };
  } catch {
    return { connectionString: url, options: ours };
  }
}

/**
 * Connects to PostgreSQL (failing fast when the server is unreachable) and creates `schema`
 * when given and missing. Example:
 * `const store = await openPostgresStore({ url: 'postgres://mm@db:5432/marketmind' }); await store.migrate();`
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !schemaPattern.test(schema)) {
    throw new InputError(
      'invalid_schema',
      `PostgreSQL schema name must be lower-case letters, digits and _ (at most 63), got ${JSON.stringify(schema)}`,
    );
  }
  const location = schema ? `${redactUrl(options.url)} (schema ${schema})` : redactUrl(options.url);
  // IntervalStyle fixes the interval text that pg-types.ts parses.
  const settings = ['TimeZone=UTC', 'IntervalStyle=postgres', ...(schema ? [`search_path=${schema}`] : [])];
  const pool = new pg.Pool({
    ...withStartupOptions(options.url, settings),
    max: options.maxConnections ?? 10,
    types: storeTypes,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const store = new PostgresStore(pool, location);
  try {
    if (schema) await store.execute(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    else await store.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    if (error instanceof OperationalError && connectionCodes.has(error.code)) throw error;
    throw new OperationalError('store_unavailable', `Cannot prepare PostgreSQL at ${location}`, {
      cause: error,
      hint: schema ? `Check that the user may create schema ${schema}` : 'Check the connection URL',
    });
  }
  return store;
}
