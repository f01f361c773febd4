import { InputError } from '../../core/errors.js';
import { digamma, lgamma } from '../../stats/special.js';
import {
  type BgNbdParams,
  checkBgNbdParams,
  checkRepeatPurchaseData,
  type RepeatPurchaseData,
} from './bg-nbd-input.js';

/**
 * BG/NBD log-likelihood and its gradient in log-parameters, organised for speed: customers are
 * grouped by x so the x-only terms (lgamma, digamma, ln(b + x − 1)) are computed once per distinct
 * x, leaving per customer two logs, one exp, one log1p and two divisions (x > 0; one log and one
 * division when x = 0). Internal to the clv folder (fitBgNbd, bootstrap).
 *
 * Fader, Hardie & Lee (2005), "Counting your customers the easy way", Marketing Science 24(2),
 * eq. (6) in log form (as lifetimes' BetaGeoFitter):
 *   ln Lᵢ = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b) − (r+x) ln(α+T)
 *           + ln(1 + δ(x>0) · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x))
 * With D = ln(a/(b+x−1)) + (r+x) ln((α+T)/(α+tₓ)) and w = δ(x>0)·e^D/(1+e^D) (the posterior
 * probability that the customer dropped out right after the last purchase):
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − (1−w) ln(α+T) − w ln(α+tₓ)
 *   ∂/∂α = r/α − (r+x)((1−w)/(α+T) + w/(α+tₓ))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w/a
 *   ∂/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x) − w/(b+x−1)
 */

export interface PreparedBgNbdData {
  /** Number of customers (rows). */
  readonly customers: number;
  /** Σ weights (= customers when unweighted). */
  readonly totalWeight: number;
  readonly hasRepeat: boolean;
  /** x = 0 customers: ages and weights. */
  readonly zeroAge: Float64Array;
  readonly zeroWeight: Float64Array | null;
  /** x > 0 customers grouped by x: group g covers rows start..end of recency/age/weight. */
  readonly groups: readonly {
    readonly x: number;
    readonly start: number;
    readonly end: number;
    readonly weight: number;
  }[];
  readonly recency: Float64Array;
  readonly age: Float64Array;
  readonly weight: Float64Array | null;
}

/**
 * Validate and group customers by x. `weights` (≥ 0, e.g. bootstrap multiplicities or counts of
 * identical customers) multiply each customer's log-likelihood. Cost O(n).
 */
export function prepareBgNbdData(
  data: RepeatPurchaseData,
  weights?: ArrayLike<number>,
  caller = 'fitBgNbd',
): PreparedBgNbdData {
  const n = checkRepeatPurchaseData(data, caller);
  if (n === 0) throw new InputError('insufficient_data', `${caller} requires at least one customer`);
  if (weights && weights.length !== n)
    throw new InputError('invalid_argument', `${caller}: weights must have one entry per customer`);
  const weightOf = (i: number): number => {
    const w = weights ? (weights[i] as number) : 1;
    if (!(Number.isFinite(w) && w >= 0))
      throw new InputError('invalid_argument', `${caller}: weight ${i} must be ≥ 0, got ${w}`);
    return w;
  };
  const counts = new Map<number, number>();
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i] as number;
    if (x === 0) zeros++;
    else counts.set(x, (counts.get(x) ?? 0) + 1);
  }
  const xs = [...counts.keys()].sort((p, q) => p - q);
  const starts = new Map<number, number>();
  let offset = 0;
  for (const x of xs) {
    starts.set(x, offset);
    offset += counts.get(x) as number;
  }
  const zeroAge = new Float64Array(zeros);
  const zeroWeight = weights ? new Float64Array(zeros) : null;
  const recency = new Float64Array(offset);
  const age = new Float64Array(offset);
  const weight = weights ? new Float64Array(offset) : null;
  const cursor = new Map(starts);
  const groupWeight = new Map<number, number>();
  let zeroCursor = 0;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i] as number;
    const w = weightOf(i);
    totalWeight += w;
    if (x === 0) {
      zeroAge[zeroCursor] = data.age[i] as number;
      if (zeroWeight) zeroWeight[zeroCursor] = w;
      zeroCursor++;
      continue;
    }
    const k = cursor.get(x) as number;
    cursor.set(x, k + 1);
    recency[k] = data.recency[i] as number;
    age[k] = data.age[i] as number;
    if (weight) weight[k] = w;
    groupWeight.set(x, (groupWeight.get(x) ?? 0) + w);
  }
  const groups = xs
    .map((x) => ({
      x,
      start: starts.get(x) as number,
      end: cursor.get(x) as number,
      weight: groupWeight.get(x) ?? 0,
    }))
    .filter((g) => g.weight > 0);
  if (!(totalWeight > 0)) throw new InputError('insufficient_data', `${caller}: all customer weights are 0`);
  return {
    customers: n,
    totalWeight,
    hasRepeat: groups.length > 0,
    zeroAge,
    zeroWeight,
    groups,
    recency,
    age,
    weight,
  };
}

/**
 * Total log-likelihood Σᵢ wᵢ ln Lᵢ at params; fills `gradient` (∂/∂ ln r, ∂/∂ ln α, ∂/∂ ln a,
 * ∂/∂ ln b) when given. Returns −Infinity (never NaN) when a value is not finite. Cost O(n).
 */
export function bgNbdLogLikelihoodPrepared(
  prepared: PreparedBgNbdData,
  params: BgNbdParams,
  gradient?: Float64Array,
): number {
  const { r, alpha, a, b } = params;
  const logAlpha = Math.log(alpha);
  let ll = 0;
  let dr = 0;
  let dAlpha = 0;
  let da = 0;
  let db = 0;
  // x = 0: ln L = r ln α − r ln(α + T)
  {
    const ages = prepared.zeroAge;
    const weights = prepared.zeroWeight;
    let sumLog = 0;
    let sumInverse = 0;
    let count = 0;
    for (let i = 0; i < ages.length; i++) {
      const w = weights ? (weights[i] as number) : 1;
      const s = alpha + (ages[i] as number);
      sumLog += w * Math.log(s);
      sumInverse += w / s;
      count += w;
    }
    ll += r * (count * logAlpha - sumLog);
    dr += count * logAlpha - sumLog;
    dAlpha += (count * r) / alpha - r * sumInverse;
  }
  const lgammaR = lgamma(r);
  const digammaR = digamma(r);
  const lgammaAB = lgamma(a + b);
  const lgammaB = lgamma(b);
  const digammaAB = digamma(a + b);
  const digammaB = digamma(b);
  const logA = Math.log(a);
  const { recency, age, weight } = prepared;
  for (const group of prepared.groups) {
    const x = group.x;
    const rx = r + x;
    const logRatio = logA - Math.log(b + x - 1);
    let sumLogMix = 0; // Σ (1−w) ln(α+T) + w ln(α+tₓ)
    let sumInverseMix = 0; // Σ (1−w)/(α+T) + w/(α+tₓ)
    let sumDropout = 0; // Σ w
    let sumTerm = 0; // Σ −(r+x) ln(α+T) + ln(1 + e^D)
    for (let i = group.start; i < group.end; i++) {
      const weightI = weight ? (weight[i] as number) : 1;
      const sT = alpha + (age[i] as number);
      const sx = alpha + (recency[i] as number);
      const logT = Math.log(sT);
      const logX = Math.log(sx);
      const d = logRatio + rx * (logT - logX);
      let softplus: number;
      let dropout: number;
      if (d > 0) {
        const e = Math.exp(-d);
        softplus = d + Math.log1p(e);
        dropout = 1 / (1 + e);
      } else {
        const e = Math.exp(d);
        softplus = Math.log1p(e);
        dropout = e / (1 + e);
      }
      sumTerm += weightI * (softplus - rx * logT);
      sumLogMix += weightI * (logT + dropout * (logX - logT));
      sumInverseMix += weightI * ((1 - dropout) / sT + dropout / sx);
      sumDropout += weightI * dropout;
    }
    const count = group.weight;
    const lgammaRx = lgamma(rx);
    const lgammaBx = lgamma(b + x);
    const lgammaABx = lgamma(a + b + x);
    const digammaABx = digamma(a + b + x);
    ll += count * (lgammaRx - lgammaR + r * logAlpha + lgammaAB + lgammaBx - lgammaB - lgammaABx) + sumTerm;
    dr += count * (digamma(rx) - digammaR + logAlpha) - sumLogMix;
    dAlpha += (count * r) / alpha - rx * sumInverseMix;
    da += count * (digammaAB - digammaABx) + sumDropout / a;
    db += count * (digammaAB + digamma(b + x) - digammaB - digammaABx) - sumDropout / (b + x - 1);
  }
  if (gradient) {
    gradient[0] = dr * r;
    gradient[1] = dAlpha * alpha;
    gradient[2] = da * a;
    gradient[3] = db * b;
  }
  return Number.isFinite(ll) ? ll : Number.NEGATIVE_INFINITY;
}

/**
 * BG/NBD log-likelihood Σᵢ ln L(r, α, a, b | xᵢ, tₓᵢ, Tᵢ) (FHL 2005 eq. 6) of customers' (x, t_x, T).
 * Cost O(n). Example: CDNOW (2,357 customers) at the published r = 0.243, α = 4.414, a = 0.793,
 * b = 2.426 → −9582.4 (lifetimes: log-likelihood −9582.43 at its own estimates).
 */
export function bgNbdLogLikelihood(params: BgNbdParams, data: RepeatPurchaseData): number {
  checkBgNbdParams(params, 'bgNbdLogLikelihood');
  return bgNbdLogLikelihoodPrepared(prepareBgNbdData(data, undefined, 'bgNbdLogLikelihood'), params);
}
