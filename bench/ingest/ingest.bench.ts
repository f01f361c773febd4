/**
 * Ingest benchmark: `npx tsx bench/ingest/ingest.bench.ts [--rows 1000000] [--runs 3] [--quick]`.
 *
 * Generates a deterministic orders CSV (see generate-orders.ts) in a temp dir, then measures in
 * the same run, median of `--runs`:
 *  - raw DuckDB: `CREATE TABLE x AS SELECT * FROM read_csv('file')` into an in-memory database
 *    and into a fresh database file (type sniffing only: no validation, no quarantine, no
 *    primary key, no upsert);
 *  - Marketmind `ingestFiles`, exact path and fast path, into a fresh migrated DuckDB store in a
 *    file and in memory: detection, parsing, coercion, validation, quarantine, staging, dedupe,
 *    insert into `orders` (primary key), the imports row, one transaction;
 *  - the exact path into a file store again under `node --max-semi-space-size=64`.
 * Each Marketmind run is a fresh process (ingest-child.ts). `--quick` skips the exact path.
 * Prints a table and a JSON document and writes bench/ingest/out/result.json.
 * Goal: ≥ 300k rows/s and ≥ 0.3 of raw. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { median } from '../../src/stats/descriptive.js';
import { argument } from '../bench-args.js';
import { generateOrdersCsv } from './generate-orders.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

const rows = Number(argument('rows', '1000000'));
const runs = Number(argument('runs', '3'));
const quick = process.argv.includes('--quick');

async function rawDuckDb(file: string, database: string): Promise<number> {
  if (database !== ':memory:') rmSync(database, { force: true });
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  const started = performance.now();
  await connection.run(`CREATE TABLE x AS SELECT * FROM read_csv('${file.replaceAll("'", "''")}')`);
  const seconds = (performance.now() - started) / 1000;
  connection.closeSync();
  instance.closeSync();
  if (database !== ':memory:') rmSync(database, { force: true });
  return seconds;
}

interface ChildResult {
  readonly seconds: number;
  readonly engine: string;
  readonly fastPathSkipped?: string;
  readonly read: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly inserted: number;
  readonly duplicateIdsInInput: number;
}

async function marketmind(
  file: string,
  engine: 'exact' | 'fast',
  store: string,
  quarantineDir: string,
  nodeFlags: readonly string[] = [],
): Promise<ChildResult> {
  const { stdout } = await run(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(here, 'ingest-child.ts'), file, engine, store, quarantineDir],
    { cwd: join(here, '../..'), maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as ChildResult;
}

interface Measurement {
  readonly label: string;
  readonly seconds: number;
  readonly rowsPerSecond: number;
  readonly runs: readonly number[];
  readonly result?: ChildResult;
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
    const quarantineDir = join(dir, 'quarantine');
    const storeFile = join(dir, 'store.duckdb');
    const cases: { label: string; measure: () => Promise<{ seconds: number; result?: ChildResult }> }[] = [
      {
        label: 'raw read_csv, in memory',
        measure: async () => ({ seconds: await rawDuckDb(file, ':memory:') }),
      },
      {
        label: 'raw read_csv, file',
        measure: async () => ({ seconds: await rawDuckDb(file, join(dir, 'raw.duckdb')) }),
      },
      { label: 'fast path, file store', measure: () => marketmind(file, 'fast', storeFile, quarantineDir) },
      { label: 'fast path, in memory', measure: () => marketmind(file, 'fast', ':memory:', quarantineDir) },
      ...(quick
        ? []
        : [
            {
              label: 'exact path, file store',
              measure: () => marketmind(file, 'exact', storeFile, quarantineDir),
            },
            {
              label: 'exact path, in memory',
              measure: () => marketmind(file, 'exact', ':memory:', quarantineDir),
            },
            {
              label: 'exact path, file, semi-space 64',
              measure: () =>
                marketmind(file, 'exact', storeFile, quarantineDir, ['--max-semi-space-size=64']),
            },
          ]),
    ];
    const measured: Measurement[] = [];
    for (const c of cases) {
      const times: number[] = [];
      let last: ChildResult | undefined;
      for (let r = 0; r < runs; r += 1) {
        const { seconds, result } = await c.measure();
        times.push(seconds);
        last = result;
        rmSync(quarantineDir, { recursive: true, force: true });
        process.stderr.write(`${c.label}: run ${r + 1} ${seconds.toFixed(3)} s\n`);
      }
      const seconds = median(times);
      measured.push({
        label: c.label,
        seconds,
        rowsPerSecond: Math.round(rows / seconds),
        runs: times.map((t) => Number(t.toFixed(3))),
        ...(last === undefined ? {} : { result: last }),
      });
    }
    const byLabel = new Map(measured.map((m) => [m.label, m]));
    const ratio = (ours: string, raw: string) => {
      const a = byLabel.get(ours);
      const b = byLabel.get(raw);
      return a && b ? Number((b.seconds / a.seconds).toFixed(3)) : undefined;
    };
    const ratios = {
      fastFileVsRawFile: ratio('fast path, file store', 'raw read_csv, file'),
      fastFileVsRawMemory: ratio('fast path, file store', 'raw read_csv, in memory'),
      fastMemoryVsRawMemory: ratio('fast path, in memory', 'raw read_csv, in memory'),
      exactFileVsRawFile: ratio('exact path, file store', 'raw read_csv, file'),
      exactMemoryVsRawMemory: ratio('exact path, in memory', 'raw read_csv, in memory'),
    };
    const document = {
      benchmark: 'ingest.orders.csv',
      rows,
      bytes,
      runs,
      measurements: measured,
      ratios,
      goal: { rowsPerSecond: 300_000, ratioToRaw: 0.3 },
      node: process.version,
    };
    process.stdout.write(`${'case'.padEnd(34)}${'seconds'.padStart(10)}${'rows/s'.padStart(12)}\n`);
    for (const m of measured) {
      process.stdout.write(
        `${m.label.padEnd(34)}${m.seconds.toFixed(3).padStart(10)}${String(m.rowsPerSecond).padStart(12)}\n`,
      );
    }
    for (const [name, value] of Object.entries(ratios)) {
      if (value !== undefined) process.stdout.write(`ratio ${name}: ${value}\n`);
    }
    process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    const outDir = join(here, 'out');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'result.json'), `${JSON.stringify(document, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
