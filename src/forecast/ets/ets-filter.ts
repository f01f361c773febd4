/**
 * The ETS state-space recursion (Hyndman, Koehler, Ord & Snyder 2008, ch. 2 & 5; Hyndman et al. 2002,
 * IJF 18(3)) in one pass over the data: one-step forecasts, innovations and the likelihood criterion.
 *
 * With q = ℓₜ₋₁ + φbₜ₋₁ (φ = 1 undamped, b ≡ 0 without trend) and s = sₜ₋ₘ:
 *   forecast   ŷₜ = q (no season) | q + s (additive) | q·s (multiplicative)
 *   innovation eₜ = yₜ − ŷₜ (additive error) | (yₜ − ŷₜ)/ŷₜ (multiplicative error)
 *   level      ℓₜ = q + α(pₜ − q),  pₜ = yₜ | yₜ − s | yₜ / s
 *   trend      bₜ = φbₜ₋₁ + β(pₜ − q)
 *   season     sₜ = s + γ(rₜ − s),  rₜ = yₜ − q | yₜ / q
 * These are the error-correction equations of HKOS Table 2.2 written once for both error types (as R's
 * forecast `etscalc` does): the error type changes only the likelihood.
 *
 * Likelihood criterion (R forecast's `lik`, to be minimised):
 *   C = n·log(Σ eₜ²) + 2·Σ log|ŷₜ| (the second term only for multiplicative error)
 * The Gaussian log-likelihood with σ̂² = Σeₜ²/n (the value statsmodels' ETSModel reports) is
 *   log L = −C/2 − (n/2)·(log(2π/n) + 1);  R's `loglik` is −C/2 (it drops the constant).
 *
 * Seasonal states live in a circular buffer of length m: slot j holds the index for times ≡ j (mod m), so
 * the initial states are given in chronological order (s0 applies to the first observation).
 * Cost: O(n) per pass, no allocation in `etsCriterion`.
 */

/** |ŷ| or a multiplicative seasonal/level below this makes the pass fail (criterion +Infinity). */
const TOLERANCE = 1e-10;

/**
 * R's criterion C for one parameter vector, or +Infinity when a forecast or a state becomes unusable.
 * `seasonInit` (length m, chronological) is copied into `seasonWork` first; neither is kept.
 * Dispatches to one loop per season type (a loop with the season branch inside runs 2–3× slower).
 */
export function etsCriterion(
  y: Float64Array,
  errorCode: number,
  trendCode: number,
  seasonCode: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  seasonInit: Float64Array,
  seasonWork: Float64Array,
): number {
  const trend = trendCode === 0 ? 0 : trend0;
  const slope = trendCode === 0 ? 0 : beta;
  let criterion: number;
  if (seasonCode === 0) criterion = nonSeasonalPass(y, errorCode, alpha, slope, phi, level0, trend);
  else {
    for (let j = 0; j < m; j++) seasonWork[j] = seasonInit[j] as number;
    criterion =
      seasonCode === 1
        ? additiveSeasonPass(y, errorCode, m, alpha, slope, gamma, phi, level0, trend, seasonWork)
        : multiplicativeSeasonPass(y, errorCode, m, alpha, slope, gamma, phi, level0, trend, seasonWork);
  }
  if (Number.isNaN(criterion)) return Number.POSITIVE_INFINITY;
  // a perfect fit (Σe² = 0) gives −Infinity; cap it as R does so comparisons stay finite
  return Math.max(criterion, -1e10);
}

// Σlog|ŷ| is kept as the log of a running product (renormalised when it leaves [1e-100, 1e100]):
// Math.log per step would triple the cost of a pass.

function nonSeasonalPass(
  y: Float64Array,
  errorCode: number,
  alpha: number,
  beta: number,
  phi: number,
  level0: number,
  trend0: number,
): number {
  const n = y.length;
  let level = level0;
  let trend = trend0;
  let sse = 0;
  let sumLog = 0;
  let product = 1;
  for (let t = 0; t < n; t++) {
    const phiTrend = phi * trend;
    const q = level + phiTrend;
    const yt = y[t] as number;
    const change = yt - q;
    let error = change;
    if (errorCode === 1) {
      const size = Math.abs(q);
      if (!(size > TOLERANCE)) return Number.POSITIVE_INFINITY;
      error /= q;
      if (size > 1e100 || size < 1e-100) sumLog += Math.log(size);
      else {
        product *= size;
        if (product > 1e100 || product < 1e-100) {
          sumLog += Math.log(product);
          product = 1;
        }
      }
    }
    sse += error * error;
    level = q + alpha * change;
    trend = phiTrend + beta * change;
  }
  return n * Math.log(sse) + 2 * (sumLog + Math.log(product));
}

function additiveSeasonPass(
  y: Float64Array,
  errorCode: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  season: Float64Array,
): number {
  const n = y.length;
  let level = level0;
  let trend = trend0;
  let sse = 0;
  let sumLog = 0;
  let product = 1;
  let slot = 0;
  for (let t = 0; t < n; t++) {
    const phiTrend = phi * trend;
    const q = level + phiTrend;
    const yt = y[t] as number;
    const s = season[slot] as number;
    const forecast = q + s;
    const change = yt - s - q;
    let error = change;
    if (errorCode === 1) {
      const size = Math.abs(forecast);
      if (!(size > TOLERANCE)) return Number.POSITIVE_INFINITY;
      error /= forecast;
      if (size > 1e100 || size < 1e-100) sumLog += Math.log(size);
      else {
        product *= size;
        if (product > 1e100 || product < 1e-100) {
          sumLog += Math.log(product);
          product = 1;
        }
      }
    }
    sse += error * error;
    level = q + alpha * change;
    trend = phiTrend + beta * change;
    season[slot] = s + gamma * change;
    slot++;
    if (slot === m) slot = 0;
  }
  return n * Math.log(sse) + 2 * (sumLog + Math.log(product));
}

function multiplicativeSeasonPass(
  y: Float64Array,
  errorCode: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  season: Float64Array,
): number {
  const n = y.length;
  let level = level0;
  let trend = trend0;
  let sse = 0;
  let sumLog = 0;
  let product = 1;
  let slot = 0;
  for (let t = 0; t < n; t++) {
    const phiTrend = phi * trend;
    const q = level + phiTrend;
    const yt = y[t] as number;
    const s = season[slot] as number;
    if (!(Math.abs(s) > TOLERANCE) || !(Math.abs(q) > TOLERANCE)) return Number.POSITIVE_INFINITY;
    const forecast = q * s;
    let error = yt - forecast;
    if (errorCode === 1) {
      const size = Math.abs(forecast);
      error /= forecast;
      if (size > 1e100 || size < 1e-100) sumLog += Math.log(size);
      else {
        product *= size;
        if (product > 1e100 || product < 1e-100) {
          sumLog += Math.log(product);
          product = 1;
        }
      }
    }
    sse += error * error;
    level = q + alpha * (yt / s - q);
    trend = phiTrend + beta * (yt / s - q);
    season[slot] = s + gamma * (yt / q - s);
    slot++;
    if (slot === m) slot = 0;
  }
  return n * Math.log(sse) + 2 * (sumLog + Math.log(product));
}

/** Everything one pass yields, for the final fitted model. */
export interface EtsFilterResult {
  /** One-step forecasts ŷₜ. */
  readonly fitted: Float64Array;
  /** Innovations eₜ (absolute for additive error, relative for multiplicative). */
  readonly innovations: Float64Array;
  /** ℓₙ, bₙ (0 without trend). */
  readonly level: number;
  readonly trend: number;
  /** Seasonal states after the last observation, in the order they apply to times n, n+1, …, n+m−1. */
  readonly season: Float64Array;
  /** Σ eₜ². */
  readonly sumSquaredInnovations: number;
  /** R's C (see the file comment); +Infinity when the pass failed. */
  readonly criterion: number;
}

/** The same recursion as `etsCriterion`, keeping fitted values, innovations and the final state. */
export function etsFilter(
  y: Float64Array,
  errorCode: number,
  trendCode: number,
  seasonCode: number,
  m: number,
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  level0: number,
  trend0: number,
  seasonInit: Float64Array,
): EtsFilterResult {
  const n = y.length;
  const period = seasonCode === 0 ? 1 : m;
  const work = new Float64Array(period);
  if (seasonCode !== 0) work.set(seasonInit.subarray(0, m));
  const fitted = new Float64Array(n);
  const innovations = new Float64Array(n);
  let level = level0;
  let trend = trendCode === 0 ? 0 : trend0;
  let sse = 0;
  let sumLog = 0;
  let failed = false;
  for (let t = 0; t < n; t++) {
    const slot = t % period;
    const phiTrend = phi * trend;
    const q = level + phiTrend;
    const yt = y[t] as number;
    const s = seasonCode === 0 ? 0 : (work[slot] as number);
    const forecast = seasonCode === 1 ? q + s : seasonCode === 2 ? q * s : q;
    const p = seasonCode === 1 ? yt - s : seasonCode === 2 ? yt / s : yt;
    let error = yt - forecast;
    if (errorCode === 1) {
      error /= forecast;
      sumLog += Math.log(Math.abs(forecast));
    }
    fitted[t] = forecast;
    innovations[t] = error;
    sse += error * error;
    if (!Number.isFinite(error)) failed = true;
    const change = p - q;
    level = q + alpha * change;
    if (trendCode !== 0) trend = phiTrend + beta * change;
    if (seasonCode === 1) work[slot] = s + gamma * (yt - q - s);
    else if (seasonCode === 2) work[slot] = s + gamma * (yt / q - s);
  }
  const season = new Float64Array(period);
  for (let j = 0; j < period; j++) season[j] = work[(n + j) % period] as number;
  const criterion = failed ? Number.POSITIVE_INFINITY : Math.max(n * Math.log(sse) + 2 * sumLog, -1e10);
  return { fitted, innovations, level, trend, season, sumSquaredInnovations: sse, criterion };
}

/** Gaussian log-likelihood (statsmodels' convention) from R's criterion C for n observations. */
export function logLikelihoodFromCriterion(criterion: number, n: number): number {
  return -0.5 * criterion - 0.5 * n * (Math.log((2 * Math.PI) / n) + 1);
}
