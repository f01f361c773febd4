import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../../test/non-finite.js';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { findModelRun } from '../model-runs.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { attributionModels, parseAttributionModels, runAttribution } from './attribution-service.js';

/**
 * The attribution service end to end on the demo data (seed 11, 1 500 customers) in a real store:
 * every model's credits add up to the conversions, the spend joins campaign_stats by channel, the
 * run is recorded, nothing is NaN.
 */

const demo = generateDemoData({ seed: 11, customers: 1500 });
const money = { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } };

async function load(store: Store, tables: readonly string[]): Promise<void> {
  await loadDemoTables(store, demo, tables);
}

describe('attribution model list', () => {
  it('parses all, a subset (in display order) and rejects unknown names', () => {
    expect(parseAttributionModels(['all'])).toEqual(attributionModels);
    expect(parseAttributionModels(undefined)).toEqual(attributionModels);
    expect(parseAttributionModels(['shapley', 'last'])).toEqual(['last', 'shapley']);
    expect(() => parseAttributionModels(['last', 'magic'])).toThrow(/Unknown attribution model\(s\): magic/);
  });
});

describe.each(testStores('attribution service'))('attribution service on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store, ['customers', 'orders', 'campaigns', 'campaign_stats', 'touchpoints']);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('runs every model, joins spend by channel and records the run', async () => {
    const run = await runAttribution(store, { money });
    expect(run.models).toEqual(attributionModels);
    expect(run.totals.currency).toBe('CNY');
    // the generator places journeys so the lookback rule reads them back: every converting journey with a
    // touch, and every non-converting one except those it could not keep apart (each joins an order's
    // journey or merges with, at most, the journeys on either side of it)
    const truth = demo.groundTruth.find((t) => t.kind === 'channel_lift' && t.key === 'model')?.value as {
      convertingWithTouches: number;
      nonConvertingWithTouches: number;
      nonConvertingNotIsolated: number;
    };
    expect(run.totals.conversions).toBeGreaterThanOrEqual(truth.convertingWithTouches);
    expect(run.totals.conversions).toBeLessThanOrEqual(
      truth.convertingWithTouches + truth.nonConvertingNotIsolated,
    );
    expect(run.totals.nonConverting).toBeLessThanOrEqual(truth.nonConvertingWithTouches);
    expect(run.totals.nonConverting).toBeGreaterThanOrEqual(
      truth.nonConvertingWithTouches - 2 * truth.nonConvertingNotIsolated,
    );
    const channels = run.channels.map((c) => c.channel).sort();
    expect(channels).toEqual(['affiliate', 'display', 'email', 'search', 'sms', 'social', 'video', 'wechat']);
    // demo: touchpoints and campaign_stats share channel keys, so every channel has spend
    const [spendRow] = await store.query('SELECT sum(spend) AS s FROM campaign_stats');
    expect(run.totals.spend).toBeCloseTo(Number(spendRow?.s), 4);
    for (const model of run.models) {
      const conversions = run.channels.reduce((s, c) => s + (c.byModel[model]?.conversions ?? 0), 0);
      const value = run.channels.reduce((s, c) => s + (c.byModel[model]?.value ?? 0), 0);
      const share = run.channels.reduce((s, c) => s + (c.byModel[model]?.share ?? 0), 0);
      expect(conversions).toBeCloseTo(run.totals.conversions, 6);
      expect(value / run.totals.value).toBeCloseTo(1, 9);
      expect(share).toBeCloseTo(1, 12);
    }
    for (const c of run.channels) {
      expect(c.spend).toBeGreaterThan(0);
      for (const model of run.models) {
        const roi = c.roi[model];
        expect(roi).not.toBeNull();
        expect(roi).toBeCloseTo((c.byModel[model]?.value ?? 0) / (c.spend as number), 12);
      }
    }
    // search is the most frequent channel: first under last touch
    expect(run.channels[0]?.channel).toBe('search');
    expect(nonFiniteNumbers(run)).toEqual([]);
    const recorded = await findModelRun(store, run.modelRunId);
    expect(recorded?.kind).toBe('attribution');
    expect(recorded?.params).toMatchObject({ markovOrder: 1, lookbackDays: 30, currency: 'CNY' });
    expect(recorded?.metrics.totals).toMatchObject({ conversions: run.totals.conversions });
  });

  it('Markov order 2 and a subset of models', async () => {
    const run = await runAttribution(store, { money, models: ['markov'], markovOrder: 2 });
    expect(run.models).toEqual(['markov']);
    expect(run.markovOrder).toBe(2);
    expect(Object.keys(run.channels[0]?.byModel ?? {})).toEqual(['markov']);
  });

  it('bad options and missing data are clear errors', async () => {
    await expect(runAttribution(store, { money, markovOrder: 4 as 1 })).rejects.toThrow(/Markov order/);
    await expect(runAttribution(store, { money, lookbackDays: 0 })).rejects.toThrow(/lookback/);
    await expect(runAttribution(store, { money: { reportingCurrency: 'CNY', fxRates: {} } })).rejects.toThrow(
      /exchange rate/,
    );
  });

  it('a channel with touchpoints but no spend gets ROI null, with a note', async () => {
    await store.execute(
      "INSERT INTO touchpoints (id, customer_id, channel, ts) SELECT 'tch_extra', customer_id, 'podcast', ordered_at - INTERVAL '1 day' FROM orders WHERE status = 'completed' ORDER BY id LIMIT 1",
    );
    const run = await runAttribution(store, { money, models: ['last', 'linear'] });
    const podcast = run.channels.find((c) => c.channel === 'podcast');
    expect(podcast?.spend).toBeNull();
    expect(podcast?.roi.linear).toBeNull();
    expect(run.notes.some((n) => n.en.includes('No spend recorded') && n.en.includes('podcast'))).toBe(true);
    await store.execute("DELETE FROM touchpoints WHERE id = 'tch_extra'");
  });
});

describe.each(testStores('attribution service empty'))(
  'attribution service without data on %s',
  (_e, open) => {
    let store: Store;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    });
    afterAll(() => closeTestStore(store));

    it('no touchpoints → insufficient_data', async () => {
      await expect(runAttribution(store)).rejects.toThrow(/no touchpoints/);
    });
  },
);
