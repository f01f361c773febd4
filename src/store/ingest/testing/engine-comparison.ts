import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { openDuckDbStore } from '../../duckdb/duckdb-store.js';
import type { Row, Store } from '../../store.js';
import { type CsvRecord, CsvRecordScanner } from '../csv-records.js';
import { type IngestOptions, type IngestResult, ingestFiles } from '../ingest.js';

/**
 * Test harness: the same import on the exact path and on the fast path, each into its own
 * DuckDB store, with assertions that the outcome is identical — counts, reasons, table contents
 * and quarantine records. Used by ingest.equivalence.test.ts and fast-csv.test.ts.
 */
export class EngineComparison {
  private counter = 0;

  private constructor(
    readonly dir: string,
    readonly exactStore: Store,
    readonly fastStore: Store,
  ) {}

  static async open(): Promise<EngineComparison> {
    const dir = mkdtempSync(join(tmpdir(), 'mm-ingest-eq-'));
    const exactStore = await openDuckDbStore({ path: ':memory:' });
    const fastStore = await openDuckDbStore({ path: ':memory:' });
    await exactStore.migrate();
    await fastStore.migrate();
    return new EngineComparison(dir, exactStore, fastStore);
  }

  async close(): Promise<void> {
    await this.exactStore.close();
    await this.fastStore.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Writes a file into the temp dir (a unique name per call) and returns its path. */
  file(name: string, content: string | Buffer): string {
    this.counter += 1;
    const path = join(this.dir, `${this.counter}-${name}`);
    writeFileSync(path, content);
    return path;
  }

  /** Empties `table` and `imports` in both stores. */
  async reset(table: string): Promise<void> {
    for (const store of [this.exactStore, this.fastStore]) {
      await store.execute(`DELETE FROM "${table}"`);
      await store.execute('DELETE FROM imports');
    }
  }

  /**
   * Ingests with engine 'exact' and 'fast' and asserts the same outcome (or the same error);
   * returns the fast run's result, or undefined when both failed.
   */
  async compare(options: Omit<IngestOptions, 'quarantineDir' | 'engine'>): Promise<IngestResult | undefined> {
    const run = async (store: Store, engine: 'exact' | 'fast') =>
      ingestFiles(store, { ...options, engine, quarantineDir: join(this.dir, `q-${engine}`) }).then(
        (result) => ({ result, error: undefined }),
        (error: unknown) => ({ result: undefined, error }),
      );
    const exact = await run(this.exactStore, 'exact');
    const fast = await run(this.fastStore, 'fast');
    if (exact.error !== undefined || fast.error !== undefined) {
      expect(String(fast.error)).toBe(String(exact.error));
      return undefined;
    }
    const e = exact.result as IngestResult;
    const f = fast.result as IngestResult;
    expect(comparable(f)).toEqual(comparable(e));
    expect(await contents(this.fastStore, options.table)).toEqual(
      await contents(this.exactStore, options.table),
    );
    expect(quarantineRecords(f.quarantine)).toEqual(quarantineRecords(e.quarantine));
    for (const r of e.files) expect(r.engine).toBe('exact');
    return f;
  }
}

export function quarantineRecords(path: string | null): string[][] {
  if (path === null) return [];
  const scanner = new CsvRecordScanner({ delimiter: ',' });
  const rows: CsvRecord[] = [];
  scanner.push(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), rows);
  scanner.end(rows);
  return rows.map((r) => r.fields);
}

function comparable(result: IngestResult) {
  const { importId, durationMs, quarantine, files, ...rest } = result;
  return { ...rest, files: files.map(({ engine, fastPathSkipped, ...f }) => f) };
}

function contents(store: Store, table: string): Promise<Row[]> {
  return store.query(`SELECT * FROM "${table}" ORDER BY id`);
}
