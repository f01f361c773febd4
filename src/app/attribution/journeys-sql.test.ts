import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadJourneyPaths } from './journeys-sql.js';

const day = (d: number, h = 12) => new Date(Date.UTC(2024, 0, d, h));
const touch = (id: string, customer: string, channel: string, ts: Date) => ({
  id,
  customer_id: customer,
  channel,
  ts,
});
const order = (id: string, customer: string, ts: Date, amount: number, status = 'completed') => ({
  id,
  customer_id: customer,
  ordered_at: ts,
  status,
  currency: 'CNY',
  total_amount: amount,
});

// a: search, email → order (converting); then social 50 days before nothing → non-converting
// b: display, then a 40-day gap, then video → two non-converting journeys
// c: sms → cancelled order only → non-converting; wechat on the order's instant → converting (orders close first? no: the
//    order at the same instant closes the journey before the touch, so the touch is after it)
const touches = [
  touch('t1', 'a', 'search', day(1)),
  touch('t2', 'a', 'email', day(5)),
  touch('t3', 'a', 'social', day(60)),
  touch('t4', 'b', 'display', day(2)),
  touch('t5', 'b', 'video', day(45)),
  touch('t6', 'c', 'sms', day(3)),
  touch('t7', 'd', 'search', day(1)),
  touch('t8', 'd', 'search', day(20)),
];
const orders = [
  order('o1', 'a', day(10), 100),
  order('o2', 'c', day(4), 50, 'cancelled'),
  order('o3', 'd', day(25), 30),
  order('o4', 'd', day(25, 13), 20),
];

async function load(store: Store): Promise<void> {
  for (const [name, rows] of [
    ['touchpoints', touches],
    ['orders', orders],
  ] as const) {
    const spec = findTable(name) as TableSpec;
    await store.bulkInsert(
      name,
      spec.columns,
      rows.map((row) =>
        spec.columns.map((c) => ((row as Record<string, unknown>)[c.name] ?? null) as SqlValue),
      ),
    );
  }
}

describe.each(testStores('journey paths'))('journey paths on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store);
  });
  afterAll(() => closeTestStore(store));

  it('ends journeys at the next counted order within the lookback and splits idle ones at long gaps', async () => {
    const paths = await loadJourneyPaths(store, { lookbackDays: 30 });
    const byPath = Object.fromEntries(paths.map((p) => [p.path.join(' > '), p]));
    expect(byPath['search > email']).toEqual({
      path: ['search', 'email'],
      conversions: 1,
      value: 100,
      nulls: 0,
    });
    // d's two touches lead to the order on day 25 (the first order at or after them); value of that order only
    expect(byPath['search > search']).toEqual({
      path: ['search', 'search'],
      conversions: 1,
      value: 30,
      nulls: 0,
    });
    expect(byPath.social).toMatchObject({ conversions: 0, nulls: 1 });
    expect(byPath.display).toMatchObject({ conversions: 0, nulls: 1 });
    expect(byPath.video).toMatchObject({ conversions: 0, nulls: 1 });
    // a cancelled order does not convert a journey
    expect(byPath.sms).toMatchObject({ conversions: 0, nulls: 1 });
    expect(paths.reduce((s, p) => s + p.conversions, 0)).toBe(2);
  });

  it('a shorter lookback turns the far touch of a converting journey into its own idle journey', async () => {
    const paths = await loadJourneyPaths(store, { lookbackDays: 7 });
    const byPath = Object.fromEntries(paths.map((p) => [p.path.join(' > '), p]));
    expect(byPath.email).toMatchObject({ conversions: 1 });
    expect(byPath.search?.nulls).toBeGreaterThanOrEqual(1);
  });

  it('rejects a lookback that is not a whole number of days', async () => {
    await expect(loadJourneyPaths(store, { lookbackDays: 0.5 })).rejects.toThrow(/whole number of days/);
  });
});
