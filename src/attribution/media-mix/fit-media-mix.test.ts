import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { deriveRng } from '../../core/random.js';
// The test builds only the marketing part of the demo data: generateMarketing with the same derived
// rng, window and promotions as generateDemoData, so campaign_stats is identical to
// generateDemoData({ seed: 42, customers: 20_000 }).tables.campaign_stats (checked once with
// JSON.stringify equality) at 0.1 s instead of 7 s for the whole data set.
import { makeWindow, windowPromotions } from '../../demo/calendar.js';
import { generateMarketing } from '../../demo/marketing.js';
import { optimizeBudget } from './budget.js';
import { type CampaignStatInput, channelDailySeries } from './daily-series.js';
import { fitMediaMix } from './fit-media-mix.js';
import { type MediaResponseParams, steadyStateMarginalResponse, steadyStateResponse } from './hill.js';

const CUSTOMERS = 20_000;
const window = makeWindow('2023-01-01', 24);
const marketing = generateMarketing(deriveRng(42, 'marketing'), window, windowPromotions(window), CUSTOMERS);
const rows = marketing.statRows as unknown as CampaignStatInput[];
const planted = new Map(
  marketing.truth
    .filter((t) => t.kind === 'media_response')
    .map((t) => {
      const v = t.value as { theta: number; K: number; s: number; beta: number };
      const params: MediaResponseParams = {
        adstockDecay: v.theta,
        halfSaturation: v.K,
        shape: v.s,
        maxResponse: v.beta,
      };
      return [t.key, params];
    }),
);
const series = channelDailySeries(rows);
const fit = fitMediaMix(series);

describe('fitMediaMix on the demo data (seed 42, 20 000 customers, 731 days, 8 channels)', () => {
  it('recovers the planted adstock and saturation within the stated tolerances', () => {
    // Tolerances from the Laplace SEs at this data size (731 days, 2–30 conversions a day):
    // SE(θ) 0.02–0.08 → |θ̂ − θ| ≤ 0.15 (≈ 2 SE of the noisiest channels) for ≥ 7 of 8 channels and
    // ≤ 0.25 for all; SE(log K) 0.2–0.5 → K within a factor 2 for ≥ 7 channels, 2.5 for all;
    // SE(s) 0.12–0.38 → |ŝ − s| ≤ 0.75; the steady-state response at the mean spend is pinned by the
    // data (Poisson noise of a 731-day mean ≈ 1 %) → within 10 %.
    // Measured, seed 42: |Δθ| ≤ 0.073, K ratio 0.62–1.38, |Δs| ≤ 0.55, response error ≤ 2.7 %.
    // Seeds 1–5 (same size): max |Δθ| 0.110–0.241 (one channel above 0.15 in seed 2), K ratio
    // 0.58–2.04, max |Δs| 0.33–0.60, max response error 1.7–6.2 %, θ 95 % intervals cover 7–8 of 8.
    let thetaClose = 0;
    let kClose = 0;
    let thetaCovered = 0;
    for (const channel of fit.channels) {
      const truth = planted.get(channel.channel) as MediaResponseParams;
      const thetaError = Math.abs(channel.params.adstockDecay - truth.adstockDecay);
      expect(thetaError, channel.channel).toBeLessThanOrEqual(0.25);
      if (thetaError <= 0.15) thetaClose++;
      const kRatio = channel.params.halfSaturation / truth.halfSaturation;
      expect(Math.abs(Math.log(kRatio)), channel.channel).toBeLessThan(Math.log(2.5));
      if (Math.abs(Math.log(kRatio)) < Math.log(2)) kClose++;
      expect(Math.abs(channel.params.shape - truth.shape), channel.channel).toBeLessThanOrEqual(0.75);
      const x = channel.currentDailySpend;
      const relative = steadyStateResponse(x, channel.params) / steadyStateResponse(x, truth) - 1;
      expect(Math.abs(relative), channel.channel).toBeLessThan(0.1);
      if (
        (channel.lower95?.adstockDecay as number) <= truth.adstockDecay &&
        truth.adstockDecay <= (channel.upper95?.adstockDecay as number)
      )
        thetaCovered++;
    }
    expect(thetaClose).toBeGreaterThanOrEqual(7);
    expect(kClose).toBeGreaterThanOrEqual(7);
    // 95 % intervals: with 8 channels, at least 6 should cover θ (measured: 8 of 8 at seed 42)
    expect(thetaCovered).toBeGreaterThanOrEqual(6);
  });

  it('beats the spend-only linear baseline on holdout deviance for the flighted channels', () => {
    for (const channel of fit.channels) {
      const h = channel.holdout;
      expect(h).not.toBeNull();
      expect(h?.holdoutDays).toBe(731 - Math.floor(731 * 0.8));
      if (channel.channel === 'video' || channel.channel === 'display')
        expect(h?.deviance as number).toBeLessThan(0.7 * (h?.baselineDeviance as number));
      // never much worse than the baseline on the other channels
      expect(h?.deviance as number).toBeLessThan(1.1 * (h?.baselineDeviance as number));
    }
  });

  it('reports curves, marginal ROI and finite standard errors', () => {
    for (const channel of fit.channels) {
      expect(channel.curve).toHaveLength(41);
      expect(channel.curve[0]?.conversions).toBe(0);
      expect(channel.standardErrors).not.toBeNull();
      expect(channel.valuePerConversion as number).toBeGreaterThan(150);
      expect(channel.marginalRoi).toBeCloseTo(
        channel.marginalConversionsPerSpend * (channel.valuePerConversion as number),
        12,
      );
      for (const p of channel.curve) expect(Number.isFinite(p.marginalConversionsPerSpend)).toBe(true);
    }
  });

  it('moves budget toward the channels with the highest planted marginal return', () => {
    const current = Object.fromEntries(fit.channels.map((c) => [c.channel, c.currentDailySpend]));
    const total = Object.values(current).reduce((s, v) => s + v, 0);
    const bounds = Object.fromEntries(
      fit.channels.map((c) => [c.channel, { min: 0.5 * c.currentDailySpend, max: 2 * c.currentDailySpend }]),
    );
    const plan = optimizeBudget(fit, { totalDailyBudget: total, bounds, draws: 300, seed: 7 });
    const byPlantedMarginal = [...fit.channels]
      .map((c) => ({
        channel: c.channel,
        m: steadyStateMarginalResponse(c.currentDailySpend, planted.get(c.channel) as MediaResponseParams),
      }))
      .sort((a, b) => b.m - a.m);
    const change = new Map(plan.channels.map((c) => [c.channel, c.optimizedSpend - c.currentSpend]));
    for (const top of byPlantedMarginal.slice(0, 2))
      expect(change.get(top.channel), top.channel).toBeGreaterThan(0);
    for (const bottom of byPlantedMarginal.slice(-2))
      expect(change.get(bottom.channel), bottom.channel).toBeLessThan(0);
    expect(plan.channels.reduce((s, c) => s + c.optimizedSpend, 0)).toBeCloseTo(total, 6);
    expect(plan.uplift).toBeGreaterThan(0);
    // the plan is better under the planted truth too
    const truthValue = (pick: 'optimizedSpend' | 'currentSpend') =>
      plan.channels.reduce(
        (s, c) => s + steadyStateResponse(c[pick], planted.get(c.channel) as MediaResponseParams),
        0,
      );
    expect(truthValue('optimizedSpend')).toBeGreaterThan(truthValue('currentSpend'));
    const interval = plan.upliftInterval;
    expect(interval?.fixedChannels).toEqual([]);
    expect(interval?.lower as number).toBeLessThan(plan.uplift);
    expect(interval?.upper as number).toBeGreaterThan(plan.uplift);
  });
});

describe('fitMediaMix input checks', () => {
  const one = series[0] as (typeof series)[number];
  it('rejects zero conversions, negative spend and too few days', () => {
    expect(() => fitMediaMix([{ ...one, conversions: new Float64Array(one.spend.length) }])).toThrow(
      /zero conversions/,
    );
    const negative = Float64Array.from(one.spend);
    negative[3] = -1;
    expect(() => fitMediaMix([{ ...one, spend: negative }])).toThrow(InputError);
    const short = {
      ...one,
      spend: one.spend.slice(0, 20),
      conversions: one.conversions.slice(0, 20),
      revenue: one.revenue.slice(0, 20),
    };
    expect(() => fitMediaMix([short])).toThrow(/28 training days/);
    expect(() => fitMediaMix([])).toThrow(InputError);
  });
});
