import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { resolveMoney } from '../customers/money.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { futurePeriodStarts, loadSalesSeries, nextPeriodStart } from './sales-series-sql.js';

const demo = generateDemoData({ seed: 5, customers: 400 });
const orders = demo.tables.orders ?? [];
const lines = demo.tables.order_lines ?? [];
const products = new Map((demo.tables.products ?? []).map((p) => [p.id as string, p]));
const counted = orders.filter(
  (o) => o.status !== 'cancelled' && o.status !== 'returned' && (o.total_amount as number) >= 0,
);
const rate = (currency: unknown) => (currency === 'USD' ? CNY_PER_USD : 1);
const day = (v: unknown) => (v as Date).toISOString().slice(0, 10);
const month = (v: unknown) => `${day(v).slice(0, 7)}-01`;

describe('period calendar', () => {
  it('steps days, ISO weeks and months in UTC', () => {
    expect(nextPeriodStart('2024-02-28', 'day')).toBe('2024-02-29');
    expect(nextPeriodStart('2024-12-30', 'week')).toBe('2025-01-06');
    expect(nextPeriodStart('2024-12-01', 'month')).toBe('2025-01-01');
    expect(futurePeriodStarts('2024-11-01', 'month', 3)).toEqual(['2024-12-01', '2025-01-01', '2025-02-01']);
  });
});

describe.each(testStores('sales series'))('sales series on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await loadDemoTables(store, demo, ['products', 'customers', 'orders', 'order_lines']);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('daily revenue of the total equals the counted orders summed per UTC day, zero-filled', async () => {
    const money = await resolveMoney(store, { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } });
    const set = await loadSalesSeries(store, { level: 'total', measure: 'revenue', period: 'day', money });
    expect(set.series.map((s) => s.key)).toEqual(['total']);
    const expected = new Map<string, number>();
    for (const o of counted)
      expected.set(
        day(o.ordered_at),
        (expected.get(day(o.ordered_at)) ?? 0) + (o.total_amount as number) * rate(o.currency),
      );
    const values = set.series[0]?.values ?? [];
    expect(values).toHaveLength(set.periodStarts.length);
    set.periodStarts.forEach((p, i) => {
      expect(values[i]).toBeCloseTo(expected.get(p) ?? 0, 6);
    });
    // consecutive days, none missing
    for (let i = 1; i < set.periodStarts.length; i++)
      expect(set.periodStarts[i]).toBe(nextPeriodStart(set.periodStarts[i - 1] as string, 'day'));
    expect(values.some((v) => v === 0)).toBe(true);
  });

  it('monthly units by SKU with the category as parent; a partial last month is dropped', async () => {
    const money = await resolveMoney(store, { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } });
    const set = await loadSalesSeries(store, { level: 'sku', measure: 'units', period: 'month', money });
    const countedIds = new Map(counted.map((o) => [o.id as string, o]));
    const expected = new Map<string, number>();
    for (const l of lines) {
      const o = countedIds.get(l.order_id as string);
      if (!o) continue;
      const key = `${l.product_id}|${month(o.ordered_at)}`;
      expected.set(key, (expected.get(key) ?? 0) + (l.quantity as number));
    }
    for (const s of set.series) {
      expect(s.parent).toBe(products.get(s.key)?.category);
      set.periodStarts.forEach((p, i) => {
        expect(s.values[i]).toBe(expected.get(`${s.key}|${p}`) ?? 0);
      });
    }
    const lastOrder = Math.max(...counted.map((o) => (o.ordered_at as Date).getTime()));
    const last = set.periodStarts.at(-1) as string;
    expect(Date.parse(`${nextPeriodStart(last, 'month')}T00:00:00Z`)).toBeLessThanOrEqual(
      lastOrder + 86_400_000,
    );
  });

  it('rejects an unknown level with the allowed ones', async () => {
    const money = await resolveMoney(store, { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } });
    await expect(
      loadSalesSeries(store, { level: 'planet' as 'sku', measure: 'units', period: 'day', money }),
    ).rejects.toThrow(/Unknown level "planet".*|choose one of/);
  });
});
