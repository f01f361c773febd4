import { InputError } from '../../core/errors.js';
import { lgamma, logBeta } from '../../stats/special.js';
import {
  type BgNbdParams,
  checkBgNbdParams,
  checkCustomer,
  checkHorizon,
  checkRepeatPurchaseData,
  type RepeatPurchaseData,
} from './bg-nbd-input.js';

/**
 * BG/NBD predictions (Fader, Hardie & Lee 2005, "Counting your customers the easy way", Marketing
 * Science 24(2); equation numbers of the paper), in log space or transformed series so they stay
 * finite for large x, T and t. Scalar functions take (x, t_x, T); the `…ForCustomers` variants take
 * a PurchaseSummary-like object and return a Float64Array. Reference implementations: lifetimes'
 * BetaGeoFitter, R BTYD (bgnbd.*), checked in bg-nbd-predict.test.ts.
 */

const MAX_TERMS = 2_000_000;

/** ln(1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)): the dropout term of the likelihood (eq. 6 / 13). */
function logDropoutTerm(params: BgNbdParams, x: number, recency: number, age: number): number {
  if (x === 0) return 0;
  const { r, alpha, a, b } = params;
  const d = Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
  return d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d));
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive (FHL 2005 eq. 13 / Hardie
 * note 021): P(alive) = 1 / (1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)); 1 when x = 0.
 * Cost O(1). Example (CDNOW estimates): x = 2, t_x = 30.43, T = 38.86 → 0.72658.
 */
export function probabilityAlive(params: BgNbdParams, x: number, recency: number, age: number): number {
  checkBgNbdParams(params, 'probabilityAlive');
  checkCustomer(x, recency, age, 'probabilityAlive');
  return Math.exp(-logDropoutTerm(params, x, recency, age));
}

/**
 * Expected repeat purchases in (T, T + t] of a customer with history (x, t_x, T) (eq. 10):
 *   E[Y(t) | x, t_x, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)]
 *                         / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)),   z = t/(α+T+t).
 * Evaluated without the removable singularity at a = 1 and without overflow for large x: by Euler's
 * transformation (1−z)^(r+x) 2F1(r+x, b+x; c; z) = (1−z)^(a−1) 2F1(a+b−1−r, a−1; c; z), c = a+b+x−1, so
 *   numerator = c·(1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σₙ≥₁ (a+b−1−r)ₙ (a)ₙ₋₁ zⁿ / ((c+1)ₙ₋₁ n!),
 * a series whose terms stay bounded. Cost O(1/(1 − z)) terms: ≈ 40 for t ≈ α + T, ≈ 3,600 for
 * t = 100(α + T). Example (CDNOW estimates, paper p. 280): x = 2, t_x = 30.43, T = 38.86, t = 39 → 1.226.
 */
export function conditionalExpectedPurchases(
  params: BgNbdParams,
  t: number,
  x: number,
  recency: number,
  age: number,
): number {
  checkBgNbdParams(params, 'conditionalExpectedPurchases');
  checkHorizon(t, 'conditionalExpectedPurchases');
  checkCustomer(x, recency, age, 'conditionalExpectedPurchases');
  return conditionalExpectationUnchecked(params, t, x, recency, age);
}

export function conditionalExpectationUnchecked(
  params: BgNbdParams,
  t: number,
  x: number,
  recency: number,
  age: number,
): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const logOneMinusZ = -Math.log1p(t / (alpha + age));
  const z = t / (alpha + age + t);
  const u = (a - 1) * logOneMinusZ;
  // (1 − (1−z)^(a−1)) / (a − 1), continuous at a = 1 (→ −ln(1 − z))
  const firstTerm = Math.abs(u) < 1e-10 ? -logOneMinusZ * (1 + u / 2) : -Math.expm1(u) / (a - 1);
  const power = Math.exp(u); // (1 − z)^(a−1)
  const scale = (c * firstTerm) / power;
  const e = a + b - 1 - r;
  let term = e * z;
  let series = term;
  for (let n = 1; n < MAX_TERMS; n++) {
    const ratio = (((e + n) * (a + n - 1)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    series += term;
    if (Math.abs(term) <= 1e-16 * (Math.abs(series) + Math.abs(scale)) && Math.abs(ratio) < 1) {
      const numerator = c * firstTerm - power * series;
      return Math.max(0, numerator) * Math.exp(-logDropoutTerm(params, x, recency, age));
    }
  }
  throw new InputError(
    'no_convergence',
    `conditionalExpectedPurchases: horizon t = ${t} is too long relative to α + T = ${alpha + age} for the series`,
  );
}

/**
 * Unconditional expected repeat purchases of a new customer in (0, t] (eq. 9):
 *   E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r · 2F1(r, b; a+b−1; t/(α+t))],
 * i.e. the conditional expectation at x = t_x = T = 0 (same stable evaluation). Cost as above.
 * Example (CDNOW estimates): t = 39 → 1.19672; t = 78 → 1.8580 (published 1.8576 with rounded
 * parameters, lifetimes test).
 */
export function expectedPurchases(params: BgNbdParams, t: number): number {
  checkBgNbdParams(params, 'expectedPurchases');
  checkHorizon(t, 'expectedPurchases');
  return conditionalExpectationUnchecked(params, t, 0, 0, 0);
}

/**
 * Probability of exactly n repeat purchases in (0, t] for a new customer (eq. 8):
 *   P(X(t) = n) = B(a, b+n)/B(a, b) · NB(n) + δ(n>0) · B(a+1, b+n−1)/B(a, b) · P(NB ≥ n),
 *   NB(j) = Γ(r+j)/(Γ(r) j!) · (α/(α+t))^r · (t/(α+t))^j  (negative binomial).
 * NB tail sums run on the side that avoids cancellation. Cost O(n + 1/(1 − z)), z = t/(α+t).
 * Example (r = 0.243, α = 4.414, a = 0.793, b = 2.426; R BTYD bgnbd.pmf): P(X(39) = 0) = 0.5737864,
 * P(X(2) = 10) = 1.07869e-07.
 */
export function probabilityOfPurchases(params: BgNbdParams, t: number, n: number): number {
  checkBgNbdParams(params, 'probabilityOfPurchases');
  checkHorizon(t, 'probabilityOfPurchases');
  if (!(Number.isInteger(n) && n >= 0))
    throw new InputError(
      'invalid_argument',
      `probabilityOfPurchases: n must be a whole number ≥ 0, got ${n}`,
    );
  if (t === 0) return n === 0 ? 1 : 0;
  const { r, alpha, a, b } = params;
  const logP = Math.log(alpha / (alpha + t)); // ln(1 − z)
  const logZ = Math.log(t / (alpha + t));
  const z = t / (alpha + t);
  const logNb = (j: number) => lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * logP + j * logZ;
  const logBetaAB = logBeta(a, b);
  const first = Math.exp(logBeta(a, b + n) - logBetaAB + logNb(n));
  if (n === 0) return first;
  let tail: number;
  if (n > (r * t) / alpha) {
    // upper tail Σ_{j≥n} NB(j), terms decreasing past the mode
    let term = Math.exp(logNb(n));
    tail = term;
    for (let j = n; j < n + MAX_TERMS; j++) {
      const ratio = ((r + j) / (j + 1)) * z;
      term *= ratio;
      tail += term;
      if (term <= 1e-17 * tail && ratio < 1) break;
    }
  } else {
    let lower = 0;
    for (let j = 0; j < n; j++) lower += Math.exp(logNb(j));
    tail = Math.max(0, 1 - lower);
  }
  return first + Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * tail;
}

/**
 * Posterior mean purchase rate of a customer while alive, E[λ | x, T] = (r + x)/(α + T) purchases
 * per time unit (the Gamma(r, α) prior updated by x purchases in T); 1/rate is the expected gap to
 * the next purchase if alive (the "expected next purchase" signal). Cost O(1).
 */
export function posteriorPurchaseRate(params: BgNbdParams, x: number, age: number): number {
  checkBgNbdParams(params, 'posteriorPurchaseRate');
  checkCustomer(x, 0, age, 'posteriorPurchaseRate');
  return (params.r + x) / (params.alpha + age);
}

/** probabilityAlive for every customer. Cost O(n). */
export function probabilityAliveForCustomers(params: BgNbdParams, data: RepeatPurchaseData): Float64Array {
  checkBgNbdParams(params, 'probabilityAliveForCustomers');
  const n = checkRepeatPurchaseData(data, 'probabilityAliveForCustomers');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.exp(
      -logDropoutTerm(params, data.frequency[i] as number, data.recency[i] as number, data.age[i] as number),
    );
  return out;
}

/** conditionalExpectedPurchases over horizon t for every customer. Cost O(n · terms). */
export function conditionalExpectedPurchasesForCustomers(
  params: BgNbdParams,
  t: number,
  data: RepeatPurchaseData,
): Float64Array {
  checkBgNbdParams(params, 'conditionalExpectedPurchasesForCustomers');
  checkHorizon(t, 'conditionalExpectedPurchasesForCustomers');
  const n = checkRepeatPurchaseData(data, 'conditionalExpectedPurchasesForCustomers');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = conditionalExpectationUnchecked(
      params,
      t,
      data.frequency[i] as number,
      data.recency[i] as number,
      data.age[i] as number,
    );
  return out;
}

/** posteriorPurchaseRate for every customer. Cost O(n). */
export function posteriorPurchaseRateForCustomers(
  params: BgNbdParams,
  data: RepeatPurchaseData,
): Float64Array {
  checkBgNbdParams(params, 'posteriorPurchaseRateForCustomers');
  const n = checkRepeatPurchaseData(data, 'posteriorPurchaseRateForCustomers');
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = (params.r + (data.frequency[i] as number)) / (params.alpha + (data.age[i] as number));
  return out;
}
