import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../../test/non-finite.js';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { findModelRun } from '../model-runs.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { runForecast } from './forecast-service.js';
import { inventoryPlan, loadStoredForecast, readKeyedNumbers, salesPlanFromTargets } from './plan-service.js';

const demo = generateDemoData({ seed: 3, customers: 600 });
const money = { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } };

describe.each(testStores('forecast service'))('forecast service on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await loadDemoTables(store, demo, ['products', 'customers', 'orders', 'order_lines']);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('forecasts weekly units by category on worker threads, stores the run and the forecasts', async () => {
    const progress: number[] = [];
    const run = await runForecast(store, {
      level: 'category',
      measure: 'units',
      period: 'week',
      horizon: 8,
      money,
      chunkSize: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(run.series.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(run.series.length);
    expect(run.summary.failed).toBe(0);
    expect(run.futureStarts).toHaveLength(8);
    for (const s of run.series) {
      expect(s.point).toHaveLength(8);
      expect(s.history).toHaveLength(run.periodStarts.length);
      const i80 = s.intervals.find((i) => i.level === 80);
      const i95 = s.intervals.find((i) => i.level === 95);
      s.point.forEach((p, h) => {
        expect(i95?.lower[h]).toBeLessThanOrEqual(i80?.lower[h] as number);
        expect(i80?.lower[h]).toBeLessThanOrEqual(p + 1e-9);
        expect(i80?.upper[h]).toBeGreaterThanOrEqual(p - 1e-9);
      });
    }
    const [count] = await store.query('SELECT count(*) AS n FROM forecasts WHERE model_run_id = $1', [
      run.modelRunId,
    ]);
    expect(Number(count?.n)).toBe(run.series.length * 8);
    const recorded = await findModelRun(store, run.modelRunId);
    expect(recorded?.kind).toBe('forecast');
    expect(recorded?.params).toMatchObject({
      level: 'category',
      measure: 'units',
      period: 'week',
      horizon: 8,
    });
    expect(nonFiniteNumbers(run.summary)).toEqual([]);
    expect(nonFiniteNumbers(run.series.map((s) => [s.point, s.intervals]))).toEqual([]);

    // planning from the stored run
    const stored = await loadStoredForecast(store);
    expect(stored.run.id).toBe(run.modelRunId);
    expect(stored.periodStarts).toEqual(run.futureStarts);
    const inventory = inventoryPlan(stored, { leadTime: 2, serviceLevel: 0.95 });
    for (const line of inventory) {
      expect(line.safetyStock).toBeGreaterThanOrEqual(0);
      expect(line.orderUpToLevel).toBeCloseTo(line.protectionDemand + line.safetyStock, 9);
      expect(line.orderQuantity).toBeGreaterThanOrEqual(0);
    }
    const key = run.series[0]?.key as string;
    const dir = mkdtempSync(join(tmpdir(), 'mm-targets-'));
    const file = join(dir, 'targets.csv');
    writeFileSync(
      file,
      `series,period,target\n${key},${run.futureStarts[0]},100\n${key},${run.futureStarts[1]},120\n`,
    );
    const plan = salesPlanFromTargets(
      stored,
      await readKeyedNumbers(file, { key: 'series', value: 'target', period: 'period' }),
    );
    const row = plan.rows.find((r) => r.key === key);
    expect(plan.periods).toEqual(run.futureStarts.slice(0, 2));
    expect(row?.total.target).toBe(220);
    expect(row?.total.gap).toBeCloseTo(
      (run.series[0]?.point[0] as number) + (run.series[0]?.point[1] as number) - 220,
      6,
    );
    writeFileSync(file, `series,period,target\nnope,${run.futureStarts[0]},1\n`);
    const unknown = await readKeyedNumbers(file, { key: 'series', value: 'target', period: 'period' });
    expect(() => salesPlanFromTargets(stored, unknown)).toThrow(
      /Targets name series the forecast does not have: nope/,
    );
    writeFileSync(file, `series,period,target\n${key},next week,1\n`);
    await expect(
      readKeyedNumbers(file, { key: 'series', value: 'target', period: 'period' }),
    ).rejects.toThrow(
      /1 row\(s\) could not be read:\n {2}row 1: period "next week" is not a date YYYY-MM-DD/,
    );
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('reconciles SKU, category and total forecasts so they add up (MinT shrink)', async () => {
    const run = await runForecast(store, {
      level: 'sku',
      measure: 'units',
      period: 'week',
      horizon: 4,
      windows: 1,
      reconcile: 'mint_shrink',
      money,
    });
    expect(run.reconciliation?.method).toBe('mint_shrink');
    const nodes = (node: string) => run.series.filter((s) => s.node === node);
    const total = nodes('total')[0];
    expect(total?.key).toBe('total');
    const categories = nodes('category');
    const skus = nodes('sku');
    expect(categories.length).toBeGreaterThan(1);
    for (let h = 0; h < 4; h++) {
      const sum = (list: typeof skus) => list.reduce((s, x) => s + (x.point[h] as number), 0);
      expect(sum(categories)).toBeCloseTo(total?.point[h] as number, 6);
      for (const c of categories)
        expect(sum(skus.filter((s) => s.parent === c.key))).toBeCloseTo(c.point[h] as number, 6);
    }
    const [keys] = await store.query(
      "SELECT count(DISTINCT series_key) AS n FROM forecasts WHERE model_run_id = $1 AND series_key LIKE 'category:%'",
      [run.modelRunId],
    );
    expect(Number(keys?.n)).toBe(categories.length);
    await expect(runForecast(store, { level: 'category', reconcile: 'ols', money })).rejects.toThrow(
      /Reconciliation needs the whole SKU level/,
    );
  }, 120_000);

  it('rejects bad settings with the reason', async () => {
    await expect(runForecast(store, { horizon: 0, money })).rejects.toThrow(/horizon must be a whole number/);
    await expect(runForecast(store, { model: 'prophet' as 'ets', money })).rejects.toThrow(
      /Unknown forecasting model/,
    );
  });
});
