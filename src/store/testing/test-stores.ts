import { describe, it } from 'vitest';
import { openStore } from '../open-store.js';
import type { Store } from '../store.js';

/**
 * The stores a test suite runs on: DuckDB in memory always, PostgreSQL (a fresh schema per
 * store) when MARKETMIND_PG_URL is set — otherwise a skipped block says how to enable it.
 * Use with `describe.each(testStores('…'))` and `closeTestStore` in afterAll.
 */
export function testStores(suite: string): [string, () => Promise<Store>][] {
  const engines: [string, () => Promise<Store>][] = [
    ['duckdb', () => openStore({ engine: 'duckdb', path: ':memory:' })],
  ];
  const url = process.env.MARKETMIND_PG_URL;
  if (url) {
    let opened = 0;
    const prefix = suite.replace(/[^a-z0-9]+/gi, '_').toLowerCase();
    engines.push([
      'postgres',
      () =>
        openStore({
          engine: 'postgres',
          url,
          schema: `mm_test_${prefix}_${process.pid}_${Date.now()}_${opened++}`,
        }),
    ]);
  } else {
    describe.skip(`${suite} on PostgreSQL skipped: set MARKETMIND_PG_URL`, () => {
      it('runs the same assertions on PostgreSQL', () => undefined);
    });
  }
  return engines;
}

/** Closes a test store, dropping its PostgreSQL schema first. */
export async function closeTestStore(store: Store | undefined): Promise<void> {
  if (store?.dialect === 'postgres') {
    const [row] = await store.query('SELECT current_schema() AS s');
    await store.execute(`DROP SCHEMA IF EXISTS "${String(row?.s)}" CASCADE`);
  }
  await store?.close();
}
