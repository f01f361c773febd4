import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import {
  type PurchaseSummary,
  summarisePurchases,
  TIME_UNIT_DAYS,
} from '../../customers/clv/purchase-summary.js';
import { customerFeatureNames } from '../../customers/features.js';
import { type DemoRow, generateDemoData } from '../../demo/index.js';
import { openStore } from '../../store/open-store.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadActiveCustomerCounts, loadCohortActivity } from './cohort-sql.js';
import { loadCustomerFeatures } from './customer-features.js';
import { loadPurchaseSummary } from './purchase-summary-sql.js';

/**
 * The SQL feature layer against an independent JS computation over the same rows (the demo data
 * set, seed 5, 300 customers, plus hand-made edge rows), on DuckDB always and on PostgreSQL when
 * MARKETMIND_PG_URL is set, with the same assertions on both engines.
 */

const dayMs = 86_400_000;
const demo = generateDemoData({ seed: 5, customers: 300 });

/** Demo rows plus edge cases: NULL status and channel, same-day orders, an order without lines. */
function sourceRows(): Record<'products' | 'orders' | 'order_lines' | 'events', DemoRow[]> {
  const orders = (demo.tables.orders ?? []).map((order, i) => {
    if (i % 37 === 0) return { ...order, status: null };
    if (i % 41 === 0) return { ...order, channel: null };
    return { ...order };
  });
  const at = (iso: string) => new Date(iso);
  const edge = (id: string, customer: string, iso: string, amount: number, extra: Partial<DemoRow> = {}) => ({
    id,
    customer_id: customer,
    ordered_at: at(iso),
    channel: 'online',
    store_id: null,
    status: 'completed',
    currency: 'CNY',
    total_amount: amount,
    discount_amount: 0,
    promotion_id: null,
    ...extra,
  });
  orders.push(
    // two orders on one UTC day (merged into one purchase day), one a day later at 23:59 UTC
    edge('edge_1', 'edge_a', '2024-03-01T00:00:00Z', 10),
    edge('edge_2', 'edge_a', '2024-03-01T23:59:59Z', 15, { channel: 'app', discount_amount: 1 }),
    edge('edge_3', 'edge_a', '2024-03-05T12:00:00Z', 40, { status: 'pending', channel: 'store' }),
    edge('edge_4', 'edge_a', '2024-03-06T12:00:00Z', 99, { status: 'returned' }),
    // a customer whose only order has no lines and who first bought after the fixed asOf
    edge('edge_5', 'edge_b', '2024-03-02T08:00:00Z', 20, { channel: 'miniprogram' }),
    edge('edge_6', 'edge_c', '2024-09-15T08:00:00Z', 30, { status: null }),
  );
  const lines = [...(demo.tables.order_lines ?? [])];
  const firstProduct = demo.tables.products?.[0]?.id as string;
  lines.push({
    id: 'edge_line_1',
    order_id: 'edge_1',
    product_id: firstProduct,
    quantity: 1,
    unit_price: 10,
    discount_amount: 0,
  });
  const events = [...(demo.tables.events ?? [])];
  events.push(
    {
      id: 'edge_evt_1',
      session_id: 'edge_session',
      customer_id: 'edge_a',
      event_type: 'page_view',
      page: '/',
      product_id: null,
      ts: at('2024-02-20T00:00:00Z'),
      device: 'mobile',
      channel: 'direct',
      value: null,
      properties: null,
    },
    {
      id: 'edge_evt_2',
      session_id: 'edge_session',
      customer_id: 'edge_a',
      event_type: 'page_view',
      page: '/p',
      product_id: null,
      ts: at('2024-02-20T00:05:00Z'),
      device: 'mobile',
      channel: 'direct',
      value: null,
      properties: null,
    },
  );
  return { products: [...(demo.tables.products ?? [])], orders, order_lines: lines, events };
}

const rows = sourceRows();

async function load(store: Store): Promise<void> {
  for (const [name, tableRows] of Object.entries(rows)) {
    const spec = findTable(name) as TableSpec;
    await store.bulkInsert(
      name,
      spec.columns,
      tableRows.map((row) => spec.columns.map((column) => (row[column.name] ?? null) as SqlValue)),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Independent JS reference computations over `rows`

interface Order {
  id: string;
  customer: string;
  at: number;
  amount: number;
  channel: string | null;
  discount: number;
  currency: string;
  counted: boolean;
}

const orders: Order[] = rows.orders.map((o) => ({
  id: o.id as string,
  customer: o.customer_id as string,
  at: (o.ordered_at as Date).getTime(),
  amount: o.total_amount as number,
  channel: o.channel as string | null,
  discount: (o.discount_amount as number | null) ?? 0,
  currency: o.currency as string,
  counted: o.status !== 'cancelled' && o.status !== 'returned',
}));

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const meanOf = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function referenceFeatures(asOf: number, usdRate = 1) {
  const counted = orders
    .filter((o) => o.counted && o.at <= asOf)
    .map((o) => ({ ...o, amount: o.currency === 'USD' ? o.amount * usdRate : o.amount }));
  const categoryOf = new Map(rows.products.map((p) => [p.id as string, p.category as string]));
  const linesByOrder = groupBy(rows.order_lines, (l) => l.order_id as string);
  const sessions = new Map<string, Set<string>>();
  for (const e of rows.events) {
    if (!e.customer_id || (e.ts as Date).getTime() > asOf) continue;
    const set = sessions.get(e.customer_id as string) ?? new Set();
    set.add(e.session_id as string);
    sessions.set(e.customer_id as string, set);
  }
  const result = new Map<string, Record<string, number>>();
  for (const [customer, list] of groupBy(counted, (o) => o.customer)) {
    const n = list.length;
    const first = Math.min(...list.map((o) => o.at));
    const last = Math.max(...list.map((o) => o.at));
    const total = list.reduce((s, o) => s + o.amount, 0);
    const categories = new Set<string>();
    for (const o of list)
      for (const l of linesByOrder.get(o.id) ?? [])
        categories.add(categoryOf.get(l.product_id as string) as string);
    const tenure = (asOf - first) / dayMs;
    result.set(customer, {
      recency_days: (asOf - last) / dayMs,
      frequency: n,
      monetary: total / n,
      total_spend: total,
      tenure_days: tenure,
      interpurchase_days: n > 1 ? (last - first) / dayMs / (n - 1) : Number.NaN,
      category_breadth: categories.size,
      share_online: list.filter((o) => o.channel === 'online').length / n,
      share_store: list.filter((o) => o.channel === 'store').length / n,
      share_miniprogram: list.filter((o) => o.channel === 'miniprogram').length / n,
      discount_share: list.filter((o) => o.discount > 0).length / n,
      sessions_per_week: (sessions.get(customer)?.size ?? 0) / Math.max(1, tenure / 7),
    });
  }
  return result;
}

/** Day-based split (summarisePurchases' conventions): calibration days ≤ the calibration day. */
function referenceSummary(calibrationEnd: Date, observationEnd: Date, unitDays: number) {
  const calibrationDay = utcDay(calibrationEnd.getTime());
  const observationDay = utcDay(observationEnd.getTime());
  const counted = orders.filter((o) => o.counted && utcDay(o.at) <= observationDay);
  const out = new Map<string, Record<string, number>>();
  for (const [customer, list] of groupBy(counted, (o) => o.customer)) {
    const days = new Map<string, number>();
    for (const o of list) days.set(utcDay(o.at), (days.get(utcDay(o.at)) ?? 0) + o.amount);
    const sorted = [...days].sort(([a], [b]) => byteOrder(a, b));
    const calibration = sorted.filter(([day]) => day <= calibrationDay);
    const holdout = sorted.filter(([day]) => day > calibrationDay);
    if (calibration.length === 0) continue;
    const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / dayMs;
    const first = dayNumber(calibration[0]?.[0] as string);
    const repeat = calibration.slice(1).map(([, amount]) => amount);
    out.set(customer, {
      frequency: calibration.length - 1,
      recency: (dayNumber(calibration.at(-1)?.[0] as string) - first) / unitDays,
      age: (dayNumber(calibrationDay) - first) / unitDays,
      monetary: repeat.length > 0 ? meanOf(repeat) : 0,
      holdoutFrequency: holdout.length,
      holdoutMonetary: holdout.length > 0 ? meanOf(holdout.map(([, amount]) => amount)) : 0,
    });
  }
  return out;
}

/** The CLV helper's pure summary over the same counted orders (USD amounts × usdRate). */
function pureSummary(
  options: { calibrationEnd?: Date; observationEnd?: Date; timeUnit: 'day' | 'week' | 'month' },
  usdRate = 1,
) {
  const transactions = orders
    .filter((o) => o.counted)
    .map((o) => ({
      customerId: o.customer,
      at: new Date(o.at),
      amount: o.currency === 'USD' ? o.amount * usdRate : o.amount,
    }));
  return summarisePurchases(transactions, options);
}

/** Counts and times exactly; amounts to 1e-12 relative (the database sums in its own order). */
function expectSameSummary(actual: PurchaseSummary, expected: PurchaseSummary): void {
  expect(actual.customerIds).toEqual(expected.customerIds);
  expect(actual.calibrationEnd).toEqual(expected.calibrationEnd);
  expect(actual.frequency).toEqual(expected.frequency);
  expect(actual.recency).toEqual(expected.recency);
  expect(actual.age).toEqual(expected.age);
  actual.monetary.forEach((value, i) => {
    expectClose(value, expected.monetary[i] as number, `monetary ${actual.customerIds[i]}`, 1e-12);
  });
  expect(actual.holdout === undefined).toBe(expected.holdout === undefined);
  if (!actual.holdout || !expected.holdout) return;
  expect(actual.holdout.end).toEqual(expected.holdout.end);
  expect(actual.holdout.duration).toBe(expected.holdout.duration);
  expect(actual.holdout.frequency).toEqual(expected.holdout.frequency);
  actual.holdout.monetary.forEach((value, i) => {
    expectClose(
      value,
      expected.holdout?.monetary[i] as number,
      `holdout monetary ${actual.customerIds[i]}`,
      1e-12,
    );
  });
}

function expectClose(actual: number, expected: number, what: string, relative = 1e-9): void {
  if (Number.isNaN(expected)) {
    expect(actual, what).toBeNaN();
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    relative * Math.max(1, Math.abs(expected)),
  );
}

// ---------------------------------------------------------------------------------------------

const engines = testStores('customer feature SQL');

describe.each(engines)('customer feature SQL on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store);
  });
  afterAll(() => closeTestStore(store));

  const fixedAsOf = new Date('2024-06-30T12:00:00Z');

  it('loadCustomerFeatures equals the JS computation (fixed asOf), customers in byte order', async () => {
    const table = await loadCustomerFeatures(store, { asOf: fixedAsOf });
    const expected = referenceFeatures(fixedAsOf.getTime());
    expect(table.asOf).toEqual(fixedAsOf);
    expect(table.customerIds).toEqual([...expected.keys()].sort(byteOrder));
    expect(table.customerIds).not.toContain('edge_c');
    table.customerIds.forEach((id, i) => {
      const want = expected.get(id) as Record<string, number>;
      for (const name of customerFeatureNames) {
        expectClose(table.columns[name][i] as number, want[name] as number, `${id}.${name}`);
      }
    });
    // the hand-made customer: 3 counted orders (returned one excluded), 2 same-day
    const a = table.customerIds.indexOf('edge_a');
    expect(table.columns.frequency[a]).toBe(3);
    expect(table.columns.total_spend[a]).toBe(65);
    expect(table.columns.share_online[a]).toBeCloseTo(1 / 3, 12);
    expect(table.columns.category_breadth[a]).toBe(1);
    const b = table.customerIds.indexOf('edge_b');
    expect(table.columns.interpurchase_days[b]).toBeNaN();
    expect(table.columns.category_breadth[b]).toBe(0);
    for (const name of customerFeatureNames) {
      if (name === 'interpurchase_days') continue;
      expect(table.columns[name].every(Number.isFinite), name).toBe(true);
    }
  });

  it('converts amounts to the reporting currency when given money settings', async () => {
    expect(new Set(orders.map((o) => o.currency))).toEqual(new Set(['CNY', 'USD']));
    const money = {
      sql: (alias: string, column: string) =>
        `(${alias}.${column} * CASE ${alias}.currency WHEN 'USD' THEN 7 ELSE 1 END)`,
    };
    const table = await loadCustomerFeatures(store, { asOf: fixedAsOf, money });
    const expected = referenceFeatures(fixedAsOf.getTime(), 7);
    table.customerIds.forEach((id, i) => {
      const want = expected.get(id) as Record<string, number>;
      for (const name of ['monetary', 'total_spend', 'frequency', 'discount_share'] as const) {
        expectClose(table.columns[name][i] as number, want[name] as number, `${id}.${name}`);
      }
    });
  });

  it('defaults asOf to the latest order and gives an empty table before the first order', async () => {
    const latest = Math.max(...orders.map((o) => o.at));
    const table = await loadCustomerFeatures(store);
    expect(table.asOf.getTime()).toBe(latest);
    const expected = referenceFeatures(latest);
    expect(table.customerIds).toEqual([...expected.keys()].sort(byteOrder));
    const i = table.customerIds.indexOf('edge_c');
    expect(table.columns.recency_days[i]).toBe(expected.get('edge_c')?.recency_days);
    const empty = await loadCustomerFeatures(store, { asOf: new Date('2000-01-01T00:00:00Z') });
    expect(empty.customerIds).toEqual([]);
    expect(empty.columns.frequency).toHaveLength(0);
  });

  it('loadPurchaseSummary equals the JS computation and summarisePurchases, with a holdout, in weeks', async () => {
    const calibrationEnd = new Date('2024-03-01T12:00:00Z');
    const observationEnd = new Date('2024-09-30T18:00:00Z');
    const summary = await loadPurchaseSummary(store, { calibrationEnd, observationEnd, timeUnit: 'week' });
    expectSameSummary(summary, pureSummary({ calibrationEnd, observationEnd, timeUnit: 'week' }));
    const expected = referenceSummary(calibrationEnd, observationEnd, 7);
    expect(summary.customerIds).toEqual([...expected.keys()].sort(byteOrder));
    expect(summary.calibrationEnd).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(summary.holdout?.end).toEqual(new Date('2024-09-30T00:00:00Z'));
    expect(summary.holdout?.duration).toBe(213 / 7);
    summary.customerIds.forEach((id, i) => {
      const want = expected.get(id) as Record<string, number>;
      expect(summary.frequency[i], `${id}.frequency`).toBe(want.frequency);
      expect(summary.holdout?.frequency[i], `${id}.holdout`).toBe(want.holdoutFrequency);
      expect(summary.recency[i], `${id}.recency`).toBe(want.recency);
      expect(summary.age[i], `${id}.age`).toBe(want.age);
      expectClose(summary.monetary[i] as number, want.monetary as number, `${id}.monetary`, 1e-12);
      expectClose(
        summary.holdout?.monetary[i] as number,
        want.holdoutMonetary as number,
        `${id}.holdoutMonetary`,
        1e-12,
      );
    });
    // edge_a: both 2024-03-01 orders are one calibration day (10 + 15); the pending 03-05 order is
    // its holdout purchase; the returned one does not count
    const a = summary.customerIds.indexOf('edge_a');
    expect([summary.frequency[a], summary.recency[a], summary.age[a], summary.monetary[a]]).toEqual([
      0, 0, 0, 0,
    ]);
    expect([summary.holdout?.frequency[a], summary.holdout?.monetary[a]]).toEqual([1, 40]);
    expect(summary.customerIds).not.toContain('edge_c');
  });

  it('loadPurchaseSummary without a holdout defaults to the latest counted order day (days, months)', async () => {
    const latest = Math.max(...orders.filter((o) => o.counted).map((o) => o.at));
    for (const timeUnit of ['day', 'month'] as const) {
      const summary = await loadPurchaseSummary(store, { timeUnit });
      expect(summary.holdout).toBeUndefined();
      expect(summary.calibrationEnd.getTime()).toBe(Math.floor(latest / dayMs) * dayMs);
      expectSameSummary(summary, pureSummary({ timeUnit }));
      const expected = referenceSummary(new Date(latest), new Date(latest), TIME_UNIT_DAYS[timeUnit]);
      expect(summary.customerIds).toHaveLength(expected.size);
      const a = summary.customerIds.indexOf('edge_a');
      expect(summary.frequency[a]).toBe(1);
      expect(summary.monetary[a]).toBe(40);
      expect(summary.recency[a]).toBe(4 / TIME_UNIT_DAYS[timeUnit]);
    }
    // amounts converted to the reporting currency
    const money = {
      sql: (alias: string, column: string) =>
        `(${alias}.${column} * CASE ${alias}.currency WHEN 'USD' THEN 7 ELSE 1 END)`,
    };
    const converted = await loadPurchaseSummary(store, { timeUnit: 'week', money });
    expectSameSummary(converted, pureSummary({ timeUnit: 'week' }, 7));
    // observationEnd alone is the calibration end (no holdout), as in summarisePurchases
    const observationEnd = new Date('2024-06-30T00:00:00Z');
    const alone = await loadPurchaseSummary(store, { observationEnd, timeUnit: 'week' });
    expect(alone.holdout).toBeUndefined();
    expectSameSummary(alone, pureSummary({ observationEnd, timeUnit: 'week' }));
  });

  it('rejects a bad time unit, a holdout ending before calibration, and an empty calibration period', async () => {
    await expect(loadPurchaseSummary(store, { timeUnit: 'year' as 'day' })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(
      loadPurchaseSummary(store, {
        timeUnit: 'week',
        calibrationEnd: new Date('2024-01-02T00:00:00Z'),
        observationEnd: new Date('2024-01-01T23:00:00Z'),
      }),
    ).rejects.toThrow(/observationEnd \(2024-01-01\) is before calibrationEnd \(2024-01-02\)/);
    await expect(
      loadPurchaseSummary(store, { timeUnit: 'week', calibrationEnd: new Date('x') }),
    ).rejects.toThrow(/calibrationEnd must be a valid Date/);
    await expect(
      loadPurchaseSummary(store, { timeUnit: 'week', calibrationEnd: new Date('2000-01-01T00:00:00Z') }),
    ).rejects.toMatchObject({ code: 'insufficient_data' });
  });

  it('loadCohortActivity counts active customers per cohort and period (months and ISO weeks)', async () => {
    for (const period of ['month', 'week'] as const) {
      const activity = await loadCohortActivity(store, { period, asOf: fixedAsOf });
      const label = (ms: number) => {
        const d = new Date(ms);
        if (period === 'month') return d.toISOString().slice(0, 7);
        const monday =
          Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * dayMs;
        return utcDay(monday);
      };
      const index = (cohort: string, at: string) =>
        period === 'month'
          ? (Number(at.slice(0, 4)) - Number(cohort.slice(0, 4))) * 12 +
            Number(at.slice(5, 7)) -
            Number(cohort.slice(5, 7))
          : (Date.parse(at) - Date.parse(cohort)) / (7 * dayMs);
      const counted = orders.filter((o) => o.counted && o.at <= fixedAsOf.getTime());
      const cells = new Map<string, Set<string>>();
      for (const [customer, list] of groupBy(counted, (o) => o.customer)) {
        const cohort = label(Math.min(...list.map((o) => o.at)));
        for (const o of list) {
          const key = `${cohort}|${String(index(cohort, label(o.at))).padStart(4, '0')}`;
          const set = cells.get(key) ?? new Set();
          set.add(customer);
          cells.set(key, set);
        }
      }
      const expected = [...cells]
        .sort(([a], [b]) => byteOrder(a, b))
        .map(([key, set]) => {
          const [cohort, at] = key.split('|') as [string, string];
          return { cohort, periodIndex: Number(at), customers: set.size };
        });
      expect(activity).toEqual(expected);
      expect(activity.filter((r) => r.periodIndex === 0).reduce((s, r) => s + r.customers, 0)).toBe(
        new Set(counted.map((o) => o.customer)).size,
      );
    }
    await expect(loadCohortActivity(store, { period: 'day' as 'week' })).rejects.toBeInstanceOf(InputError);
  });

  it('loadActiveCustomerCounts gives S, E, N and retained as a JS count does', async () => {
    const start = new Date('2024-01-01T00:00:00Z');
    const end = new Date('2024-07-01T00:00:00Z');
    for (const activeWindowDays of [30, 90, 365]) {
      const counts = await loadActiveCustomerCounts(store, { start, end, activeWindowDays });
      const w = activeWindowDays * dayMs;
      const counted = orders.filter((o) => o.counted && o.at <= end.getTime());
      let atStart = 0;
      let atEnd = 0;
      let newInPeriod = 0;
      let retained = 0;
      for (const list of groupBy(counted, (o) => o.customer).values()) {
        const s = list.some((o) => o.at > start.getTime() - w && o.at <= start.getTime());
        const e = list.some((o) => o.at > end.getTime() - w && o.at <= end.getTime());
        const first = Math.min(...list.map((o) => o.at));
        atStart += Number(s);
        atEnd += Number(e);
        newInPeriod += Number(e && first > start.getTime());
        retained += Number(s && e);
      }
      expect(counts).toEqual({ start, end, activeWindowDays, atStart, atEnd, newInPeriod, retained });
      expect(counts.atStart).toBeGreaterThan(0);
    }
    await expect(
      loadActiveCustomerCounts(store, { start: end, end: start, activeWindowDays: 30 }),
    ).rejects.toThrow(/end .* must be after start/);
    await expect(loadActiveCustomerCounts(store, { start, end, activeWindowDays: 0 })).rejects.toThrow(
      /activeWindowDays must be a positive/,
    );
  });
});

const cdnow = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/datasets/cdnow');

describe.skipIf(!existsSync(cdnow))('loadPurchaseSummary on CDNOW (needs ../shared/datasets/cdnow)', () => {
  // CDNOW_sample.txt: master id, sample id (1..2357), YYYYMMDD, CDs, dollars; Hardie's summary
  // (x, t_x, T in weeks, zbar) with calibration ending 1997-09-30, rounded to 2 decimals.
  it.each(engines)(
    'reproduces cdnow_customers_summary_with_transactions.csv on %s',
    async (_engine, open) => {
      const text = readFileSync(resolve(cdnow, 'CDNOW_sample.txt'), 'utf8');
      const orderRows = text
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, i) => {
          const [, sampleId, date, , dollars] = line.trim().split(/\s+/) as [
            string,
            string,
            string,
            string,
            string,
          ];
          const at = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00Z`);
          return [`t${i}`, sampleId.padStart(4, '0'), at, Number(dollars)];
        });
      const expected = readFileSync(resolve(cdnow, 'cdnow_customers_summary_with_transactions.csv'), 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(',').map(Number) as [number, number, number, number, number]);
      const store = await open();
      try {
        await store.migrate();
        await store.execute('DELETE FROM orders');
        const orderSpec = findTable('orders') as TableSpec;
        const columns = ['id', 'customer_id', 'ordered_at', 'total_amount'].map(
          (name) => orderSpec.columns.find((c) => c.name === name) as (typeof orderSpec.columns)[number],
        );
        await store.bulkInsert('orders', columns, orderRows);
        const summary = await loadPurchaseSummary(store, {
          calibrationEnd: new Date('1997-09-30T00:00:00Z'),
          timeUnit: 'week',
        });
        expect(summary.customerIds).toHaveLength(2357);
        const round = (x: number) => Math.round(x * 100) / 100;
        summary.customerIds.forEach((id, i) => {
          const [sampleId, x, tx, T, zbar] = expected[i] as [number, number, number, number, number];
          expect(Number(id)).toBe(sampleId);
          expect([
            summary.frequency[i],
            round(summary.recency[i] as number),
            round(summary.age[i] as number),
          ]).toEqual([x, tx, T]);
          expect(Math.abs((summary.monetary[i] as number) - zbar)).toBeLessThanOrEqual(0.005 + 1e-9);
        });
      } finally {
        if (store.dialect === 'postgres') {
          const [row] = await store.query('SELECT current_schema() AS s');
          await store.execute(`DROP SCHEMA IF EXISTS "${row?.s}" CASCADE`);
        }
        await store.close();
      }
    },
  );
});

describe('loaders on an empty store', () => {
  it('say there is no default asOf instead of returning NaN', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    try {
      await store.migrate();
      await expect(loadCustomerFeatures(store)).rejects.toMatchObject({ code: 'insufficient_data' });
      await expect(loadPurchaseSummary(store, { timeUnit: 'week' })).rejects.toMatchObject({
        code: 'insufficient_data',
      });
      await expect(loadCohortActivity(store, { period: 'month' })).rejects.toMatchObject({
        code: 'insufficient_data',
      });
    } finally {
      await store.close();
    }
  });
});
