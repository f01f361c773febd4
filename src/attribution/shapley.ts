import { InputError } from '../core/errors.js';
import { createRng } from '../core/random.js';
import { encodeJourneys, type Journey, type JourneyOptions } from './journeys.js';

/**
 * Shapley-value multi-touch attribution over channel coalitions.
 *
 * Each journey is reduced to its SET of channels T (order and repeats ignored). Two characteristic
 * functions are offered:
 *  - `conversions` (default; the "simplified Shapley value" of Zhao, Mahboobi & Bagheri 2018,
 *    arXiv:1804.05327, eq. 6): v(S) = conversions of journeys with T ⊆ S. This game is a sum of
 *    unanimity games, so its Shapley value has the closed form φ_i = Σ_{T ∋ i} conv(T) / |T| — each
 *    conversion split equally over the DISTINCT channels of its journey; the coalition computation below
 *    reproduces that exactly (tested) and is kept so both games share one engine.
 *  - `conversionRate` (the usual coalition formulation of Dalessandro et al. 2012 / Shao & Li 2011):
 *    v(S) = conversions / journeys over journeys with T ⊆ S (v(∅) = 0). Channels that occur in
 *    non-converting journeys get less, and can get negative credit; φ is rescaled so Σ φ = total conversions.
 * Value credit uses the same game with conversion value in place of conversions.
 */

export interface ShapleyOptions extends JourneyOptions {
  readonly characteristic?: 'conversions' | 'conversionRate';
  /** Exact computation up to this many channels (default 15, at most 24); permutation sampling beyond. */
  readonly exactMaxChannels?: number;
  /** Sampled permutations when sampling (default 2 000). */
  readonly samples?: number;
  /** Seed of the permutation sampler (default 1). */
  readonly seed?: number;
}

export interface ShapleyChannelResult {
  readonly channel: string;
  /** Shapley value of the conversion game (units of v). */
  readonly shapleyValue: number;
  /** Attributed conversions; Σ over channels = total conversions. */
  readonly conversions: number;
  /** Attributed value; Σ over channels = total value. */
  readonly value: number;
  /** Monte-Carlo standard error of `conversions` (0 when exact). */
  readonly standardError: number;
}

export interface ShapleyAttribution {
  readonly channels: readonly string[];
  readonly characteristic: 'conversions' | 'conversionRate';
  readonly method: 'exact' | 'permutation-sampling';
  /** Permutations sampled (0 when exact). */
  readonly samples: number;
  readonly byChannel: readonly ShapleyChannelResult[];
  readonly totalConversions: number;
  readonly totalValue: number;
}

/** Distinct channel sets with their conversions, value and journeys. */
interface Coalitions {
  readonly sets: Int32Array[];
  readonly conversions: number[];
  readonly values: number[];
  readonly journeys: number[];
}

function groupBySet(
  paths: readonly Int32Array[],
  c: Float64Array,
  v: Float64Array,
  u: Float64Array,
): Coalitions {
  const index = new Map<string, number>();
  const result: Coalitions = { sets: [], conversions: [], values: [], journeys: [] };
  for (let row = 0; row < paths.length; row++) {
    const set = Int32Array.from(new Set(paths[row] as Int32Array)).sort();
    const key = set.join(',');
    let id = index.get(key);
    if (id === undefined) {
      id = result.sets.length;
      index.set(key, id);
      result.sets.push(set);
      result.conversions.push(0);
      result.values.push(0);
      result.journeys.push(0);
    }
    result.conversions[id] = (result.conversions[id] as number) + (c[row] as number);
    result.values[id] = (result.values[id] as number) + (v[row] as number);
    result.journeys[id] = (result.journeys[id] as number) + (c[row] as number) + (u[row] as number);
  }
  return result;
}

/** Exact Shapley values of v for n ≤ 24 players; v given on all 2^n masks. O(n · 2^n). */
function exactShapley(v: Float64Array, n: number): Float64Array {
  const factorial = [1];
  for (let i = 1; i <= n; i++) factorial.push((factorial[i - 1] as number) * i);
  // weight(|S|) = |S|! (n − |S| − 1)! / n!
  const weight = Float64Array.from(
    { length: n },
    (_, s) => ((factorial[s] as number) * (factorial[n - s - 1] as number)) / (factorial[n] as number),
  );
  const popcount = new Uint8Array(1 << n);
  for (let mask = 1; mask < 1 << n; mask++) popcount[mask] = (popcount[mask >> 1] as number) + (mask & 1);
  const phi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++) {
      if (mask & bit) continue;
      total +=
        (weight[popcount[mask] as number] as number) * ((v[mask | bit] as number) - (v[mask] as number));
    }
    phi[i] = total;
  }
  return phi;
}

/** v(S) on every mask: subset sums (zeta transform) of the per-set weights, O(n · 2^n). */
function subsetSums(groups: Coalitions, weights: readonly number[], n: number): Float64Array {
  const table = new Float64Array(1 << n);
  for (let g = 0; g < groups.sets.length; g++) {
    let mask = 0;
    for (const id of groups.sets[g] as Int32Array) mask |= 1 << id;
    table[mask] = (table[mask] as number) + (weights[g] as number);
  }
  for (let i = 0; i < n; i++)
    for (let mask = 0; mask < 1 << n; mask++)
      if (mask & (1 << i)) table[mask] = (table[mask] as number) + (table[mask ^ (1 << i)] as number);
  return table;
}

/**
 * Shapley-value attribution of conversions and value to channels.
 *
 * φ_i = Σ_{S ⊆ N∖{i}} |S|! (n − |S| − 1)! / n! · (v(S ∪ {i}) − v(S)); efficiency: Σ φ_i = v(N) − v(∅).
 * Exact (bitmask enumeration, O(n · 2^n) after grouping journeys by channel set) for n ≤
 * `exactMaxChannels`; beyond, seeded Monte-Carlo over random channel orders (Castro, Gómez & Tejada
 * 2009): each order's marginal contributions are computed in O(Σ |T|) over the distinct sets T and
 * sum to v(N) exactly, so sampled results are efficient too; the standard error is reported.
 * Attributed conversions = φ_i · total conversions / v(N) (for the `conversions` game that factor is 1).
 * Zero conversions give zero credit. Reference: Shapley (1953); Zhao et al. (2018) for the
 * simplified conversion game. Cost: grouping O(total touches); exact O(n · 2^n); sampled
 * O(samples · Σ|T|).
 * @example shapleyAttribution([{ path: ['a', 'b'], conversions: 2, nulls: 0 }, { path: ['a'], conversions: 1, nulls: 0 }])
 *   .byChannel.map((r) => r.conversions) // → [2, 1]
 */
export function shapleyAttribution(
  journeys: readonly Journey[],
  options: ShapleyOptions = {},
): ShapleyAttribution {
  const characteristic = options.characteristic ?? 'conversions';
  if (characteristic !== 'conversions' && characteristic !== 'conversionRate')
    throw new InputError(
      'invalid_argument',
      `shapleyAttribution: unknown characteristic "${String(characteristic)}"`,
    );
  const exactMax = options.exactMaxChannels ?? 15;
  if (!Number.isInteger(exactMax) || exactMax < 0 || exactMax > 24)
    throw new InputError(
      'invalid_argument',
      `shapleyAttribution: exactMaxChannels must be an integer 0–24, got ${exactMax}`,
    );
  const samples = options.samples ?? 2000;
  if (!Number.isInteger(samples) || samples < 2)
    throw new InputError(
      'invalid_argument',
      `shapleyAttribution: samples must be an integer ≥ 2, got ${samples}`,
    );
  const seed = options.seed ?? 1;
  const data = encodeJourneys(journeys, options, 'shapleyAttribution');
  const n = data.channels.length;
  const groups = groupBySet(data.paths, data.conversions, data.values, data.nulls);
  const rate = characteristic === 'conversionRate';
  const exact = n <= exactMax;
  let phiC: Float64Array;
  let phiV: Float64Array;
  let seC: Float64Array = new Float64Array(n);
  if (exact) {
    const conversions = subsetSums(groups, groups.conversions, n);
    const values = subsetSums(groups, groups.values, n);
    if (rate) {
      const journeysTable = subsetSums(groups, groups.journeys, n);
      for (let mask = 0; mask < 1 << n; mask++) {
        const m = journeysTable[mask] as number;
        conversions[mask] = m > 0 ? (conversions[mask] as number) / m : 0;
        values[mask] = m > 0 ? (values[mask] as number) / m : 0;
      }
    }
    phiC = exactShapley(conversions, n);
    phiV = exactShapley(values, n);
  } else {
    const sampled = sampleShapley(groups, n, samples, seed, rate);
    phiC = sampled.phiC;
    phiV = sampled.phiV;
    seC = sampled.seC;
  }
  let vC = 0;
  let vV = 0;
  for (let i = 0; i < n; i++) {
    vC += phiC[i] as number;
    vV += phiV[i] as number;
  }
  // For the rate game rescale so credits add up to the totals (v(N) = overall rate).
  const scaleC = rate ? (vC !== 0 ? data.totalConversions / vC : 0) : 1;
  const scaleV = rate ? (vV !== 0 ? data.totalValue / vV : 0) : 1;
  return {
    channels: data.channels,
    characteristic,
    method: exact ? 'exact' : 'permutation-sampling',
    samples: exact ? 0 : samples,
    byChannel: data.channels.map((channel, i) => ({
      channel,
      shapleyValue: phiC[i] as number,
      conversions: (phiC[i] as number) * scaleC,
      value: (phiV[i] as number) * scaleV,
      standardError: (seC[i] as number) * Math.abs(scaleC),
    })),
    totalConversions: data.totalConversions,
    totalValue: data.totalValue,
  };
}

function sampleShapley(
  groups: Coalitions,
  n: number,
  samples: number,
  seed: number,
  rate: boolean,
): { phiC: Float64Array; phiV: Float64Array; seC: Float64Array } {
  const rng = createRng(seed);
  const rank = new Int32Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const addC = new Float64Array(n);
  const addV = new Float64Array(n);
  const addM = new Float64Array(n);
  const meanC = new Float64Array(n);
  const meanV = new Float64Array(n);
  const m2C = new Float64Array(n);
  for (let s = 0; s < samples; s++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      const tmp = order[i] as number;
      order[i] = order[j] as number;
      order[j] = tmp;
    }
    for (let p = 0; p < n; p++) rank[order[p] as number] = p;
    addC.fill(0);
    addV.fill(0);
    addM.fill(0);
    // A set T joins the coalition when its last member (highest rank) does.
    for (let g = 0; g < groups.sets.length; g++) {
      let last = 0;
      for (const id of groups.sets[g] as Int32Array) last = Math.max(last, rank[id] as number);
      addC[last] = (addC[last] as number) + (groups.conversions[g] as number);
      addV[last] = (addV[last] as number) + (groups.values[g] as number);
      addM[last] = (addM[last] as number) + (groups.journeys[g] as number);
    }
    let cumC = 0;
    let cumV = 0;
    let cumM = 0;
    let previousC = 0;
    let previousV = 0;
    for (let p = 0; p < n; p++) {
      cumC += addC[p] as number;
      cumV += addV[p] as number;
      cumM += addM[p] as number;
      const currentC = rate ? (cumM > 0 ? cumC / cumM : 0) : cumC;
      const currentV = rate ? (cumM > 0 ? cumV / cumM : 0) : cumV;
      const player = order[p] as number;
      const deltaC = currentC - previousC;
      // Welford running mean / variance of the marginal contribution.
      const d = deltaC - (meanC[player] as number);
      meanC[player] = (meanC[player] as number) + d / (s + 1);
      m2C[player] = (m2C[player] as number) + d * (deltaC - (meanC[player] as number));
      meanV[player] =
        (meanV[player] as number) + (currentV - previousV - (meanV[player] as number)) / (s + 1);
      previousC = currentC;
      previousV = currentV;
    }
  }
  const seC = Float64Array.from({ length: n }, (_, i) =>
    Math.sqrt((m2C[i] as number) / (samples - 1) / samples),
  );
  return { phiC: meanC, phiV: meanV, seC };
}
