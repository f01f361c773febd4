import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { qualityTrend, runQualityChecks } from './run-quality.js';
import { checkTableQuality } from './table-quality.js';

const now = new Date('2025-01-01T00:00:00Z');

async function seed(store: Store): Promise<void> {
  const customers: [string, string | null, string | null, string][] = [
    ['c1', 'ann@example.com', '13800138000', 'CN'],
    ['c2', 'not-an-email', '+1 650 253 0000', 'US'],
    ['c3', 'ANN@example.com ', '12345', 'CN'],
    ['c4', null, '138 0013 8000', 'CN'],
  ];
  for (const [id, email, phone, country] of customers) {
    await store.execute(
      'INSERT INTO customers (id, email, phone, country, signup_at) VALUES ($1, $2, $3, $4, $5)',
      [id, email, phone, country, new Date('2024-01-01T00:00:00Z')],
    );
  }
  // 20 ordinary orders of 100 ± 10, one outlier, one negative, one orphan, one in the future, one in 1970.
  const orders: [string, string, number, string][] = [];
  for (let i = 0; i < 20; i++) orders.push([`o${i}`, 'c1', 90 + i, '2024-06-01T10:00:00Z']);
  orders.push(['o-outlier', 'c1', 5000, '2024-06-02T10:00:00Z']);
  orders.push(['o-negative', 'c2', -5, '2024-06-03T10:00:00Z']);
  orders.push(['o-orphan', 'c999', 100, '2024-06-04T10:00:00Z']);
  orders.push(['o-future', 'c1', 100, '2026-01-01T00:00:00Z']);
  orders.push(['o-epoch', 'c1', 100, '1970-01-01T00:00:00Z']);
  for (const [id, customer, amount, ts] of orders) {
    await store.execute(
      'INSERT INTO orders (id, customer_id, ordered_at, total_amount, currency) VALUES ($1, $2, $3, $4, $5)',
      [id, customer, new Date(ts), amount, id === 'o0' ? 'rmb' : 'CNY'],
    );
  }
}

const engines: [string, () => Promise<Store>][] = [
  ['duckdb', () => openStore({ engine: 'duckdb', path: ':memory:' })],
];
if (process.env.MARKETMIND_PG_URL) {
  const schema = `mm_test_quality_${process.pid}_${Date.now()}`;
  engines.push([
    'postgres',
    () => openStore({ engine: 'postgres', url: process.env.MARKETMIND_PG_URL as string, schema }),
  ]);
}

describe.each(engines)('data-quality checks on %s', (_name, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await seed(store);
  });
  afterAll(async () => {
    if (store.dialect === 'postgres')
      await store.execute(
        `DROP SCHEMA IF EXISTS ${(await store.query('SELECT current_schema() AS s'))[0]?.s} CASCADE`,
      );
    await store.close();
  });

  const finding = async (table: string, code: string, column?: string) => {
    const report = await checkTableQuality(store, table, { now });
    return report.findings.find((f) => f.code === code && (column === undefined || f.column === column));
  };

  it('finds invalid emails and phones, with ids as examples', async () => {
    expect(await finding('customers', 'invalid_email')).toMatchObject({ count: 1, exampleIds: ['c2'] });
    expect(await finding('customers', 'invalid_phone')).toMatchObject({ count: 1, exampleIds: ['c3'] });
  });

  it('finds possible duplicate customers by normalised email and phone', async () => {
    const report = await checkTableQuality(store, 'customers', { now });
    const email = report.findings.find(
      (f) => f.code === 'possible_duplicate_customer' && f.column === 'email',
    );
    const phone = report.findings.find(
      (f) => f.code === 'possible_duplicate_customer' && f.column === 'phone',
    );
    expect(email?.count).toBe(2);
    expect(phone?.count).toBe(2);
  });

  it('finds negative amounts, robust outliers, orphans, future and impossible dates', async () => {
    expect(await finding('orders', 'negative_amount')).toMatchObject({
      count: 1,
      exampleIds: ['o-negative'],
    });
    // on ln(1 + x) of positive amounts: 5000 against ~100 is an outlier; -5 is reported as negative instead
    expect(await finding('orders', 'outlier_amount')).toMatchObject({ count: 1, exampleIds: ['o-outlier'] });
    expect(await finding('orders', 'orphan_reference', 'customer_id')).toMatchObject({
      count: 1,
      exampleIds: ['o-orphan'],
    });
    expect(await finding('orders', 'future_date', 'ordered_at')).toMatchObject({
      count: 1,
      exampleIds: ['o-future'],
    });
    expect(await finding('orders', 'impossible_date', 'ordered_at')).toMatchObject({
      count: 1,
      exampleIds: ['o-epoch'],
    });
    expect(await finding('orders', 'invalid_currency')).toMatchObject({ count: 1, exampleIds: ['o0'] });
  });

  it('profiles missing values of optional columns', async () => {
    const report = await checkTableQuality(store, 'customers', { now });
    expect(report.rowCount).toBe(4);
    expect(report.columns.find((c) => c.column === 'email')).toMatchObject({ missing: 1, missingRate: 0.25 });
    expect(report.findings.find((f) => f.code === 'missing_values' && f.column === 'email')?.count).toBe(1);
  });

  it('stores each report so later runs can show the trend', async () => {
    await runQualityChecks(store, { tables: ['orders'], now });
    await store.execute("DELETE FROM orders WHERE id = 'o-negative'");
    await runQualityChecks(store, { tables: ['orders'], now: new Date(now.getTime() + 1000) });
    const trend = await qualityTrend(store, 'orders');
    expect(trend).toHaveLength(2);
    expect(trend[1]?.rowCount).toBe((trend[0]?.rowCount ?? 0) - 1);
    expect(trend[1]?.issueCount).toBeLessThan(trend[0]?.issueCount ?? 0);
  });
});
