import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBResult,
  DuckDBTypeId,
  type DuckDBValue,
} from '@duckdb/node-api';
import type { ColumnSpec } from '../../core/schema/index.js';
import { columnDefinition } from '../migrations/ddl.js';
import { assertRowWidths, quoteIdent, quoteQualifiedName, sqlError } from '../sql.js';
import type { Row, SqlValue } from '../store.js';
import { columnWriter, readValue, rowsToObjects, toDuckDbParam } from './duckdb-values.js';

/**
 * Statements on one DuckDB connection, without any locking (the store serialises calls):
 * query, execute, streaming reads and appender-based bulk inserts.
 */

/** DuckDB's vector size: the appender and result chunks work in blocks of this many rows. */
const chunkRows = 2048;

function bind(params: readonly SqlValue[] | undefined): DuckDBValue[] | undefined {
  // Without parameters DuckDB runs the text as a script (several statements allowed).
  return params && params.length > 0 ? params.map(toDuckDbParam) : undefined;
}

async function run(connection: DuckDBConnection, sql: string, params?: readonly SqlValue[]) {
  try {
    return await connection.run(sql, bind(params));
  } catch (error) {
    throw sqlError(error, sql);
  }
}

/** Reads the chunks of a (materialised or streaming) result, converting values on the way. */
export class DuckDbRowReader {
  private readonly names: readonly string[];
  /** JSON columns: the alias is on the result's column types, not on the chunk vectors'. */
  private readonly jsonColumns: readonly number[];
  private readonly buffered: Row[][] = [];
  private done = false;

  constructor(
    private readonly result: DuckDBResult,
    private readonly sql: string,
  ) {
    this.names = result.deduplicatedColumnNames();
    this.jsonColumns = result
      .columnTypes()
      .flatMap((type, index) =>
        type.typeId === DuckDBTypeId.VARCHAR && type.alias === 'JSON' ? [index] : [],
      );
  }

  async nextChunk(): Promise<Row[] | null> {
    const buffered = this.buffered.shift();
    if (buffered) return buffered;
    if (this.done) return null;
    let chunk: DuckDBDataChunk | null;
    try {
      chunk = await this.result.fetchChunk();
    } catch (error) {
      this.done = true;
      throw sqlError(error, this.sql);
    }
    if (!chunk || chunk.rowCount === 0) {
      this.done = true;
      return null;
    }
    const rows = chunk.convertRows(readValue);
    for (const index of this.jsonColumns) {
      for (const row of rows) {
        const text = row[index];
        if (typeof text === 'string') row[index] = JSON.parse(text);
      }
    }
    return rowsToObjects(rows, this.names);
  }

  /** Reads the rest of the result into memory, so the connection is free for other statements. */
  async drain(): Promise<void> {
    const pending: Row[][] = [];
    for (let chunk = await this.nextChunk(); chunk; chunk = await this.nextChunk()) pending.push(chunk);
    this.buffered.push(...pending);
  }

  async readAll(): Promise<Row[]> {
    const rows: Row[] = [];
    for (let chunk = await this.nextChunk(); chunk; chunk = await this.nextChunk()) {
      for (const row of chunk) rows.push(row);
    }
    return rows;
  }
}

export async function queryRows(connection: DuckDBConnection, sql: string, params?: readonly SqlValue[]) {
  return new DuckDbRowReader(await run(connection, sql, params), sql).readAll();
}

export async function executeStatement(
  connection: DuckDBConnection,
  sql: string,
  params?: readonly SqlValue[],
): Promise<number> {
  return (await run(connection, sql, params)).rowsChanged;
}

export async function openStreamReader(
  connection: DuckDBConnection,
  sql: string,
  params?: readonly SqlValue[],
): Promise<DuckDbRowReader> {
  try {
    return new DuckDbRowReader(await connection.stream(sql, bind(params)), sql);
  } catch (error) {
    throw sqlError(error, sql);
  }
}

/** Yields the rows of `reader` in batches of exactly `batchSize` (the last may be smaller). */
export async function* batchesOf(reader: DuckDbRowReader, batchSize: number): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  for (let chunk = await reader.nextChunk(); chunk; chunk = await reader.nextChunk()) {
    for (const row of chunk) {
      batch.push(row);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}

function quietly(cleanup: () => void): void {
  try {
    cleanup();
  } catch {
    // Already failing: keep the original error.
  }
}

async function appendInto(
  connection: DuckDBConnection,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const parts = table.split('.');
  const name = parts.at(-1) as string;
  const appender = await connection.createAppender(name, parts.length > 1 ? parts.at(-2) : null);
  let appended = false;
  try {
    const types = columns.map((_, index) => appender.columnType(index));
    const writers = columns.map((column, index) => columnWriter(column, appender.columnType(index)));
    for (let offset = 0; offset < rows.length; offset += chunkRows) {
      const count = Math.min(chunkRows, rows.length - offset);
      const values: DuckDBValue[][] = writers.map(() => new Array<DuckDBValue>(count));
      for (let r = 0; r < count; r++) {
        const row = rows[offset + r] as readonly SqlValue[];
        for (let c = 0; c < writers.length; c++) {
          (values[c] as DuckDBValue[])[r] = (writers[c] as (typeof writers)[number])(row[c], offset + r);
        }
      }
      const chunk = DuckDBDataChunk.create(types);
      chunk.setColumns(values);
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appended = true;
  } catch (error) {
    throw sqlError(error, `appender on ${table}`);
  } finally {
    if (appended) appender.closeSync();
    else {
      // On failure, drop what was not flushed (the surrounding transaction rolls back the rest);
      // an error while cleaning up must not replace the one being thrown.
      quietly(() => appender.clear());
      quietly(() => appender.closeSync());
    }
  }
}

let scratchCounter = 0;

/**
 * Appends rows with the DuckDB appender (data chunks of 2048 rows). The appender writes all
 * columns of the table in table order; when `columns` is a subset or another order, the rows
 * go through a scratch TEMP table and one `INSERT … SELECT` (so omitted columns get their
 * defaults, as with INSERT). Runs inside the caller's transaction.
 */
export async function appendRows(
  connection: DuckDBConnection,
  table: string,
  columns: readonly ColumnSpec[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  assertRowWidths(columns, rows);
  if (rows.length === 0) return;
  const target = quoteQualifiedName(table);
  const names = (await run(connection, `SELECT * FROM ${target} LIMIT 0`)).columnNames();
  const exact = names.length === columns.length && names.every((name, i) => name === columns[i]?.name);
  if (exact) {
    await appendInto(connection, table, columns, rows);
    return;
  }
  scratchCounter += 1;
  const scratch = `mm_bulk_scratch_${process.pid}_${scratchCounter}`;
  const definitions = columns.map((column) => columnDefinition(column, 'duckdb', false)).join(', ');
  const list = columns.map((column) => quoteIdent(column.name)).join(', ');
  await run(connection, `CREATE TEMP TABLE ${quoteIdent(scratch)} (${definitions})`);
  try {
    await appendInto(connection, scratch, columns, rows);
    await run(connection, `INSERT INTO ${target} (${list}) SELECT ${list} FROM ${quoteIdent(scratch)}`);
  } finally {
    await run(connection, `DROP TABLE IF EXISTS ${quoteIdent(scratch)}`).catch(() => undefined);
  }
}
