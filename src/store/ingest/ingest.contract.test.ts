import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import { openStore } from '../open-store.js';
import type { Store } from '../store.js';
import { describeIngestContract } from './ingest.contract.js';

/** The ingest contract (ingest.contract.ts) on DuckDB with both ingest engines, and on PostgreSQL. */

const duckDb = () => openDuckDbStore({ path: ':memory:' });
const closeStore = (store: Store) => store.close();

describeIngestContract('DuckDB, exact path', duckDb, closeStore, {
  engine: 'exact',
  expectedEngine: 'exact',
});
describeIngestContract('DuckDB, fast path', duckDb, closeStore, { engine: 'fast', expectedEngine: 'fast' });

const pgUrl = process.env.MARKETMIND_PG_URL;

if (pgUrl) {
  const admin = new pg.Pool({ connectionString: pgUrl, max: 1 });
  const schemas = new Map<Store, string>();
  afterAll(async () => {
    await admin.end();
  });
  describeIngestContract(
    'PostgreSQL (engine auto → exact path)',
    async () => {
      const schema = `mm_ingest_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ engine: 'postgres', url: pgUrl, schema });
      schemas.set(store, schema);
      return store;
    },
    async (store) => {
      await store.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schemas.get(store)}" CASCADE`);
      schemas.delete(store);
    },
    { engine: 'auto', expectedEngine: 'exact' },
  );
} else {
  describe.skip('ingest contract on PostgreSQL skipped: set MARKETMIND_PG_URL', () => {
    it('runs quarantine arithmetic, upsert, append-only and atomicity against PostgreSQL', () => undefined);
  });
}
