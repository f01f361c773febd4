import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import { fitClvModels, scoreClv, summarisePurchases } from '../../customers/index.js';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import { openStore } from '../../store/open-store.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { personaRecovery } from '../demo/customer-value-analysis.js';
import { listModelRuns } from '../model-runs.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { predictClv } from './clv-predict.js';
import { fitClv } from './clv-service.js';
import { lastCompletePeriod, runCohorts } from './cohort-service.js';
import { runLoyaltyTiers } from './loyalty-service.js';
import { runRfm } from './rfm-service.js';
import { runSegmentation } from './segmentation-service.js';

/**
 * The customer-value services end to end on the demo data (seed 11, 1,500 customers) in a real
 * store: every run is recorded, every per-customer row carries its run id, nothing is NaN, and
 * the second tier run reports movement against the first.
 */

const demo = generateDemoData({ seed: 11, customers: 1500 });
const money = { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } };
const dayMs = 86_400_000;

async function load(store: Store, tables: readonly string[]): Promise<void> {
  await loadDemoTables(store, demo, tables);
}

describe.each(testStores('customer value services'))('customer value services on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store, ['customers', 'products', 'orders', 'order_lines', 'events', 'ground_truth']);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('RFM: every customer scored once under one run; segments add up', async () => {
    const run = await runRfm(store, { money });
    expect(run.currency).toBe('CNY');
    expect(run.segments.reduce((s, x) => s + x.customers, 0)).toBe(run.customers);
    const [row] = await store.query(
      "SELECT count(*) AS n, count(DISTINCT customer_id) AS d FROM customer_scores WHERE model_run_id = $1 AND score_kind = 'rfm'",
      [run.modelRunId],
    );
    expect(Number(row?.n)).toBe(run.customers);
    expect(Number(row?.d)).toBe(run.customers);
  });

  it('CLV: validated on a holdout, scores with intervals, tiers and their movement, predictions', async () => {
    const window = (await store.query('SELECT max(ordered_at) AS e FROM orders'))[0]?.e as Date;
    const earlier = await fitClv(store, {
      asOf: new Date(window.getTime() - 91 * dayMs),
      calibrationEnd: 'none',
      money,
    });
    expect(earlier.validation).toBeNull();
    const first = await runLoyaltyTiers(store, { clvRunId: earlier.modelRunId });
    expect(first.movement).toBeNull();

    const run = await fitClv(store, { money });
    expect(run.validation?.report.buckets.length).toBeGreaterThan(2);
    expect(run.models.spend.map((s) => s.group).sort()).toEqual(['CNY', 'USD']);
    // CNY and USD customers spend on the same planted law once converted (USD = 7 CNY): the mean
    // spend per purchase p·v/(q − 1) of the two markets agrees (v alone is poorly determined).
    const [cny, usd] = ['CNY', 'USD'].map((g) => {
      const fit = run.models.spend.find((s) => s.group === g)?.fit;
      return fit ? (fit.params.p * fit.params.v) / (fit.params.q - 1) : 0;
    });
    expect(Math.abs((cny as number) / (usd as number) - 1)).toBeLessThan(0.2);
    const n = run.scores.customerIds.length;
    for (let i = 0; i < n; i++) {
      expect(Number.isFinite(run.scores.probabilityAlive[i] as number)).toBe(true);
      if (run.scores.valued[i]) {
        expect(run.scores.clvLower[i] as number).toBeLessThanOrEqual((run.scores.clv[i] as number) + 1e-9);
        expect(run.scores.clvUpper[i] as number).toBeGreaterThanOrEqual((run.scores.clv[i] as number) - 1e-9);
      }
    }
    const kinds = await store.query(
      'SELECT score_kind, count(*) AS n FROM customer_scores WHERE model_run_id = $1 GROUP BY score_kind ORDER BY score_kind',
      [run.modelRunId],
    );
    expect(kinds.map((k) => [k.score_kind, Number(k.n)])).toEqual([
      ['churn_risk', n],
      ['clv', n],
      ['p_alive', n],
    ]);
    const [nulls] = await store.query(
      "SELECT count(*) AS n FROM customer_scores WHERE model_run_id = $1 AND score_kind = 'clv' AND value IS NULL",
      [run.modelRunId],
    );
    expect(Number(nulls?.n)).toBe(0);

    const tiers = await runLoyaltyTiers(store, { clvRunId: run.modelRunId });
    expect(tiers.movement?.previousRunId).toBe(first.modelRunId);
    expect(tiers.tiers.reduce((s, t) => s + t.customers, 0)).toBe(tiers.customers);
    const m = tiers.movement;
    expect((m?.upgraded ?? 0) + (m?.downgraded ?? 0) + (m?.unchanged ?? 0) + (m?.newCustomers ?? 0)).toBe(
      tiers.customers,
    );

    const top = await predictClv(store, { top: 5 });
    expect(top.modelRunId).toBe(run.modelRunId);
    expect(top.predictions).toHaveLength(5);
    const clvs = top.predictions.map((p) => p.clv as number);
    expect([...clvs].sort((a, b) => b - a)).toEqual(clvs);
    const longer = await predictClv(store, {
      customerIds: [top.predictions[0]?.customerId as string],
      horizonMonths: 24,
    });
    expect(longer.predictions[0]?.clv as number).toBeGreaterThan(clvs[0] as number);
    await expect(predictClv(store, { customerIds: ['nobody'] })).rejects.toThrow(/nobody/);
  }, 60_000);

  it('segments: recover the planted shopper personas (adjusted Rand index ≥ 0.8), stored under one run', async () => {
    const run = await runSegmentation(store, { money, seed: 1 });
    expect(run.result.chosenBy).toBe('silhouette');
    const recovery = await personaRecovery(store, run);
    console.log(`segments: k = ${run.result.k}, ARI with planted personas ${recovery?.ari.toFixed(3)}`);
    expect(recovery?.ari).toBeGreaterThanOrEqual(0.8);
    const names = run.result.segments.map((s) => s.label.name.en);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('Store regulars');
    const [row] = await store.query('SELECT count(*) AS n FROM segments WHERE model_run_id = $1', [
      run.modelRunId,
    ]);
    expect(Number(row?.n)).toBe(run.customers);
  });

  it('cohorts: a monthly retention matrix and a retention rate are recorded', async () => {
    const run = await runCohorts(store);
    expect(run.matrix.cohorts.length).toBeGreaterThan(12);
    expect(run.matrix.averageRetention[0]).toBe(1);
    expect(run.retention?.rate).toBeGreaterThan(0);
    expect((await listModelRuns(store, 'customers.cohorts')).map((r) => r.id)).toContain(run.modelRunId);
  });
});

describe('customer value services: bad input', () => {
  it('an empty store: a clear error, nothing recorded', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await expect(runRfm(store)).rejects.toThrow(/There are no orders in the store/);
    await expect(fitClv(store)).rejects.toThrow(InputError);
    await expect(runLoyaltyTiers(store)).rejects.toThrow(/no CLV run/i);
    expect(await listModelRuns(store, 'clv')).toEqual([]);
    await store.close();
  });

  it('orders in two currencies without an exchange rate: says which rate is missing', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await load(store, ['customers', 'products', 'orders']);
    await expect(runRfm(store)).rejects.toThrow(/USD cannot be compared with CNY without an exchange rate/);
    await store.close();
  });
});

describe('customer value services: awkward data', () => {
  it('a free repeat order, a refund and lower-case currency codes do not break a market', async () => {
    const store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await load(store, ['customers', 'products', 'orders']);
    const orders = (demo.tables.orders ?? []).filter((o) => o.currency === 'CNY').slice(0, 3);
    const spec = findTable('orders') as TableSpec;
    const extra = [
      // a free repeat order for a customer whose other orders are paid, and one whose repeats are all free
      { ...orders[0], id: 'free_1', ordered_at: new Date('2024-06-01T10:00:00Z'), total_amount: 0 },
      { ...orders[1], id: 'free_2', ordered_at: new Date('2024-06-02T10:00:00Z'), total_amount: 0 },
      // a refund written as an order, and a lower-case currency code
      { ...orders[2], id: 'refund_1', ordered_at: new Date('2024-06-03T10:00:00Z'), total_amount: -30 },
      {
        ...orders[2],
        id: 'lower_1',
        ordered_at: new Date('2024-06-04T10:00:00Z'),
        currency: ' usd',
        total_amount: 5,
      },
    ];
    await store.bulkInsert(
      'orders',
      spec.columns,
      extra.map((row) =>
        spec.columns.map((c) => ((row as Record<string, unknown>)[c.name] ?? null) as SqlValue),
      ),
    );
    const run = await fitClv(store, { money });
    expect(run.models.spend.every((s) => s.fit !== null)).toBe(true);
    expect(run.models.spend.map((s) => s.group).sort()).toEqual(['CNY', 'USD']);
    let valued = 0;
    for (let i = 0; i < run.scores.customerIds.length; i++) valued += run.scores.valued[i] as number;
    expect(valued).toBe(run.scores.customerIds.length);
    await store.close();
  }, 60_000);

  it('identical spend: a point CLV without an interval and a note, never a crash or NaN', () => {
    const rows = [];
    for (let c = 0; c < 60; c++)
      for (let k = 0; k <= c % 4; k++)
        rows.push({ customerId: `c${c}`, at: new Date(Date.UTC(2024, 0, 1 + k * 20 + (c % 7))), amount: 50 });
    const summary = summarisePurchases(rows, {
      timeUnit: 'week',
      calibrationEnd: new Date('2024-06-30T00:00:00Z'),
    });
    const groups = summary.customerIds.map(() => 'CNY');
    const models = fitClvModels(summary, groups);
    const spend = models.spend[0];
    if (spend?.fit) {
      const scores = scoreClv(summary, groups, models);
      for (let i = 0; i < summary.customerIds.length; i++) {
        expect(Number.isFinite(scores.clv[i] as number)).toBe(true);
        if (!spend.fit.covarianceLog) expect(Number.isNaN(scores.clvLower[i] as number)).toBe(true);
      }
    } else {
      expect(spend?.problem).toMatch(/Gamma-Gamma|spend/);
    }
  });

  it('cohort matrices stop at the last complete period', () => {
    expect(lastCompletePeriod(new Date('2024-06-30T12:00:00Z'), 'month')).toBe('2024-06');
    expect(lastCompletePeriod(new Date('2024-06-15T12:00:00Z'), 'month')).toBe('2024-05');
    // 2024-06-16 is a Sunday: its week (Monday 06-10) is complete
    expect(lastCompletePeriod(new Date('2024-06-16T23:00:00Z'), 'week')).toBe('2024-06-10');
    expect(lastCompletePeriod(new Date('2024-06-12T00:00:00Z'), 'week')).toBe('2024-06-03');
  });
});
