import { InputError } from '../core/errors.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { checkSeries } from './baselines.js';

/**
 * Classical seasonal decomposition by moving averages (R stats::decompose; statsmodels
 * `seasonal_decompose` with the same conventions) and the seasonality test of R forecast::thetaf.
 *
 * Decomposition, season length m, n ≥ 2m values:
 *   trend_t    = centred moving average of order m (odd m), or 2×m (even m: weights ½, 1, …, 1, ½ over
 *                m + 1 values, divided by m); undefined (NaN) for the first and last ⌊m/2⌋ values.
 *   detrended  = y / trend (multiplicative) or y − trend (additive)
 *   index_i    = mean of the detrended values at phase i (t ≡ i mod m, phase 0 = the first value),
 *                normalised to mean 1 (multiplicative) or sum 0 (additive)
 *   seasonal_t = index_{t mod m}; remainder = y / (trend·seasonal) or y − trend − seasonal.
 * Multiplicative needs strictly positive values (a zero trend cannot be divided by).
 *
 * Seasonality test (Hyndman & Billah 2003, as thetaf): with r_k the sample autocorrelations,
 *   seasonal ⇔ |r_m| / √((1 + 2·Σ_{k=1}^{m−1} r_k²) / n) > Φ⁻¹(0.9 + (1 − 0.9)/2) = 1.645 (90 %),
 * applied only when m > 1, the series is not constant and n > 2m (otherwise not seasonal).
 *
 * Cost: O(n·m) for the moving average written as a running sum (O(n)), O(n·m) for the ACF.
 * Reference: Kendall & Stuart (1983); R documentation of `decompose`; forecast::thetaf source.
 * Example: classicalDecomposition(AirPassengers[0..131], 12, 'multiplicative').seasonalIndices[0] →
 * 0.9100 (January; statsmodels 0.9100).
 */

export type DecompositionType = 'additive' | 'multiplicative';

export interface ClassicalDecomposition {
  readonly type: DecompositionType;
  readonly seasonLength: number;
  /** Centred moving average; NaN where the window does not fit (the first and last ⌊m/2⌋ values). */
  readonly trend: readonly number[];
  /** Seasonal component per value (index of its phase). */
  readonly seasonal: readonly number[];
  /** One index per phase; phase 0 is the phase of the first value. */
  readonly seasonalIndices: readonly number[];
  /** NaN where the trend is undefined. */
  readonly remainder: readonly number[];
}

/** Centred moving average of order m (2×m when m is even); NaN at the ends. Needs n ≥ m + 1 (even m) or m. */
export function centredMovingAverage(values: ArrayLike<number>, order: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(order / 2);
  if (order % 2 === 1) {
    let window = 0;
    for (let t = 0; t < order && t < n; t++) window += values[t] as number;
    for (let center = half; center + half < n; center++) {
      if (center > half) window += (values[center + half] as number) - (values[center - half - 1] as number);
      out[center] = window / order;
    }
    return out;
  }
  // Even order: ½·y_{t−m/2} + y_{t−m/2+1} + … + y_{t+m/2−1} + ½·y_{t+m/2}, over m.
  let inner = 0;
  for (let t = 1; t < order && t < n; t++) inner += values[t] as number;
  for (let center = half; center + half < n; center++) {
    const left = center - half;
    if (center > half) inner += (values[left + order - 1] as number) - (values[left] as number);
    out[center] = (inner + 0.5 * ((values[left] as number) + (values[left + order] as number))) / order;
  }
  return out;
}

/** Classical additive or multiplicative decomposition (see the file comment). Needs ≥ 2 full seasons. */
export function classicalDecomposition(
  values: readonly number[] | ArrayLike<number>,
  seasonLength: number,
  type: DecompositionType = 'additive',
): ClassicalDecomposition {
  const caller = 'classicalDecomposition';
  const y = checkSeries(values, caller);
  const m = seasonLength;
  if (!Number.isInteger(m) || m < 2)
    throw new InputError('invalid_argument', `${caller}: seasonLength must be an integer ≥ 2, got ${m}`);
  if (type !== 'additive' && type !== 'multiplicative')
    throw new InputError('invalid_argument', `${caller}: type must be 'additive' or 'multiplicative'`);
  const n = y.length;
  if (n < 2 * m)
    throw new InputError(
      'insufficient_data',
      `${caller} needs at least 2 full seasons (${2 * m} values for seasonLength ${m}), got ${n}`,
    );
  const multiplicative = type === 'multiplicative';
  if (multiplicative)
    for (let t = 0; t < n; t++)
      if (!((y[t] as number) > 0))
        throw new InputError(
          'invalid_argument',
          `${caller}: multiplicative decomposition needs positive values; value at index ${t} is ${y[t]}`,
          { hint: "use type 'additive' for series with zeros or negative values" },
        );
  const trend = centredMovingAverage(y, m);
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    const tr = trend[t] as number;
    if (Number.isNaN(tr)) continue;
    const phase = t % m;
    sums[phase] = (sums[phase] as number) + (multiplicative ? (y[t] as number) / tr : (y[t] as number) - tr);
    counts[phase] = (counts[phase] as number) + 1;
  }
  const indices: number[] = new Array(m);
  let average = 0;
  for (let i = 0; i < m; i++) {
    indices[i] = (sums[i] as number) / (counts[i] as number);
    average += (indices[i] as number) / m;
  }
  for (let i = 0; i < m; i++)
    indices[i] = multiplicative ? (indices[i] as number) / average : (indices[i] as number) - average;
  const seasonal: number[] = new Array(n);
  const remainder: number[] = new Array(n);
  for (let t = 0; t < n; t++) {
    const s = indices[t % m] as number;
    const tr = trend[t] as number;
    seasonal[t] = s;
    remainder[t] = multiplicative ? (y[t] as number) / (tr * s) : (y[t] as number) - tr - s;
  }
  return { type, seasonLength: m, trend: Array.from(trend), seasonal, seasonalIndices: indices, remainder };
}

/** Sample autocorrelations r_0..r_maxLag (denominator n, mean removed, as R acf / statsmodels acf). */
export function autocorrelation(values: ArrayLike<number>, maxLag: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(maxLag + 1);
  let average = 0;
  for (let t = 0; t < n; t++) average += ((values[t] as number) - average) / (t + 1);
  let denominator = 0;
  for (let t = 0; t < n; t++) denominator += ((values[t] as number) - average) ** 2;
  if (denominator === 0) return out;
  for (let k = 0; k <= maxLag && k < n; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++)
      s += ((values[t] as number) - average) * ((values[t + k] as number) - average);
    out[k] = s / denominator;
  }
  return out;
}

export interface SeasonalityTest {
  readonly seasonal: boolean;
  /** r_m (0 when the test was not applicable). */
  readonly autocorrelationAtSeason: number;
  /** |r_m| / standard error (0 when not applicable). */
  readonly statistic: number;
  /** Φ⁻¹(0.95) = 1.645 at the default 90 % level. */
  readonly criticalValue: number;
  /** Why the test was not applied, when it was not. */
  readonly reason?: string;
}

/**
 * thetaf's seasonality test (see the file comment). `level` is the two-sided confidence in percent
 * (default 90, i.e. the one-sided 95 % quantile 1.645 as thetaf).
 */
export function testSeasonality(
  values: readonly number[] | ArrayLike<number>,
  seasonLength: number,
  level = 90,
): SeasonalityTest {
  const y = checkSeries(values, 'testSeasonality');
  if (!(level > 0 && level < 100))
    throw new InputError('invalid_argument', `testSeasonality: level must be in (0, 100), got ${level}`);
  const criticalValue = normalQuantile(0.5 + level / 200);
  const m = seasonLength;
  const n = y.length;
  const notApplied = (reason: string): SeasonalityTest => ({
    seasonal: false,
    autocorrelationAtSeason: 0,
    statistic: 0,
    criticalValue,
    reason,
  });
  if (!Number.isInteger(m) || m < 1)
    throw new InputError(
      'invalid_argument',
      `testSeasonality: seasonLength must be an integer ≥ 1, got ${m}`,
    );
  if (m === 1) return notApplied('seasonLength is 1');
  if (n <= 2 * m) return notApplied(`fewer than 2 full seasons plus one value (${n} ≤ ${2 * m})`);
  let constant = true;
  for (let t = 1; t < n && constant; t++) if (y[t] !== y[0]) constant = false;
  if (constant) return notApplied('the series is constant');
  const r = autocorrelation(y, m);
  let sumSquares = 0;
  for (let k = 1; k < m; k++) sumSquares += (r[k] as number) ** 2;
  const standardError = Math.sqrt((1 + 2 * sumSquares) / n);
  const rm = r[m] as number;
  const statistic = Math.abs(rm) / standardError;
  return { seasonal: statistic > criticalValue, autocorrelationAtSeason: rm, statistic, criticalValue };
}
