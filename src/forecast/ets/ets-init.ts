/**
 * Heuristic initial states for ETS, as R forecast's `initstate` (Hyndman et al. 2008 §2.6.1):
 * 1. Seasonal indices: classical decomposition (centred 2×m moving average, R's `decompose`) when the
 *    series has ≥ 3 seasons; with 2–3 seasons, a regression on a linear trend and one Fourier pair and the
 *    first season's detrended values. Indices are normalised to sum 0 (additive) or m (multiplicative,
 *    floored at 0.01).
 * 2. Level and trend: least-squares line through the first max(10, 2m) seasonally adjusted values
 *    (ℓ₀ = intercept at t = 0, b₀ = slope); without trend ℓ₀ = their mean.
 * Cost: O(n·m) at most. The result is a starting point for the optimiser, not an estimate.
 */

export interface EtsInitialStates {
  readonly level: number;
  readonly trend: number;
  /** Chronological: index j applies to times ≡ j (mod m). Empty without season. */
  readonly season: Float64Array;
}

export function initialEtsStates(
  y: Float64Array,
  trendCode: number,
  seasonCode: number,
  m: number,
): EtsInitialStates {
  const n = y.length;
  const period = seasonCode === 0 ? 1 : m;
  let season: Float64Array = new Float64Array(0);
  const adjusted = Float64Array.from(y);
  if (seasonCode !== 0) {
    season = seasonCode === 1 ? additiveIndices(y, m) : multiplicativeIndices(y, m);
    for (let t = 0; t < n; t++) {
      const s = season[t % m] as number;
      adjusted[t] = seasonCode === 1 ? (y[t] as number) - s : (y[t] as number) / s;
    }
  }
  const count = Math.min(Math.max(10, 2 * period), n);
  if (trendCode === 0) {
    let total = 0;
    for (let t = 0; t < count; t++) total += adjusted[t] as number;
    return { level: total / count, trend: 0, season };
  }
  // lsfit(1:count, y.sa): fitted value at t = 0 is the intercept
  const line = fitLine(adjusted, count);
  let level = line.intercept;
  let trend = line.slope;
  if (Math.abs(level + trend) < 1e-8) {
    level *= 1 + 1e-3;
    trend *= 1 - 1e-3;
  }
  return { level, trend, season };
}

/** Least-squares a + b·t over t = 1..count. */
function fitLine(values: Float64Array, count: number): { intercept: number; slope: number } {
  if (count < 2) return { intercept: values[0] ?? 0, slope: 0 };
  const meanT = (count + 1) / 2;
  let meanY = 0;
  for (let t = 0; t < count; t++) meanY += values[t] as number;
  meanY /= count;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < count; t++) {
    const dt = t + 1 - meanT;
    sxy += dt * ((values[t] as number) - meanY);
    sxx += dt * dt;
  }
  const slope = sxy / sxx;
  return { intercept: meanY - slope * meanT, slope };
}

/** Centred moving average of order m (2×m for even m); NaN where undefined. */
function movingAverageTrend(y: Float64Array, m: number): Float64Array {
  const n = y.length;
  const trend = new Float64Array(n).fill(Number.NaN);
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let total = 0;
    if (m % 2 === 0) {
      total = 0.5 * ((y[t - half] as number) + (y[t + half] as number));
      for (let k = -half + 1; k <= half - 1; k++) total += y[t + k] as number;
    } else for (let k = -half; k <= half; k++) total += y[t + k] as number;
    trend[t] = total / m;
  }
  return trend;
}

/** Detrended values: decomposition when n ≥ 3m, else linear trend + one Fourier pair (R's tslm fallback). */
function detrended(y: Float64Array, m: number, multiplicative: boolean): Float64Array {
  const n = y.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (n >= 3 * m) {
    const trend = movingAverageTrend(y, m);
    for (let t = 0; t < n; t++) {
      const c = trend[t] as number;
      if (!Number.isNaN(c)) out[t] = multiplicative ? (y[t] as number) / c : (y[t] as number) - c;
    }
    return out;
  }
  const line = fourierTrend(y, m);
  for (let t = 0; t < m && t < n; t++) {
    const c = line.intercept + line.slope * (t + 1);
    out[t] = multiplicative ? (y[t] as number) / c : (y[t] as number) - c;
  }
  return out;
}

/** Coefficients a, b of y ~ a + b·t + c·sin(2πt/m) + d·cos(2πt/m), t = 1..n, by normal equations. */
function fourierTrend(y: Float64Array, m: number): { intercept: number; slope: number } {
  const n = y.length;
  // sin(πt) ≡ 0 when m = 2: drop it as R's fourier() does
  const columns = m === 2 ? 3 : 4;
  const xtx = new Float64Array(columns * columns);
  const xty = new Float64Array(columns);
  const row = new Float64Array(columns);
  for (let t = 1; t <= n; t++) {
    row[0] = 1;
    row[1] = t;
    const angle = (2 * Math.PI * t) / m;
    if (columns === 4) {
      row[2] = Math.sin(angle);
      row[3] = Math.cos(angle);
    } else row[2] = Math.cos(angle);
    for (let i = 0; i < columns; i++) {
      xty[i] = (xty[i] as number) + (row[i] as number) * (y[t - 1] as number);
      for (let j = 0; j < columns; j++)
        xtx[i * columns + j] = (xtx[i * columns + j] as number) + (row[i] as number) * (row[j] as number);
    }
  }
  const beta = solveSymmetric(xtx, xty, columns);
  if (!beta) return fitLine(y, n);
  return { intercept: beta[0] as number, slope: beta[1] as number };
}

/** Gaussian elimination with partial pivoting; undefined when singular. */
function solveSymmetric(a: Float64Array, b: Float64Array, size: number): Float64Array | undefined {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++)
      if (Math.abs(m[r * size + col] as number) > Math.abs(m[pivot * size + col] as number)) pivot = r;
    const p = m[pivot * size + col] as number;
    if (Math.abs(p) < 1e-12) return undefined;
    if (pivot !== col) {
      for (let k = 0; k < size; k++) {
        const tmp = m[col * size + k] as number;
        m[col * size + k] = m[pivot * size + k] as number;
        m[pivot * size + k] = tmp;
      }
      const tmp = x[col] as number;
      x[col] = x[pivot] as number;
      x[pivot] = tmp;
    }
    for (let r = col + 1; r < size; r++) {
      const f = (m[r * size + col] as number) / p;
      for (let k = col; k < size; k++)
        m[r * size + k] = (m[r * size + k] as number) - f * (m[col * size + k] as number);
      x[r] = (x[r] as number) - f * (x[col] as number);
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    let v = x[r] as number;
    for (let k = r + 1; k < size; k++) v -= (m[r * size + k] as number) * (x[k] as number);
    x[r] = v / (m[r * size + r] as number);
  }
  return x;
}

/** Mean detrended value per position in the cycle (NaN-skipping), centred to sum 0. */
function additiveIndices(y: Float64Array, m: number): Float64Array {
  const figure = averageByPosition(detrended(y, m, false), m);
  let mean = 0;
  for (let j = 0; j < m; j++) mean += figure[j] as number;
  mean /= m;
  for (let j = 0; j < m; j++) figure[j] = (figure[j] as number) - mean;
  return figure;
}

/** Mean detrended ratio per position, floored at 0.01 and scaled to sum m. */
function multiplicativeIndices(y: Float64Array, m: number): Float64Array {
  const figure = averageByPosition(detrended(y, m, true), m);
  let total = 0;
  for (let j = 0; j < m; j++) {
    const v = figure[j] as number;
    figure[j] = Number.isFinite(v) ? Math.max(v, 0.01) : 1;
    total += figure[j] as number;
  }
  for (let j = 0; j < m; j++) figure[j] = ((figure[j] as number) * m) / total;
  return figure;
}

function averageByPosition(values: Float64Array, m: number): Float64Array {
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < values.length; t++) {
    const v = values[t] as number;
    if (Number.isFinite(v)) {
      sums[t % m] = (sums[t % m] as number) + v;
      counts[t % m] = (counts[t % m] as number) + 1;
    }
  }
  for (let j = 0; j < m; j++)
    sums[j] = (counts[j] as number) > 0 ? (sums[j] as number) / (counts[j] as number) : 0;
  return sums;
}
