import { InputError } from '../core/errors.js';
import { beta as betaDraw, createRng } from '../core/random.js';
import { quantile } from '../stats/descriptive.js';
import { normalQuantile } from '../stats/normal-quantile.js';

/**
 * Expected revenue of alternative strategies (seed ch.12): E = Σᵢ pᵢ·rᵢ over a strategy's outcomes i
 * with probability pᵢ and revenue (value) rᵢ, e.g. "send the coupon: 4 % buy at ¥120, 10 % click
 * at ¥5 of ad value". An outcome's pᵢ is either known (`probability`) or estimated from observed
 * `successes` / `trials`, with a Beta(a₀ + successes, b₀ + trials − successes) posterior
 * (default prior Beta(1, 1)); outcomes are treated as independent.
 * Reported per strategy: the plug-in E at pᵢ = successes / trials, the posterior mean Σ E[pᵢ]·rᵢ,
 * a delta-method interval E ± z·√(Σ rᵢ²·pᵢ(1 − pᵢ)/nᵢ), a Monte-Carlo credible interval from
 * `draws` (default 10 000) seeded posterior draws, and the probability that each strategy has the
 * highest E (same draws). An outcome with 0 trials and no probability is an error.
 * Reference: Gelman et al. (2013), Bayesian Data Analysis, 3rd ed., §2.4 (beta-binomial);
 * Casella & Berger (2002) §5.5.4 (delta method).
 * Cost: O(draws × outcomes). Example: one outcome 30/100 at ¥50 → expected 15, delta 95 % CI
 * [10.51, 19.49].
 */

export interface RevenueOutcome {
  readonly label?: string;
  /** Revenue when the outcome happens. May be negative (a cost). */
  readonly value: number;
  /** Known probability (no uncertainty). */
  readonly probability?: number;
  readonly successes?: number;
  readonly trials?: number;
}

export interface RevenueStrategy {
  readonly name: string;
  readonly outcomes: readonly RevenueOutcome[];
}

export interface ExpectedRevenueOptions {
  readonly level?: number;
  readonly draws?: number;
  readonly seed?: number;
  /** Beta prior (a₀, b₀); default (1, 1). */
  readonly prior?: { readonly alpha: number; readonly beta: number };
}

export interface StrategyRevenue {
  readonly name: string;
  /** Σ p̂ᵢ·rᵢ with p̂ᵢ = successes / trials (or the known probability). */
  readonly expected: number;
  readonly posteriorMean: number;
  readonly deltaInterval: { readonly lower: number; readonly upper: number; readonly standardError: number };
  readonly credibleInterval: { readonly lower: number; readonly upper: number };
  readonly probabilityBest: number;
}

export interface ExpectedRevenueResult {
  readonly level: number;
  readonly draws: number;
  readonly strategies: readonly StrategyRevenue[];
}

interface Prepared {
  readonly value: number;
  readonly p: number;
  readonly variance: number;
  readonly a: number | null;
  readonly b: number | null;
}

/** Expected revenue with intervals for each strategy; see the module comment. */
export function expectedRevenue(
  strategies: readonly RevenueStrategy[],
  options: ExpectedRevenueOptions = {},
): ExpectedRevenueResult {
  const level = options.level ?? 0.95;
  const draws = options.draws ?? 10_000;
  const a0 = options.prior?.alpha ?? 1;
  const b0 = options.prior?.beta ?? 1;
  if (!(level > 0 && level < 1))
    throw new InputError('invalid_argument', `level must be in (0, 1), got ${level}`);
  if (!(Number.isInteger(draws) && draws >= 100))
    throw new InputError('invalid_argument', `draws must be an integer ≥ 100, got ${draws}`);
  if (!(a0 > 0 && b0 > 0 && Number.isFinite(a0) && Number.isFinite(b0)))
    throw new InputError('invalid_argument', `prior alpha and beta must be > 0, got ${a0}, ${b0}`);
  if (strategies.length === 0)
    throw new InputError('insufficient_data', 'expectedRevenue needs at least one strategy');
  const prepared: Prepared[][] = strategies.map((strategy) => {
    if (strategy.outcomes.length === 0)
      throw new InputError('invalid_argument', `strategy '${strategy.name}' has no outcomes`);
    return strategy.outcomes.map((o, i) => {
      const where = `strategy '${strategy.name}' outcome ${o.label ?? i}`;
      if (!Number.isFinite(o.value))
        throw new InputError('invalid_argument', `${where}: value must be finite`);
      if (o.probability !== undefined) {
        if (!(o.probability >= 0 && o.probability <= 1))
          throw new InputError(
            'invalid_argument',
            `${where}: probability must be in [0, 1], got ${o.probability}`,
          );
        return { value: o.value, p: o.probability, variance: 0, a: null, b: null };
      }
      const { successes, trials } = o;
      if (successes === undefined || trials === undefined)
        throw new InputError('invalid_argument', `${where}: give either probability or successes and trials`);
      if (!(Number.isInteger(trials) && trials > 0))
        throw new InputError(
          'insufficient_data',
          `${where}: trials must be a positive integer, got ${trials}`,
          {
            hint: 'with no trials the probability is unknown; give a known probability instead',
          },
        );
      if (!(Number.isInteger(successes) && successes >= 0 && successes <= trials))
        throw new InputError(
          'invalid_argument',
          `${where}: successes must be an integer in [0, trials], got ${successes}`,
        );
      const p = successes / trials;
      return {
        value: o.value,
        p,
        variance: (p * (1 - p)) / trials,
        a: a0 + successes,
        b: b0 + trials - successes,
      };
    });
  });
  const z = normalQuantile((1 + level) / 2);
  const rng = createRng(options.seed ?? 1);
  const samples = prepared.map(() => new Float64Array(draws));
  const wins = new Float64Array(strategies.length);
  for (let d = 0; d < draws; d++) {
    let best = Number.NEGATIVE_INFINITY;
    const leaders: number[] = [];
    prepared.forEach((outcomes, s) => {
      let total = 0;
      for (const o of outcomes) total += (o.a === null ? o.p : betaDraw(rng, o.a, o.b as number)) * o.value;
      (samples[s] as Float64Array)[d] = total;
      if (total > best) {
        best = total;
        leaders.length = 0;
        leaders.push(s);
      } else if (total === best) leaders.push(s);
    });
    for (const s of leaders) wins[s] = (wins[s] as number) + 1 / leaders.length;
  }
  return {
    level,
    draws,
    strategies: strategies.map((strategy, s) => {
      const outcomes = prepared[s] as Prepared[];
      const expected = outcomes.reduce((acc, o) => acc + o.p * o.value, 0);
      const posteriorMean = outcomes.reduce(
        (acc, o) => acc + (o.a === null ? o.p : o.a / (o.a + (o.b as number))) * o.value,
        0,
      );
      const standardError = Math.sqrt(outcomes.reduce((acc, o) => acc + o.value ** 2 * o.variance, 0));
      const sample = samples[s] as Float64Array;
      return {
        name: strategy.name,
        expected,
        posteriorMean,
        deltaInterval: {
          lower: expected - z * standardError,
          upper: expected + z * standardError,
          standardError,
        },
        credibleInterval: {
          lower: quantile(sample, (1 - level) / 2),
          upper: quantile(sample, (1 + level) / 2),
        },
        probabilityBest: (wins[s] as number) / draws,
      };
    }),
  };
}
