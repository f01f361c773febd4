import { InputError } from '../../core/errors.js';
import { digamma, lgamma } from '../../stats/special.js';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: using iso-value curves for
 * customer base analysis", JMR 42(4); Hardie note 025, "The Gamma-Gamma model of monetary value"):
 * each transaction value z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate v) across customers,
 * independent of the purchase counts. Fitted by maximum likelihood on the customers with x > 0
 * repeat purchases and mean repeat spend m (lifetimes' GammaGammaFitter):
 *   ln Lᵢ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v + xm).
 * Gradient in log-parameters, x-only terms once per distinct x. Internal to the clv folder
 * (fitGammaGamma, bootstrap); the public API is in gamma-gamma.ts.
 */

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** Rate (scale of ν's prior); the demo calls it `gamma`. */
  readonly v: number;
}

/** x and mean repeat spend m per customer (a PurchaseSummary satisfies it). */
export interface SpendData {
  readonly frequency: ArrayLike<number>;
  readonly monetary: ArrayLike<number>;
}

export const GAMMA_GAMMA_PARAM_NAMES = ['p', 'q', 'v'] as const;

export interface PreparedSpend {
  readonly groups: readonly { x: number; start: number; end: number; weight: number }[];
  readonly logMonetary: Float64Array;
  readonly monetary: Float64Array;
  readonly weight: Float64Array | null;
  readonly totalWeight: number;
  readonly customers: number;
  readonly correlation: number;
}

export function checkSpendData(data: SpendData, caller: string): void {
  const n = data.frequency.length;
  if (data.monetary.length !== n)
    throw new InputError('invalid_argument', `${caller}: frequency and monetary must have the same length`);
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i] as number;
    const m = data.monetary[i] as number;
    if (!(Number.isInteger(x) && x >= 0))
      throw new InputError(
        'invalid_argument',
        `${caller}: customer ${i}: frequency must be a whole number ≥ 0, got ${x}`,
      );
    if (!Number.isFinite(m) || m < 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: customer ${i}: monetary must be a finite number ≥ 0, got ${m}`,
      );
  }
}

/** The fit (not the predictions: E[Z | x, m = 0] is well defined) needs positive spend of every repeater. */
function checkPositiveRepeatSpend(data: SpendData, caller: string): void {
  for (let i = 0; i < data.frequency.length; i++) {
    const x = data.frequency[i] as number;
    if (x > 0 && data.monetary[i] === 0)
      throw new InputError(
        'invalid_argument',
        `${caller}: customer ${i} has ${x} repeat purchase(s) but mean spend 0; the Gamma-Gamma model needs positive spend`,
        {
          hint: 'leave zero-value repeaters out of the fit (fitClvModels does) and score them with the fitted model',
        },
      );
  }
}

export function prepareSpendData(
  data: SpendData,
  weights: ArrayLike<number> | undefined,
  minimum: number,
  caller = 'fitGammaGamma',
): PreparedSpend {
  checkSpendData(data, caller);
  checkPositiveRepeatSpend(data, caller);
  const rows: number[] = [];
  for (let i = 0; i < data.frequency.length; i++) if ((data.frequency[i] as number) > 0) rows.push(i);
  if (rows.length < minimum)
    throw new InputError(
      'insufficient_data',
      `fitGammaGamma requires at least ${minimum} customers with a repeat purchase, got ${rows.length}`,
    );
  if (weights && weights.length !== data.frequency.length)
    throw new InputError('invalid_argument', 'fitGammaGamma: weights must have one entry per customer');
  rows.sort((i, j) => (data.frequency[i] as number) - (data.frequency[j] as number));
  const n = rows.length;
  const monetary = new Float64Array(n);
  const logMonetary = new Float64Array(n);
  const weight = weights ? new Float64Array(n) : null;
  const groups: { x: number; start: number; end: number; weight: number }[] = [];
  let totalWeight = 0;
  let lowest = Number.POSITIVE_INFINITY;
  let highest = 0;
  rows.forEach((row, k) => {
    const x = data.frequency[row] as number;
    const m = data.monetary[row] as number;
    const w = weights ? (weights[row] as number) : 1;
    if (!(Number.isFinite(w) && w >= 0))
      throw new InputError('invalid_argument', `fitGammaGamma: weight ${row} must be ≥ 0`);
    monetary[k] = m;
    logMonetary[k] = Math.log(m);
    if (weight) weight[k] = w;
    const last = groups[groups.length - 1];
    if (last && last.x === x) {
      last.end = k + 1;
      last.weight += w;
    } else groups.push({ x, start: k, end: k + 1, weight: w });
    totalWeight += w;
    if (w > 0) {
      lowest = Math.min(lowest, m);
      highest = Math.max(highest, m);
    }
  });
  if (!(totalWeight > 0))
    throw new InputError('insufficient_data', 'fitGammaGamma: all repeat customers have weight 0');
  if (lowest === highest)
    throw new InputError(
      'model_not_identified',
      `fitGammaGamma: every repeat customer has the same mean spend (${lowest}); the Gamma-Gamma model needs spend that varies between customers`,
      { hint: 'use the common value as the expected spend instead of fitting a spend model' },
    );
  return {
    groups,
    logMonetary,
    monetary,
    weight,
    totalWeight,
    customers: n,
    correlation: pearson(rows, data, weights),
  };
}

/** Weighted Pearson correlation of x and m over the given rows (two-pass); 0 when either is constant. */
function pearson(rows: readonly number[], data: SpendData, weights: ArrayLike<number> | undefined): number {
  let total = 0;
  let sumX = 0;
  let sumM = 0;
  for (const row of rows) {
    const w = weights ? (weights[row] as number) : 1;
    total += w;
    sumX += w * (data.frequency[row] as number);
    sumM += w * (data.monetary[row] as number);
  }
  const meanX = sumX / total;
  const meanM = sumM / total;
  let sxx = 0;
  let smm = 0;
  let sxm = 0;
  for (const row of rows) {
    const w = weights ? (weights[row] as number) : 1;
    const dx = (data.frequency[row] as number) - meanX;
    const dm = (data.monetary[row] as number) - meanM;
    sxx += w * dx * dx;
    smm += w * dm * dm;
    sxm += w * dx * dm;
  }
  return sxx > 0 && smm > 0 ? sxm / Math.sqrt(sxx * smm) : 0;
}

/** Σ wᵢ ln Lᵢ over repeaters; fills ∂/∂(ln p, ln q, ln v) when `gradient` is given. Cost O(n). */
export function gammaGammaLogLikelihoodPrepared(
  prepared: PreparedSpend,
  params: GammaGammaParams,
  gradient?: Float64Array,
): number {
  const { p, q, v } = params;
  const { monetary, logMonetary, weight } = prepared;
  const logV = Math.log(v);
  const lgammaQ = lgamma(q);
  const digammaQ = digamma(q);
  let ll = 0;
  let dp = 0;
  let dq = 0;
  let dv = 0;
  for (const group of prepared.groups) {
    const x = group.x;
    let sumLogM = 0;
    let sumLogS = 0;
    let sumInverseS = 0;
    for (let i = group.start; i < group.end; i++) {
      const w = weight ? (weight[i] as number) : 1;
      const s = v + x * (monetary[i] as number);
      sumLogM += w * (logMonetary[i] as number);
      sumLogS += w * Math.log(s);
      sumInverseS += w / s;
    }
    const px = p * x;
    const count = group.weight;
    const logX = Math.log(x);
    const digammaPxQ = digamma(px + q);
    ll +=
      count * (lgamma(px + q) - lgamma(px) - lgammaQ + q * logV + px * logX) +
      (px - 1) * sumLogM -
      (px + q) * sumLogS;
    dp += x * (count * (digammaPxQ - digamma(px) + logX) + sumLogM - sumLogS);
    dq += count * (digammaPxQ - digammaQ + logV) - sumLogS;
    dv += (count * q) / v - (px + q) * sumInverseS;
  }
  if (gradient) {
    gradient[0] = dp * p;
    gradient[1] = dq * q;
    gradient[2] = dv * v;
  }
  return Number.isFinite(ll) ? ll : Number.NEGATIVE_INFINITY;
}

export function checkGammaGammaParams(params: GammaGammaParams, caller: string): void {
  for (const name of GAMMA_GAMMA_PARAM_NAMES)
    if (!(Number.isFinite(params[name]) && params[name] > 0))
      throw new InputError(
        'invalid_argument',
        `${caller}: Gamma-Gamma parameter ${name} must be > 0, got ${params[name]}`,
      );
}
