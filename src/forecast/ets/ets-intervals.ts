import { normal, type Rng } from '../../core/random.js';
import type { EtsFit } from './fit-ets.js';

/**
 * Forecast means and variances of ETS models (Hyndman, Koehler, Ord & Snyder 2008, ch. 6; Hyndman, Koehler,
 * Ord & Snyder 2005, "Prediction intervals for exponential smoothing using two new classes of state space
 * models", J. Forecasting 24), as R forecast's class1/class2/class3:
 *
 * Class 1 (additive error, season N or A): μₕ = ℓₙ + φₕbₙ + sₙ₊ₕ₋ₘ, φₕ = φ + … + φʰ;
 *   vₕ = σ²(1 + Σ_{j<h} cⱼ²),  cⱼ = α + βφⱼ + γ·[j ≡ 0 mod m].
 * Class 2 (multiplicative error, season N or A): θ₁ = μ₁², θₕ = μₕ² + σ²Σ_{j<h} cⱼ²θₕ₋ⱼ,
 *   vₕ = (1 + σ²)θₕ − μₕ².
 * Class 3 (multiplicative error and season): the product of a level/trend block x = (ℓ, b) and the seasonal
 *   block z, with M = x zᵀ and V = Var(vec M) propagated as in R's class3, using the exact damped matrices
 *   H₁ = (1, φ), F₁ = [[1, φ], [0, φ]], G₁ = [[α, αφ], [β, βφ]] (R uses the undamped ones for all).
 * Any other form (additive error with multiplicative season) has no closed form: `simulateEtsPaths`.
 * Cost: class 1 O(h), class 2 O(h²), class 3 O(h·(2m)³), simulation O(paths·h).
 */

export interface MeanAndVariance {
  readonly mean: Float64Array;
  readonly variance: Float64Array;
}

/** Point forecasts μₕ = (ℓₙ + φₕbₙ) ⊕ sₙ₊ₕ₋ₘ, h = 1..horizon. */
export function etsPointForecast(fit: EtsFit, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const { season } = fit.spec;
  const m = fit.seasonLength;
  let phiSum = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= fit.phi;
    phiSum += fit.spec.trend === 'N' ? 0 : power;
    const base = fit.finalLevel + phiSum * fit.finalTrend;
    const s = season === 'N' ? 0 : (fit.finalSeason[(h - 1) % m] as number);
    out[h - 1] = season === 'A' ? base + s : season === 'M' ? base * s : base;
  }
  return out;
}

/** cⱼ = α + βφⱼ + γ·[j ≡ 0 mod m], j = 1..count. */
function innovationWeights(fit: EtsFit, count: number): Float64Array {
  const c = new Float64Array(Math.max(count, 0));
  let phiSum = 0;
  let power = 1;
  for (let j = 1; j <= count; j++) {
    power *= fit.phi;
    phiSum += power;
    const seasonal = fit.spec.season !== 'N' && j % fit.seasonLength === 0 ? fit.gamma : 0;
    c[j - 1] = fit.alpha + (fit.spec.trend === 'N' ? 0 : fit.beta * phiSum) + seasonal;
  }
  return c;
}

export function class1MeanVariance(fit: EtsFit, horizon: number): MeanAndVariance {
  const mean = etsPointForecast(fit, horizon);
  const c = innovationWeights(fit, horizon - 1);
  const variance = new Float64Array(horizon);
  let total = 1;
  for (let h = 1; h <= horizon; h++) {
    variance[h - 1] = fit.sigma2 * total;
    if (h < horizon) total += (c[h - 1] as number) ** 2;
  }
  return { mean, variance };
}

export function class2MeanVariance(fit: EtsFit, horizon: number): MeanAndVariance {
  const mean = etsPointForecast(fit, horizon);
  const c = innovationWeights(fit, horizon - 1);
  const theta = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    let sum = 0;
    for (let j = 1; j < h; j++) sum += (c[j - 1] as number) ** 2 * (theta[h - j - 1] as number);
    const mu = mean[h - 1] as number;
    theta[h - 1] = mu * mu + fit.sigma2 * sum;
    variance[h - 1] = (1 + fit.sigma2) * (theta[h - 1] as number) - mu * mu;
  }
  return { mean, variance };
}

/** Dense row-major matrix product C = A·B (a: r×k, b: k×c). */
function multiply(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++)
    for (let l = 0; l < k; l++) {
      const v = a[i * k + l] as number;
      if (v === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] = (out[i * c + j] as number) + v * (b[l * c + j] as number);
    }
  return out;
}

function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j] as number;
  return out;
}

function kronecker(
  a: Float64Array,
  ar: number,
  ac: number,
  b: Float64Array,
  br: number,
  bc: number,
): Float64Array {
  const cols = ac * bc;
  const out = new Float64Array(ar * br * cols);
  for (let i = 0; i < ar; i++)
    for (let j = 0; j < ac; j++) {
      const v = a[i * ac + j] as number;
      if (v === 0) continue;
      for (let k = 0; k < br; k++)
        for (let l = 0; l < bc; l++) out[(i * br + k) * cols + j * bc + l] = v * (b[k * bc + l] as number);
    }
  return out;
}

/** A·V·Bᵀ for square n×n matrices. */
function sandwich(a: Float64Array, v: Float64Array, b: Float64Array, n: number): Float64Array {
  return multiply(multiply(a, v, n, n, n), transpose(b, n, n), n, n, n);
}

export function class3MeanVariance(fit: EtsFit, horizon: number): MeanAndVariance {
  const m = fit.seasonLength;
  const hasTrend = fit.spec.trend !== 'N';
  const p = hasTrend ? 2 : 1;
  const { alpha, beta, gamma, phi, sigma2 } = fit;
  const h1 = hasTrend ? Float64Array.of(1, phi) : Float64Array.of(1);
  const f1 = hasTrend ? Float64Array.of(1, phi, 0, phi) : Float64Array.of(1);
  const g1 = hasTrend ? Float64Array.of(alpha, alpha * phi, beta, beta * phi) : Float64Array.of(alpha);
  // seasonal block in R's order: z₁ most recent … z_m next to apply
  const h2 = new Float64Array(m);
  h2[m - 1] = 1;
  const f2 = new Float64Array(m * m);
  f2[m - 1] = 1;
  for (let i = 1; i < m; i++) f2[i * m + i - 1] = 1;
  const g2 = new Float64Array(m * m);
  g2[m - 1] = gamma;
  const x = hasTrend ? [fit.finalLevel, fit.finalTrend] : [fit.finalLevel];
  let mh = new Float64Array(p * m);
  for (let i = 0; i < p; i++)
    for (let j = 0; j < m; j++) mh[i * m + j] = (x[i] as number) * (fit.finalSeason[m - 1 - j] as number);
  const size = p * m;
  let vh = new Float64Array(size * size);
  const h21 = kronecker(h2, 1, m, h1, 1, p);
  const f21 = kronecker(f2, m, m, f1, p, p);
  const g21 = kronecker(g2, m, m, g1, p, p);
  const k1 = kronecker(g2, m, m, f1, p, p);
  const k2 = kronecker(f2, m, m, g1, p, p);
  const kk = new Float64Array(size * size);
  for (let i = 0; i < kk.length; i++) kk[i] = (k1[i] as number) + (k2[i] as number);
  const f2t = transpose(f2, m, m);
  const g2t = transpose(g2, m, m);
  const mean = new Float64Array(horizon);
  const variance = new Float64Array(horizon);
  for (let step = 0; step < horizon; step++) {
    // μ = H₁ M H₂ᵀ with M stored row-major p×m
    let mu = 0;
    for (let i = 0; i < p; i++) mu += (h1[i] as number) * (mh[i * m + m - 1] as number);
    mean[step] = mu;
    // vec(M) in R's column-major order: index j·p + i
    const vec = new Float64Array(size);
    for (let i = 0; i < p; i++) for (let j = 0; j < m; j++) vec[j * p + i] = mh[i * m + j] as number;
    let quad = 0;
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++)
        quad += (h21[a] as number) * (vh[a * size + b] as number) * (h21[b] as number);
    variance[step] = (1 + sigma2) * quad + sigma2 * mu * mu;
    const outer = new Float64Array(size * size);
    for (let a = 0; a < size; a++)
      for (let b = 0; b < size; b++) outer[a * size + b] = (vec[a] as number) * (vec[b] as number);
    const vPlusOuter = new Float64Array(size * size);
    const three = new Float64Array(size * size);
    for (let i = 0; i < vh.length; i++) {
      vPlusOuter[i] = (vh[i] as number) + (outer[i] as number);
      three[i] = 3 * (vh[i] as number) + 2 * (outer[i] as number);
    }
    const a1 = sandwich(f21, vh, f21, size);
    const a2 = sandwich(f21, vh, g21, size);
    const a3 = sandwich(g21, vh, f21, size);
    const a4 = sandwich(kk, vPlusOuter, kk, size);
    const a5 = sandwich(g21, three, g21, size);
    const next = new Float64Array(size * size);
    for (let i = 0; i < next.length; i++)
      next[i] =
        (a1[i] as number) +
        sigma2 * ((a2[i] as number) + (a3[i] as number) + (a4[i] as number) + sigma2 * (a5[i] as number));
    vh = next;
    // M ← F₁ M F₂ᵀ + σ² G₁ M G₂ᵀ
    const left = multiply(multiply(f1, mh, p, p, m), f2t, p, m, m);
    const right = multiply(multiply(g1, mh, p, p, m), g2t, p, m, m);
    const updated = new Float64Array(p * m);
    for (let i = 0; i < updated.length; i++) updated[i] = (left[i] as number) + sigma2 * (right[i] as number);
    mh = updated;
  }
  return { mean, variance };
}

/**
 * Sample paths from the fitted model with Gaussian innovations N(0, σ²): `paths × horizon` values,
 * row-major (path-major). Used for intervals of forms without a closed form.
 */
export function simulateEtsPaths(fit: EtsFit, horizon: number, paths: number, rng: Rng): Float64Array {
  const out = new Float64Array(paths * horizon);
  const m = fit.seasonLength;
  const hasSeason = fit.spec.season !== 'N';
  const season = new Float64Array(m);
  const sd = Math.sqrt(fit.sigma2);
  const { alpha, beta, gamma, phi } = fit;
  const slope = fit.spec.trend === 'N' ? 0 : beta;
  for (let path = 0; path < paths; path++) {
    let level = fit.finalLevel;
    let trend = fit.spec.trend === 'N' ? 0 : fit.finalTrend;
    if (hasSeason) for (let j = 0; j < m; j++) season[j] = fit.finalSeason[j] as number;
    for (let h = 0; h < horizon; h++) {
      const slot = h % m;
      const phiTrend = phi * trend;
      const q = level + phiTrend;
      const s = hasSeason ? (season[slot] as number) : 0;
      const forecast = fit.spec.season === 'A' ? q + s : fit.spec.season === 'M' ? q * s : q;
      const e = normal(rng, 0, sd);
      const y = fit.spec.error === 'A' ? forecast + e : forecast * (1 + e);
      out[path * horizon + h] = y;
      const p = fit.spec.season === 'A' ? y - s : fit.spec.season === 'M' ? y / s : y;
      level = q + alpha * (p - q);
      trend = phiTrend + slope * (p - q);
      if (fit.spec.season === 'A') season[slot] = s + gamma * (y - q - s);
      else if (fit.spec.season === 'M') season[slot] = s + gamma * (y / q - s);
    }
  }
  return out;
}
