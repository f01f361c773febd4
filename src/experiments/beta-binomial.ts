import { InputError } from '../core/errors.js';
import { createRng, beta as sampleBeta } from '../core/random.js';
import { regularizedIncompleteBeta } from '../stats/distributions.js';
import { logBeta } from '../stats/special.js';

/**
 * Bayesian A/B analysis with the beta-binomial model for conversion metrics (`betaBinomialTest`):
 * p_i ~ Beta(α₀ + x_i, β₀ + n_i − x_i) with a Beta(1, 1) prior by default. For two arms P(B > A),
 * the expected loss E[max(p_B − p_A, 0)] and the credible intervals of p_B − p_A and p_B/p_A − 1 are
 * computed by numerical integration (Simpson over the 1e-15 quantile window of one posterior, the
 * other entering through its exact regularised incomplete beta CDF); with more than two arms P(best)
 * and the loss use seeded Monte Carlo. References: Evan Miller, "Formulas for Bayesian A/B testing"
 * (2015); Chris Stucchio, "Bayesian A/B testing at VWO" (2015), expected loss. The normal model on
 * the effect is in bayesian.ts.
 */
/** I_x(a, b) extended by 0 below 0 and 1 above 1 (CDF arguments like y − d leave [0, 1]). */
const incompleteBeta = (x: number, a: number, b: number): number =>
  x <= 0 ? 0 : x >= 1 ? 1 : regularizedIncompleteBeta(x, a, b);

function betaQuantile(p: number, a: number, b: number): number {
  let low = 0;
  let high = 1;
  for (let i = 0; i < 200 && high - low > 1e-17; i++) {
    const middle = 0.5 * (low + high);
    if (incompleteBeta(middle, a, b) < p) low = middle;
    else high = middle;
  }
  return 0.5 * (low + high);
}

interface BetaPosterior {
  readonly a: number;
  readonly b: number;
  readonly mean: number;
  readonly sd: number;
  /** Integration window: the 1e-15 and 1 − 1e-15 quantiles (skewed posteriors need more than k s.d.). */
  readonly low: number;
  readonly high: number;
}

const posterior = (a: number, b: number): BetaPosterior => ({
  a,
  b,
  mean: a / (a + b),
  sd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))),
  low: betaQuantile(1e-15, a, b),
  high: betaQuantile(1 - 1e-15, a, b),
});

const SIMPSON_INTERVALS = 1000;

/**
 * ∫ f_P(x) g(x) dx by composite Simpson over P's [1e-15, 1 − 1e-15] quantile window, split
 * at `breaks` (where g has a kink, e.g. the other CDF reaching 0 or 1) so each piece is smooth.
 */
function integrateAgainst(
  p: BetaPosterior,
  g: (x: number) => number,
  breaks: readonly number[] = [],
): number {
  const { low, high } = p;
  const edges = [low, ...breaks.filter((b) => b > low && b < high).sort((x, y) => x - y), high];
  const logNorm = logBeta(p.a, p.b);
  const density = (x: number): number => {
    if (x <= 0) return p.a === 1 ? Math.exp(-logNorm) : 0;
    if (x >= 1) return p.b === 1 ? Math.exp(-logNorm) : 0;
    return Math.exp((p.a - 1) * Math.log(x) + (p.b - 1) * Math.log1p(-x) - logNorm);
  };
  let integral = 0;
  for (let piece = 0; piece + 1 < edges.length; piece++) {
    const from = edges[piece] as number;
    const to = edges[piece + 1] as number;
    const intervals = 2 * Math.max(8, Math.round(((to - from) / (high - low)) * (SIMPSON_INTERVALS / 2)));
    const h = (to - from) / intervals;
    let total = 0;
    for (let i = 0; i <= intervals; i++) {
      const x = i === intervals ? to : from + i * h;
      const weight = i === 0 || i === intervals ? 1 : i % 2 === 1 ? 4 : 2;
      const value = density(x);
      if (value > 0) total += weight * value * g(x);
    }
    integral += (total * h) / 3;
  }
  return integral;
}

/** P(B > A) for independent Beta posteriors, integrating against the narrower one. */
function probabilityGreater(a: BetaPosterior, b: BetaPosterior): number {
  const value =
    b.sd <= a.sd
      ? integrateAgainst(b, (y) => incompleteBeta(y, a.a, a.b))
      : integrateAgainst(a, (x) => 1 - incompleteBeta(x, b.a, b.b));
  return Math.min(1, Math.max(0, value));
}

/** E[max(Y − X, 0)] for independent Beta posteriors X, Y, via E[(Y − x)⁺] = μ_Y(1 − I_x(a+1, b)) − x(1 − I_x(a, b)). */
function expectedShortfall(x: BetaPosterior, y: BetaPosterior): number {
  const partial = (z: BetaPosterior, t: number): number =>
    z.mean * (1 - incompleteBeta(t, z.a + 1, z.b)) - t * (1 - incompleteBeta(t, z.a, z.b));
  // E[max(Y − X, 0)] − E[max(X − Y, 0)] = μ_Y − μ_X: integrate the narrower density, derive the other.
  const value =
    x.sd <= y.sd
      ? integrateAgainst(x, (t) => partial(y, t))
      : integrateAgainst(y, (t) => partial(x, t)) + (y.mean - x.mean);
  return Math.max(0, value);
}

/** Quantile of a monotone CDF by bisection on [low, high]. */
function invert(cdf: (v: number) => number, p: number, low: number, high: number): number {
  let lo = low;
  let hi = high;
  for (let i = 0; i < 200 && hi - lo > 1e-11 * (1 + Math.abs(lo)); i++) {
    const middle = 0.5 * (lo + hi);
    if (cdf(middle) < p) lo = middle;
    else hi = middle;
  }
  return 0.5 * (lo + hi);
}

/** CDF of B − A at d (or of B/A − 1 at r), integrating against the narrower posterior. */
function differenceCdf(a: BetaPosterior, b: BetaPosterior, d: number): number {
  return b.sd <= a.sd
    ? integrateAgainst(b, (y) => 1 - incompleteBeta(y - d, a.a, a.b), [d, 1 + d])
    : integrateAgainst(a, (x) => incompleteBeta(x + d, b.a, b.b), [-d, 1 - d]);
}

function liftCdf(a: BetaPosterior, b: BetaPosterior, r: number): number {
  // Over B, g(y) = 1 − F_A(y/(1 + r)) varies on the scale sd_A(1 + r); over A, on sd_B/(1 + r):
  // integrate against the density on whose scale g is smoother.
  return b.sd <= a.sd * (1 + r)
    ? integrateAgainst(b, (y) => 1 - incompleteBeta(y / (1 + r), a.a, a.b), [1 + r])
    : integrateAgainst(a, (x) => incompleteBeta(x * (1 + r), b.a, b.b), [1 / (1 + r)]);
}

export interface ConversionCounts {
  readonly name?: string;
  readonly users: number;
  readonly conversions: number;
}

export interface BetaBinomialOptions {
  /** Beta prior (α₀, β₀); default (1, 1) = uniform. Both must be ≥ 1 (the integrator needs a bounded density). */
  readonly prior?: { readonly alpha: number; readonly beta: number };
  /** Credible level of every interval; default 0.95. */
  readonly credibleLevel?: number;
  /** Monte-Carlo draws per arm when there are more than two arms; default 20,000. */
  readonly samples?: number;
  /** Seed of the Monte-Carlo draws; default 1. */
  readonly seed?: number;
}

export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

export interface BetaBinomialVariant {
  readonly name: string;
  readonly users: number;
  readonly conversions: number;
  readonly posteriorAlpha: number;
  readonly posteriorBeta: number;
  readonly posteriorMean: number;
  /** Equal-tailed credible interval of the conversion rate. */
  readonly credibleInterval: Interval;
  /** P(this variant has the highest rate). */
  readonly probabilityBest: number;
  /** E[max_j p_j − p_this]: expected conversion rate lost by shipping this variant. */
  readonly expectedLoss: number;
  /** Against the control (variant 0); undefined for the control itself. */
  readonly versusControl?: {
    /** P(p_this > p_control), exact (numerical integration). */
    readonly probabilityBetter: number;
    readonly differenceMean: number;
    readonly difference: Interval;
    readonly relativeLiftMedian: number;
    readonly relativeLift: Interval;
  };
}

export interface BetaBinomialResult {
  readonly variants: readonly BetaBinomialVariant[];
  /** 'exact' for two arms, 'monte-carlo' for P(best) and loss with more. */
  readonly method: 'exact' | 'monte-carlo';
  readonly credibleLevel: number;
  readonly samples: number;
}

/**
 * Bayesian beta-binomial A/B(/n) test of conversion rates. Variant 0 is the control.
 *   posterior: p_i ~ Beta(α₀ + conversions_i, β₀ + users_i − conversions_i)
 *   two arms: P(B > A) = ∫ f_A(x)(1 − F_B(x)) dx; loss(A) = E[(p_B − p_A)⁺], loss(B) = loss(A) − (μ_B − μ_A)
 *   k > 2 arms: P(best) and E[max − p_i] from `samples` seeded joint draws.
 * Difference and relative-lift intervals invert P(p_B − p_A ≤ d) and P(p_B ≤ (1 + r)p_A) by bisection.
 * Cost: two arms ~10⁵ incomplete-beta evaluations (each O(√(users))), a few ms to ~100 ms;
 * k arms add O(k · samples) gamma draws.
 * Zero conversions, all conversions and n = 1 are valid (the prior keeps the posterior proper);
 * a variant with no users, or conversions outside [0, users], throws InputError.
 * Example: betaBinomialTest([{ users: 1000, conversions: 100 }, { users: 1000, conversions: 120 }])
 * → variants[1].probabilityBest = 0.923183… (scipy quad in bayesian.test.ts).
 */
export function betaBinomialTest(
  variants: readonly ConversionCounts[],
  options: BetaBinomialOptions = {},
): BetaBinomialResult {
  const caller = 'betaBinomialTest';
  if (variants.length < 2)
    throw new InputError('invalid_argument', `${caller} needs at least two variants, got ${variants.length}`);
  const priorAlpha = options.prior?.alpha ?? 1;
  const priorBeta = options.prior?.beta ?? 1;
  if (!(priorAlpha >= 1 && priorBeta >= 1 && Number.isFinite(priorAlpha) && Number.isFinite(priorBeta)))
    throw new InputError('invalid_argument', `${caller}: prior alpha and beta must be finite and ≥ 1`, {
      hint: 'Beta(1, 1) is the uniform default',
    });
  const credibleLevel = options.credibleLevel ?? 0.95;
  if (!(credibleLevel > 0 && credibleLevel < 1))
    throw new InputError(
      'invalid_argument',
      `${caller}: credibleLevel must be in (0, 1), got ${credibleLevel}`,
    );
  const samples = options.samples ?? 20000;
  if (!Number.isInteger(samples) || samples < 100)
    throw new InputError('invalid_argument', `${caller}: samples must be an integer ≥ 100, got ${samples}`);
  variants.forEach((v, i) => {
    const name = v.name ?? `variant ${i}`;
    if (!Number.isInteger(v.users) || v.users < 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: ${name} users must be a non-negative integer, got ${v.users}`,
      );
    if (v.users === 0)
      throw new InputError('insufficient_data', `${caller}: ${name} has no users`, {
        hint: 'drop the variant or wait for traffic',
      });
    if (!Number.isInteger(v.conversions) || v.conversions < 0 || v.conversions > v.users)
      throw new InputError(
        'invalid_argument',
        `${caller}: ${name} conversions must be an integer in [0, ${v.users}], got ${v.conversions}`,
      );
  });
  const posteriors = variants.map((v) =>
    posterior(priorAlpha + v.conversions, priorBeta + v.users - v.conversions),
  );
  const tail = (1 - credibleLevel) / 2;
  const k = variants.length;
  const probabilityBest = new Float64Array(k);
  const loss = new Float64Array(k);
  const [first, second] = posteriors as [BetaPosterior, BetaPosterior];
  if (k === 2) {
    probabilityBest[1] = probabilityGreater(first, second);
    probabilityBest[0] = 1 - (probabilityBest[1] as number);
    loss[0] = expectedShortfall(first, second);
    loss[1] = Math.max(0, (loss[0] as number) - (second.mean - first.mean));
  } else {
    const rng = createRng(options.seed ?? 1);
    const draws = new Float64Array(k);
    for (let s = 0; s < samples; s++) {
      let best = 0;
      for (let i = 0; i < k; i++) {
        const p = posteriors[i] as BetaPosterior;
        draws[i] = sampleBeta(rng, p.a, p.b);
        if ((draws[i] as number) > (draws[best] as number)) best = i;
      }
      probabilityBest[best] = (probabilityBest[best] as number) + 1;
      const max = draws[best] as number;
      for (let i = 0; i < k; i++) loss[i] = (loss[i] as number) + (max - (draws[i] as number));
    }
    for (let i = 0; i < k; i++) {
      probabilityBest[i] = (probabilityBest[i] as number) / samples;
      loss[i] = (loss[i] as number) / samples;
    }
  }
  const control = first;
  const out = variants.map((v, i): BetaBinomialVariant => {
    const p = posteriors[i] as BetaPosterior;
    const base = {
      name: v.name ?? (i === 0 ? 'control' : `variant ${i}`),
      users: v.users,
      conversions: v.conversions,
      posteriorAlpha: p.a,
      posteriorBeta: p.b,
      posteriorMean: p.mean,
      credibleInterval: { lower: betaQuantile(tail, p.a, p.b), upper: betaQuantile(1 - tail, p.a, p.b) },
      probabilityBest: probabilityBest[i] as number,
      expectedLoss: loss[i] as number,
    };
    if (i === 0) return base;
    // Brackets from far tails of both posteriors.
    const { low: controlLow, high: controlHigh } = control;
    const { low, high } = p;
    const differenceAt = (q: number) =>
      invert((d) => differenceCdf(control, p, d), q, low - controlHigh, high - controlLow);
    const liftAt = (q: number) =>
      invert(
        (r) => liftCdf(control, p, r),
        q,
        low / controlHigh - 1,
        high / Math.max(controlLow, 1e-300) - 1,
      );
    return {
      ...base,
      versusControl: {
        probabilityBetter: k === 2 ? (probabilityBest[1] as number) : probabilityGreater(control, p),
        differenceMean: p.mean - control.mean,
        difference: { lower: differenceAt(tail), upper: differenceAt(1 - tail) },
        relativeLiftMedian: liftAt(0.5),
        relativeLift: { lower: liftAt(tail), upper: liftAt(1 - tail) },
      },
    };
  });
  return {
    variants: out,
    method: k === 2 ? 'exact' : 'monte-carlo',
    credibleLevel,
    samples: k === 2 ? 0 : samples,
  };
}
