import { DuckDBInstance, JSDuckDBValueConverter } from '@duckdb/node-api';
import { InputError } from '../../core/errors.js';
import type { OpenedSource, SourceRecord } from './source-types.js';

/**
 * Parquet reader for ingest: an in-memory DuckDB instance (whatever the target store) runs
 * `read_parquet` and streams the rows chunk by chunk (2048 rows), converted to JS values
 * (TIMESTAMP/DATE → Date, BIGINT → bigint, DECIMAL → number, LIST/STRUCT → arrays/objects).
 * Parquet has no text lines: `line` is the row number and `raw` the row as JSON.
 */

export async function openParquetSource(path: string, size: number): Promise<OpenedSource> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  const close = async (): Promise<void> => {
    connection.closeSync();
    instance.closeSync();
  };
  let total: number;
  let headers: string[];
  try {
    const counted = await connection.runAndReadAll('SELECT count(*) AS n FROM read_parquet($1)', [path]);
    total = Number(counted.getRows()[0]?.[0] ?? 0);
    const described = await connection.runAndReadAll('SELECT * FROM read_parquet($1) LIMIT 0', [path]);
    headers = described.columnNames();
  } catch (error) {
    await close();
    throw new InputError('unreadable_file', `Cannot read ${path} as Parquet: ${(error as Error).message}`, {
      cause: error,
    });
  }
  let records = 0;
  return {
    path,
    format: 'parquet',
    encoding: 'binary',
    headers,
    bytesTotal: size,
    sample: [],
    async *records() {
      const result = await connection.stream('SELECT * FROM read_parquet($1)', [path]);
      for (;;) {
        const chunk = await result.fetchChunk();
        if (chunk === null || chunk.rowCount === 0) break;
        const rows = chunk.convertRows(JSDuckDBValueConverter);
        const out: SourceRecord[] = new Array(rows.length);
        for (let i = 0; i < rows.length; i += 1) {
          const fields = rows[i] as unknown[];
          records += 1;
          out[i] = {
            rowNumber: records,
            line: records,
            fields,
            raw: rowJson(headers, fields),
            error: undefined,
          };
        }
        yield out;
      }
    },
    bytesRead: () => (total === 0 ? size : Math.round((size * records) / total)),
    notes: () => [],
    close,
  };
}

function rowJson(headers: readonly string[], fields: readonly unknown[]): string {
  const object: Record<string, unknown> = {};
  headers.forEach((h, i) => {
    object[h] = fields[i];
  });
  return JSON.stringify(object, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}
