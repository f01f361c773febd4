import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { deriveRng } from '../../core/random.js';
import { findTable, type TableSpec } from '../../core/schema/index.js';
// Only the marketing part of the demo data: generateMarketing with the derived rng, window and
// promotions of generateDemoData (as src/attribution/media-mix/fit-media-mix.test.ts does), on a
// 12-month window so each media-mix fit takes ≈ 1 s instead of ≈ 2.5 s for 24 months.
import { makeWindow, windowPromotions } from '../../demo/calendar.js';
import { generateMarketing } from '../../demo/marketing.js';
import type { DemoRow } from '../../demo/types.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { listModelRuns } from '../model-runs.js';
import { runBudgetOptimization } from './budget-service.js';
import { runCampaignKpis } from './campaign-service.js';
import { loadCampaignStats } from './campaign-stats-sql.js';
import { buildBudgetSection } from './report/budget-section.js';
import { buildCampaignKpiSection } from './report/campaign-section.js';

const window = makeWindow('2023-01-01', 12);
const marketing = generateMarketing(deriveRng(42, 'marketing'), window, windowPromotions(window), 10_000);
const USD = 7;
// SMS campaigns are booked in USD (amounts ÷ 7): with fxRates USD = 7 every number must be as in CNY.
const smsIds = new Set(marketing.campaignRows.filter((c) => c.channel === 'sms').map((c) => c.id as string));
const campaigns = marketing.campaignRows.map((c) =>
  smsIds.has(c.id as string) ? { ...c, currency: 'USD' } : c,
);
const stats = marketing.statRows.map((r) =>
  smsIds.has(r.campaign_id as string)
    ? { ...r, spend: (r.spend as number) / USD, revenue: (r.revenue as number) / USD }
    : r,
);
const truth: DemoRow[] = marketing.truth.map((t) => ({
  id: `${t.kind}:${t.key}`,
  kind: t.kind,
  key: t.key,
  value: t.value as DemoRow[string],
}));
const money = { reportingCurrency: 'CNY', fxRates: { USD } };

async function load(store: Store, name: string, rows: readonly DemoRow[]): Promise<void> {
  const spec = findTable(name) as TableSpec;
  await store.bulkInsert(
    name,
    spec.columns,
    rows.map((row) => spec.columns.map((c) => (row[c.name] ?? null) as SqlValue)),
  );
}

const sumOf = (rows: readonly DemoRow[], field: string) => rows.reduce((s, r) => s + (r[field] as number), 0);

describe.each(testStores('campaign services'))('campaign services on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store, 'campaigns', campaigns);
    await load(store, 'campaign_stats', stats);
    await load(store, 'ground_truth', truth);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('loads campaign_stats converted to the reporting currency, optionally in a date range', async () => {
    const all = await loadCampaignStats(store, { money });
    expect(all.rows).toHaveLength(marketing.statRows.length);
    expect(all.currency).toBe('CNY');
    expect(all.rates).toEqual({ CNY: 1, USD: 7 });
    const spend = all.rows.reduce((s, r) => s + r.spend, 0);
    expect(spend).toBeCloseTo(sumOf(marketing.statRows, 'spend'), 4);
    expect(all.dataWindow?.start.toISOString().slice(0, 10)).toBe('2023-01-01');
    expect(all.dataWindow?.end.toISOString().slice(0, 10)).toBe('2023-12-31');
    const june = await loadCampaignStats(store, {
      from: new Date('2023-06-01T00:00:00Z'),
      to: new Date('2023-06-30T00:00:00Z'),
      money,
    });
    expect(june.rows.every((r) => r.date >= '2023-06-01' && r.date <= '2023-06-30')).toBe(true);
    expect(june.rows).toHaveLength(
      marketing.statRows.filter((r) => (r.date as string).startsWith('2023-06')).length,
    );
    // no USD rate: a clear error naming the currency
    await expect(loadCampaignStats(store, { money: { reportingCurrency: 'CNY' } })).rejects.toMatchObject({
      code: 'missing_fx_rate',
    });
    await expect(
      loadCampaignStats(store, { from: new Date('2030-01-01T00:00:00Z'), money }),
    ).rejects.toBeInstanceOf(InputError);
  });

  it('KPIs: totals equal the generated sums; one campaigns.kpis run; a section in both languages', async () => {
    const run = await runCampaignKpis(store, { money });
    const t = run.report.totals;
    expect(t.spend).toBeCloseTo(sumOf(marketing.statRows, 'spend'), 4);
    expect(t.revenue).toBeCloseTo(sumOf(marketing.statRows, 'revenue'), 4);
    expect(t.conversions).toBe(sumOf(marketing.statRows, 'conversions'));
    expect(t.clicks).toBe(sumOf(marketing.statRows, 'clicks'));
    expect(run.report.byChannel.map((c) => c.channel)).toEqual([
      'affiliate',
      'display',
      'email',
      'search',
      'sms',
      'social',
      'video',
      'wechat',
    ]);
    // planted CTR per channel (±15 % lognormal noise per day averages out)
    const search = run.report.byChannel.find((c) => c.channel === 'search');
    expect(search?.ctr as number).toBeGreaterThan(0.038);
    expect(search?.ctr as number).toBeLessThan(0.042);
    expect(run.report.byDay).toHaveLength(365);
    expect(run.campaignNames[campaigns[0]?.id as string]).toBe(campaigns[0]?.name);
    const [recorded] = await listModelRuns(store, 'campaigns.kpis', 1);
    expect(recorded?.id).toBe(run.modelRunId);
    expect(recorded?.params.currency).toBe('CNY');
    const section = buildCampaignKpiSection(run);
    expect(section.provenance.modelRunId).toBe(run.modelRunId);
    expect(JSON.stringify(section)).not.toMatch(/NaN|Infinity/);
  });

  it('budget: fits, recovers the planted curves, reallocates with a positive uplift, records a media_mix run', async () => {
    const run = await runBudgetOptimization(store, { money, draws: 200, seed: 3 });
    expect(run.channels).toHaveLength(8);
    const total = run.plan.channels.reduce((s, c) => s + c.currentSpend, 0);
    expect(run.plan.totalDailyBudget).toBeCloseTo(total, 6);
    expect(run.plan.channels.reduce((s, c) => s + c.optimizedSpend, 0)).toBeCloseTo(total, 4);
    for (const c of run.plan.channels) {
      expect(c.optimizedSpend).toBeGreaterThanOrEqual(0.5 * c.currentSpend - 1e-6);
      expect(c.optimizedSpend).toBeLessThanOrEqual(2 * c.currentSpend + 1e-6);
    }
    expect(run.plan.uplift).toBeGreaterThan(0);
    const interval = run.plan.upliftInterval;
    expect(interval?.lower as number).toBeLessThanOrEqual(run.plan.uplift);
    expect(interval?.upper as number).toBeGreaterThanOrEqual(run.plan.uplift);
    // recovery on 365 days (half the data of the media-mix test, so looser): θ within 0.3, K within
    // a factor 3, steady-state response at the current spend within 15 %; and the plan also raises
    // conversions under the planted curves.
    const recovery = run.recovery;
    expect(recovery?.channels).toHaveLength(8);
    for (const c of recovery?.channels ?? []) {
      expect(Math.abs(c.fitted.theta - c.planted.theta), c.channel).toBeLessThan(0.3);
      expect(Math.abs(Math.log(c.kRatio)), c.channel).toBeLessThan(Math.log(3));
      expect(Math.abs(c.responseErrorAtCurrent), c.channel).toBeLessThan(0.15);
    }
    expect(recovery?.upliftUnderPlantedCurves as number).toBeGreaterThan(0);
    const [recorded] = await listModelRuns(store, 'media_mix', 1);
    expect(recorded?.id).toBe(run.modelRunId);
    expect(recorded?.metrics.channels).toHaveLength(8);
    expect(recorded?.metrics.recovery).toBeDefined();
    const section = buildBudgetSection(run);
    expect(section.provenance.modelRunId).toBe(run.modelRunId);
    expect(JSON.stringify(section)).not.toMatch(/NaN|Infinity/);
    // bounds that cannot hold the total: a clear error before any fitting
    await expect(
      runBudgetOptimization(store, { money, totalDailyBudget: 10 * total, draws: 0 }),
    ).rejects.toMatchObject({ code: 'infeasible_bounds' });
    await expect(runBudgetOptimization(store, { money, boundsFactor: [2, 1] })).rejects.toMatchObject({
      code: 'invalid_argument',
    });
  }, 30_000);
});
