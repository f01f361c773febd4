import { describe, expect, it } from 'vitest';
import { createRng, gamma, normal } from '../core/random.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { estimateEffect, meanMoments, sequentialTestFromEffect } from './sequential.js';

/**
 * Issue 7 "Done when": 2,000 A/A experiments with continuous peeking (a look after every 100 users
 * per arm, up to 10,000 per arm = 100 looks). Both arms draw from the same N(10, 2²) metric, so
 * every rejection is a false positive. A fixed-horizon z-test checked at every look ("peeking")
 * is known to inflate its error far above 5%; the always-valid sequential test must stay ≤ 5%
 * plus sampling error (binomial s.e. at 5% and 2,000 runs ≈ 0.49%, so the bound 6.5% is 3 s.e.).
 *
 * Only sufficient statistics are simulated: a batch of m i.i.d. N(μ, σ²) values has
 * Σy ~ N(mμ, mσ²) and, independently, Σ(y − ȳ)² ~ σ²χ²(m − 1) = σ²·2·Gamma((m − 1)/2),
 * so Σy² = Σ(y − ȳ)² + (Σy)²/m — exact in distribution, 100× cheaper than drawing every user.
 */

const EXPERIMENTS = 2000;
const BATCH = 100;
const LOOKS = 100;
const MEAN = 10;
const SD = 2;

function simulate(seed: number): { sequentialRate: number; peekingRate: number; finalLookRate: number } {
  const rng = createRng(seed);
  const critical = normalQuantile(0.975);
  let sequentialRejections = 0;
  let peekingRejections = 0;
  let finalLookRejections = 0;
  const sums = new Float64Array(2);
  const squares = new Float64Array(2);
  for (let experiment = 0; experiment < EXPERIMENTS; experiment++) {
    sums.fill(0);
    squares.fill(0);
    let sequentialRejected = false;
    let peekingRejected = false;
    for (let look = 1; look <= LOOKS; look++) {
      for (let arm = 0; arm < 2; arm++) {
        const batchSum = normal(rng, BATCH * MEAN, SD * Math.sqrt(BATCH));
        const within = SD * SD * 2 * gamma(rng, (BATCH - 1) / 2);
        sums[arm] = (sums[arm] as number) + batchSum;
        squares[arm] = (squares[arm] as number) + within + (batchSum * batchSum) / BATCH;
      }
      const n = look * BATCH;
      const control = meanMoments({ n, sum: sums[0] as number, sumSquares: squares[0] as number });
      const treatment = meanMoments({ n, sum: sums[1] as number, sumSquares: squares[1] as number });
      const effect = estimateEffect(control, treatment, 'absolute');
      const zRejects = Math.abs(effect.pointEstimate / effect.standardError) > critical;
      if (zRejects) peekingRejected = true;
      if (look === LOOKS && zRejects) finalLookRejections++;
      if (!sequentialRejected && sequentialTestFromEffect(effect).significant) sequentialRejected = true;
    }
    if (sequentialRejected) sequentialRejections++;
    if (peekingRejected) peekingRejections++;
  }
  return {
    sequentialRate: sequentialRejections / EXPERIMENTS,
    peekingRate: peekingRejections / EXPERIMENTS,
    finalLookRate: finalLookRejections / EXPERIMENTS,
  };
}

describe('A/A simulation with continuous peeking (issue 7 Done-when)', () => {
  it('always-valid sequential test keeps the false-positive rate ≤ 5% + sampling error; peeking z-test does not', () => {
    const rates = simulate(20260821);
    // Reported in the test output on purpose: these are the numbers the issue asks to show.
    console.log(
      `A/A, ${EXPERIMENTS} experiments × ${LOOKS} looks: sequential (GAVI, n* = 5000) false-positive rate ` +
        `${(100 * rates.sequentialRate).toFixed(2)}%; fixed-horizon z-test with peeking ` +
        `${(100 * rates.peekingRate).toFixed(2)}%; z-test at the final look only ${(100 * rates.finalLookRate).toFixed(2)}%`,
    );
    expect(rates.sequentialRate).toBeLessThanOrEqual(0.065);
    expect(rates.peekingRate).toBeGreaterThan(0.065);
    expect(rates.peekingRate).toBeGreaterThan(2 * rates.sequentialRate);
    // Sanity: a single fixed-horizon look is calibrated (5% ± 3 s.e.).
    expect(rates.finalLookRate).toBeGreaterThan(0.035);
    expect(rates.finalLookRate).toBeLessThan(0.065);
  });

  it('is deterministic per seed', () => {
    expect(simulate(11)).toEqual(simulate(11));
  });
});
