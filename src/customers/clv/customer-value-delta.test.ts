import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/random.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { fitBgNbd } from './bg-nbd.js';
import { customerLifetimeValue, customerLifetimeValueIntervals } from './customer-value.js';
import { customerLifetimeValueDeltaIntervals } from './customer-value-delta.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { simulateBgNbdGammaGamma } from './simulate.js';

describe('normalQuantile', () => {
  it('matches scipy.stats.norm.ppf', () => {
    // python3 -c "from scipy.stats import norm; print(norm.ppf([0.975, 0.95, 0.001, 0.5, 0.3]))"
    // → [ 1.95996398  1.64485363 -3.09023231  0.         -0.52440051]
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 8);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644853627, 8);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    expect(normalQuantile(0.3)).toBeCloseTo(-0.524400513, 8);
    expect(() => normalQuantile(1)).toThrow(/\(0, 1\)/);
  });
});

describe('customerLifetimeValueDeltaIntervals', () => {
  // 3,000 simulated customers: enough for the asymptotic normal to be a fair description.
  const rng = createRng(3);
  const ages = Float64Array.from({ length: 3000 }, () => 20 + 80 * rng.next());
  const sim = simulateBgNbdGammaGamma(
    rng,
    ages,
    { r: 0.45, alpha: 6, a: 0.8, b: 2.5 },
    { p: 6, q: 4, v: 15 },
  );
  const bg = fitBgNbd(sim);
  const gg = fitGammaGamma(sim);
  const options = { periods: 12, periodLength: 365.25 / 12 / 7, discountRate: 0.01, level: 0.9 };

  it('centres on the point CLV and agrees in width with the parameter-sampling intervals', () => {
    const delta = customerLifetimeValueDeltaIntervals(bg, gg, sim, options);
    const sampled = customerLifetimeValueIntervals(bg, gg, sim, { ...options, draws: 400, seed: 9 });
    const point = customerLifetimeValue(bg.params, gg.params, sim, options);
    const ratios: number[] = [];
    for (let i = 0; i < 200; i++) {
      expect(delta.value[i]).toBeCloseTo(point[i] as number, 10);
      expect(delta.lower[i] as number).toBeLessThanOrEqual(point[i] as number);
      expect(delta.upper[i] as number).toBeGreaterThanOrEqual(point[i] as number);
      const width = Math.log(delta.upper[i] as number) - Math.log(delta.lower[i] as number);
      const sampledWidth = Math.log(sampled.upper[i] as number) - Math.log(sampled.lower[i] as number);
      ratios.push(width / sampledWidth);
    }
    ratios.sort((a, b) => a - b);
    const medianRatio = ratios[100] as number;
    expect(medianRatio).toBeGreaterThan(0.8);
    expect(medianRatio).toBeLessThan(1.25);
  });

  it('needs fits with a covariance and a level in (0, 1)', () => {
    expect(() =>
      customerLifetimeValueDeltaIntervals({ ...bg, covarianceLog: null }, gg, sim, options),
    ).toThrow(/covariance/);
    expect(() => customerLifetimeValueDeltaIntervals(bg, gg, sim, { ...options, level: 1 })).toThrow(/level/);
  });
});
