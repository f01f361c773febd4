import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aggregateJourneys,
  heuristicAttribution,
  type Journey,
  markovAttribution,
  shapleyAttribution,
} from '../../attribution/index.js';
import { createRng, pickWeighted, poisson } from '../../core/random.js';
import { CNY_PER_USD, generateDemoData } from '../../demo/index.js';
import { JOURNEY_MODEL } from '../../demo/journeys.js';
import { type CalloutBlock, renderReport, type Section } from '../../report/index.js';
import type { Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadDemoTables } from '../testing/demo-tables.js';
import { runAttribution } from './attribution-service.js';
import { runAttributionDemo } from './demo-attribution.js';
import {
  loadPlantedJourneyModel,
  noisyOrShapley,
  plantedChannelShares,
  plantedRecovery,
  totalVariationDistance,
} from './planted-recovery.js';

describe('noisy-OR Shapley values', () => {
  it('matches brute-force permutations', () => {
    // python3: itertools.permutations over q = [0.12, 0.3, 0.1], v(T) = 1 − Π(1 − q_i), average marginal
    // contributions → [0.0972, 0.2682, 0.0802], Σ = v(N) = 0.4456
    const phi = noisyOrShapley([0.12, 0.3, 0.1]);
    expect(phi[0]).toBeCloseTo(0.0972, 14);
    expect(phi[1]).toBeCloseTo(0.2682, 14);
    expect(phi[2]).toBeCloseTo(0.0802, 14);
    expect(noisyOrShapley([0.5, 0.5])).toEqual([0.375, 0.375]);
    expect(noisyOrShapley([0.4])).toEqual([0.4]);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => noisyOrShapley([0.2, 1.5])).toThrow(/\[0, 1\]/);
    expect(() => noisyOrShapley([Number.NaN])).toThrow(/\[0, 1\]/);
  });
});

describe('planted channel shares', () => {
  const model = { baseline: 0.12, lift: { a: 0.3, b: 0.1 } };

  it('splits each conversion by the Shapley value with the baseline as a player, then drops the baseline', () => {
    const shares = plantedChannelShares(
      [
        { path: ['a', 'b', 'a'], conversions: 2, nulls: 5 },
        { path: ['b'], conversions: 1, nulls: 3 },
        { path: ['a'], conversions: 0, nulls: 4 },
      ],
      model,
    );
    // {a, b}: parts 0.2682/0.4456 and 0.0802/0.4456 per conversion (×2); {b}: baseline and b share
    // v = 0.208 equally-ish: φ_b = 0.1·(1 + 0.88)/2 = 0.094, φ_0 = 0.12·(1 + 0.9)/2 = 0.114
    const a = (2 * 0.2682) / 0.4456;
    const b = (2 * 0.0802) / 0.4456 + 0.094 / 0.208;
    const base = (2 * 0.0972) / 0.4456 + 0.114 / 0.208;
    expect(shares.totalConversions).toBe(3);
    expect(shares.baselineConversions).toBeCloseTo(base, 12);
    expect(shares.channels.find((c) => c.channel === 'a')?.conversions).toBeCloseTo(a, 12);
    expect(shares.channels.find((c) => c.channel === 'b')?.share).toBeCloseTo(b / (a + b), 12);
  });

  it('rejects a channel without a planted lift', () => {
    expect(() => plantedChannelShares([{ path: ['a', 'zzz'], conversions: 1 }], model)).toThrow(
      /"zzz" has no planted lift/,
    );
  });

  it('total variation distance is ½ Σ |difference| over the union of channels', () => {
    expect(
      totalVariationDistance(
        new Map([
          ['a', 0.5],
          ['b', 0.5],
        ]),
        new Map([
          ['a', 0.25],
          ['c', 0.75],
        ]),
      ),
    ).toBeCloseTo(0.75, 15);
  });
});

/**
 * Journeys drawn straight from the demo's noisy-OR model (zh propensities, 20 000 draws, seed 1), no store.
 * Measured (errors = total variation vs the planted Shapley shares): last touch 0.178, Shapley (conversion
 * game) 0.178, Shapley (conversion-rate game) 0.109, Markov order 1 0.224. So on clean data the rate
 * game recovers the planted effects best; the Markov removal effect is WORSE than last touch: it measures
 * how often a converting walk passes a channel (reach), and the frequent low-lift channels (social,
 * display) get too much credit.
 */
describe('recovery on journeys drawn from the planted model (no store)', () => {
  const rng = createRng(1);
  const keys = Object.keys(JOURNEY_MODEL.lift) as (keyof typeof JOURNEY_MODEL.lift)[];
  const weights = keys.map((k) => JOURNEY_MODEL.propensity.zh[k]);
  const drawn: Journey[] = [];
  for (let i = 0; i < 20_000; i++) {
    const k = poisson(rng, JOURNEY_MODEL.touchesMean);
    if (k === 0) continue;
    const path = Array.from({ length: k }, () => keys[pickWeighted(rng, weights)] as string);
    let miss = 1 - JOURNEY_MODEL.baseline;
    for (const c of new Set(path)) miss *= 1 - JOURNEY_MODEL.lift[c as keyof typeof JOURNEY_MODEL.lift];
    drawn.push({ path, conversions: rng.next() < 1 - miss ? 1 : 0 });
  }
  const journeys = aggregateJourneys(drawn);
  const truth = new Map(
    plantedChannelShares(journeys, {
      baseline: JOURNEY_MODEL.baseline,
      lift: JOURNEY_MODEL.lift,
    }).channels.map((c) => [c.channel, c.share]),
  );
  const total = journeys.reduce((s, j) => s + j.conversions, 0);
  const error = (credits: readonly { channel: string; conversions: number }[]) =>
    totalVariationDistance(new Map(credits.map((c) => [c.channel, c.conversions / total])), truth);

  it('Shapley (conversion-rate game) beats last touch; Markov removal effects do not (measured)', () => {
    const last = error(heuristicAttribution(journeys).lastTouch);
    const shapleyRate = error(shapleyAttribution(journeys, { characteristic: 'conversionRate' }).byChannel);
    const shapleyConversions = error(shapleyAttribution(journeys).byChannel);
    const markov = error(markovAttribution(journeys).byChannel);
    expect(last).toBeCloseTo(0.178, 2);
    expect(shapleyRate).toBeLessThan(last - 0.05);
    expect(Math.abs(shapleyConversions - last)).toBeLessThan(0.01);
    expect(markov).toBeGreaterThan(last + 0.03);
  });
});

const demo = generateDemoData({ seed: 11, customers: 1500 });
const money = { reportingCurrency: 'CNY', fxRates: { USD: CNY_PER_USD } };

async function load(store: Store): Promise<void> {
  await loadDemoTables(store, demo, [
    'customers',
    'orders',
    'campaigns',
    'campaign_stats',
    'touchpoints',
    'ground_truth',
  ]);
}

/**
 * The demo in a store (seed 11, 1 500 customers, lookback 30 days, Markov order 1, Shapley's
 * conversion-rate game). Measured errors: first 0.166, last 0.171, linear 0.168, time-decay 0.170,
 * position 0.168, Markov 0.219, Shapley 0.159 (seeds 42 / 7: last 0.182 / 0.173, Shapley 0.134 / 0.122,
 * Markov 0.228 / 0.223; the full demo, seed 42 with 20 000 customers: last 0.169, Shapley 0.140, Markov 0.223).
 * So Shapley beats last touch, as the Done-when asks, and Markov does NOT: its removal effects are worse
 * than last touch on every seed (the clean-data test above shows why — it is the model, not the data).
 * Before the generator kept non-converting journeys apart, they merged into long paths in the store and
 * Shapley only tied last touch (0.181 vs 0.179).
 */
describe.each(testStores('attribution planted recovery'))('planted recovery on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('reads the planted lifts from ground truth', async () => {
    const model = await loadPlantedJourneyModel(store);
    expect(model?.baseline).toBe(0.12);
    expect(model?.lift).toEqual(JOURNEY_MODEL.lift);
  });

  it('Shapley beats last touch on the demo journeys; Markov is worse (measured)', async () => {
    const run = await runAttribution(store, { money });
    const recovery = await plantedRecovery(store, run);
    expect(recovery).not.toBeNull();
    const err = Object.fromEntries((recovery?.errors ?? []).map((e) => [e.model, e.error]));
    expect(err.last).toBeCloseTo(0.171, 2);
    expect(err.markov).toBeCloseTo(0.219, 2);
    expect(err.shapley).toBeCloseTo(0.159, 2);
    expect(err.shapley as number).toBeLessThan((err.last as number) - 0.01);
    expect(err.markov as number).toBeGreaterThan((err.last as number) + 0.03);
    expect(recovery?.best).toBe('shapley');
    const truthShares = recovery?.truth.channels ?? [];
    expect(truthShares.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 12);
    // the planted truth ranks search (largest lift, frequent) first
    expect([...truthShares].sort((a, b) => b.share - a.share)[0]?.channel).toBe('search');
  });

  it('demo entry: one bilingual section with the side-by-side table, chart, ROI and recovery blocks', async () => {
    const sections = await runAttributionDemo({ store, seed: 11, money });
    expect(sections).toHaveLength(1);
    const section = sections[0] as Section;
    expect(section.provenance.modelRunId).toMatch(/^run/);
    expect(section.blocks.map((b) => b.kind)).toEqual([
      'kpis',
      'table',
      'chart',
      'table',
      'table',
      'table',
      'callout',
    ]);
    const callout = section.blocks.at(-1) as CalloutBlock;
    expect(callout.tone).toBe('warn');
    expect(callout.text.en).toMatch(
      /Closest to the planted effects: Shapley .*Markov does not beat last touch; Shapley beats it/,
    );
    const report = { title: { en: 'A', zh: 'A' }, generatedAt: new Date(0), currency: 'CNY', sections };
    const en = renderReport(report, 'en');
    const zh = renderReport(report, 'zh');
    expect(en).toContain('Channel attribution');
    expect(zh).toContain('渠道归因');
    expect(en + zh).not.toMatch(/NaN/);
  });

  it('returns null without planted truth', async () => {
    const run = await runAttribution(store, { money, models: ['last'] });
    await store.execute("DELETE FROM ground_truth WHERE kind = 'channel_lift'");
    expect(await plantedRecovery(store, run)).toBeNull();
  });
});
