/**
 * Ingest benchmark: `npx tsx bench/ingest/ingest.bench.ts [--rows 1000000] [--runs 3] [--memory]`.
 *
 * Generates a deterministic orders CSV (see generate-orders.ts) in a temp dir, then measures in
 * the same run, median of `--runs`:
 *  (a) raw DuckDB: `CREATE TABLE x AS SELECT * FROM read_csv('file')` on an in-memory instance
 *      (type sniffing only: no validation, no quarantine, no upsert);
 *  (b) Marketmind `ingestFiles` into a fresh, migrated DuckDB store (a file in the temp dir, or
 *      ':memory:' with --memory): decoding, parsing, coercion, validation, quarantine, staging,
 *      upsert and the imports row, all in one transaction.
 * Prints a table and a JSON document and writes bench/ingest/out/result.json.
 * Goal: ≥ 300k rows/s and ≥ 0.3 of raw. Not part of `npm test`.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { type IngestResult, ingestFiles } from '../../src/store/ingest/index.js';
import { generateOrdersCsv } from './generate-orders.js';

function argument(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const rows = Number(argument('rows', '1000000'));
const runs = Number(argument('runs', '3'));
const inMemory = process.argv.includes('--memory');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function rawDuckDb(file: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(`CREATE TABLE x AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  return seconds;
}

async function marketmind(
  file: string,
  dir: string,
  run: number,
): Promise<{ seconds: number; result: IngestResult }> {
  const path = inMemory ? ':memory:' : join(dir, `store-${run}.duckdb`);
  const store = await openDuckDbStore({ path });
  await store.migrate();
  const started = performance.now();
  const result = await ingestFiles(store, {
    table: 'orders',
    files: [file],
    quarantineDir: join(dir, 'quarantine'),
  });
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  if (!inMemory) rmSync(path, { force: true });
  return { seconds, result };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mm-ingest-bench-'));
  try {
    const file = join(dir, 'orders.csv');
    const generated = performance.now();
    await generateOrdersCsv(file, rows);
    const bytes = statSync(file).size;
    process.stderr.write(
      `generated ${rows} rows (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - generated) / 1000).toFixed(1)} s\n`,
    );
    const raw: number[] = [];
    const ours: number[] = [];
    let last: IngestResult | undefined;
    for (let run = 0; run < runs; run += 1) {
      raw.push(await rawDuckDb(file));
      const measured = await marketmind(file, dir, run);
      ours.push(measured.seconds);
      last = measured.result;
      process.stderr.write(
        `run ${run + 1}: raw ${raw.at(-1)?.toFixed(3)} s, marketmind ${measured.seconds.toFixed(3)} s\n`,
      );
    }
    const rawSeconds = median(raw);
    const oursSeconds = median(ours);
    const document = {
      benchmark: 'ingest.orders.csv',
      rows,
      bytes,
      runs,
      store: inMemory ? 'duckdb :memory:' : 'duckdb file',
      raw: {
        engine: 'duckdb read_csv (CREATE TABLE AS)',
        seconds: rawSeconds,
        rowsPerSecond: Math.round(rows / rawSeconds),
      },
      marketmind: {
        seconds: oursSeconds,
        rowsPerSecond: Math.round(rows / oursSeconds),
        read: last?.read,
        accepted: last?.accepted,
        rejected: last?.rejected,
        inserted: last?.inserted,
        duplicateIdsInInput: last?.duplicateIdsInInput,
      },
      ratioToRaw: Number((rawSeconds / oursSeconds).toFixed(3)),
      goal: { rowsPerSecond: 300_000, ratioToRaw: 0.3 },
      node: process.version,
    };
    const table = [
      ['engine', 'seconds', 'rows/s'],
      ['duckdb read_csv (raw)', rawSeconds.toFixed(3), String(document.raw.rowsPerSecond)],
      ['marketmind ingestFiles', oursSeconds.toFixed(3), String(document.marketmind.rowsPerSecond)],
    ];
    for (const line of table)
      process.stdout.write(`${line[0]?.padEnd(26)}${line[1]?.padStart(10)}${line[2]?.padStart(12)}\n`);
    process.stdout.write(`ratio to raw: ${document.ratioToRaw}\n${JSON.stringify(document, null, 2)}\n`);
    const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'result.json'), `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
