/**
 * One timed ingest in a fresh process (so runs do not share a warmed-up heap or GC state, and
 * V8 flags such as --max-semi-space-size can be compared), for ingest.bench.ts:
 * `node [flags] --import tsx bench/ingest/ingest-child.ts <csv> <exact|fast> <store path|:memory:> <quarantineDir>`.
 * Prints one JSON line: seconds and the ingest counts.
 */
import { rmSync } from 'node:fs';
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { ingestFiles } from '../../src/store/ingest/index.js';

const [file, engine, path, quarantineDir] = process.argv.slice(2);
if (!file || (engine !== 'exact' && engine !== 'fast') || !path || !quarantineDir) {
  throw new Error('usage: ingest-child.ts <csv> <exact|fast> <store path|:memory:> <quarantineDir>');
}
if (path !== ':memory:') rmSync(path, { force: true });
const store = await openDuckDbStore({ path });
await store.migrate();
const started = performance.now();
const result = await ingestFiles(store, { table: 'orders', files: [file], quarantineDir, engine });
const seconds = (performance.now() - started) / 1000;
await store.close();
if (path !== ':memory:') rmSync(path, { force: true });
process.stdout.write(
  `${JSON.stringify({
    seconds,
    engine: result.files[0]?.engine,
    fastPathSkipped: result.files[0]?.fastPathSkipped,
    read: result.read,
    accepted: result.accepted,
    rejected: result.rejected,
    inserted: result.inserted,
    duplicateIdsInInput: result.duplicateIdsInInput,
  })}\n`,
);
