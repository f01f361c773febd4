/**
 * Child process of ingest-kill.test.ts: ingests one CSV into a DuckDB file and writes a
 * `progress <records>` line to stdout after each batch, so the parent can SIGKILL it mid-import.
 * Usage: node --import tsx test/integration/ingest-kill.child.ts <db> <csv> <quarantineDir>
 */
import { openDuckDbStore } from '../../src/store/duckdb/duckdb-store.js';
import { ingestFiles } from '../../src/store/ingest/index.js';

const [dbPath, csvPath, quarantineDir] = process.argv.slice(2);
if (!dbPath || !csvPath || !quarantineDir)
  throw new Error('usage: ingest-kill.child.ts <db> <csv> <quarantineDir>');
const store = await openDuckDbStore({ path: dbPath });
const result = await ingestFiles(store, {
  table: 'orders',
  files: [csvPath],
  quarantineDir,
  batchSize: 10_000,
  onProgress: (p) => process.stdout.write(`progress ${p.records}\n`),
});
process.stdout.write(`done ${result.accepted}\n`);
await store.close();
