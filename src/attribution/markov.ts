import { InputError } from '../core/errors.js';
import { type EncodedJourneys, encodeJourneys, type Journey, type JourneyOptions } from './journeys.js';
import { type MarkovChain, solveDense, solveGaussSeidel } from './markov-solvers.js';

export type { MarkovChain } from './markov-solvers.js';

/**
 * Markov-chain multi-touch attribution with removal effects (Anderl, Becker, von Wangenheim & Schumann
 * 2014, "Mapping the customer journey: a graph-based framework for online attribution modeling";
 * Anderl et al. 2016, IJRM 33(3)), of order 1–3, computed EXACTLY from the transition matrix by
 * solving the absorbing-chain linear system — not by simulation as ChannelAttribution does.
 *
 * States, built the way ChannelAttribution 2.x builds them (checked against its transition matrix):
 *  - `(start)`, one state per observed channel tuple, and the absorbing `(conversion)` and `(null)`;
 *  - order 1: a state is a channel; order m: a state is a window of m consecutive touches (sliding by
 *    one), a path shorter than m is a single state holding the whole path;
 *  - consecutive identical states are merged (`a > a > b` is `a → b` in order 1), so there are no
 *    self-loops;
 *  - a path with c conversions and u nulls adds c + u to each of its transitions
 *    (start → s_1 → … → s_L), then c to s_L → conversion and u to s_L → null;
 *  - probabilities are counts divided by the row total.
 */

export interface MarkovOptions extends JourneyOptions {
  /** Chain order 1–3 (default 1). */
  readonly order?: number;
  /**
   * Linear solver: `dense` = LU with partial pivoting on I − Q (direct; O(n³) per removal), `gauss-seidel`
   * = sparse Gauss–Seidel sweeps to |Δ| < 1e-15 (O(transitions) per sweep). `auto` (default) uses dense
   * up to 300 transient states — a direct solve is exact to rounding and costs < 10 ms there — and
   * Gauss–Seidel beyond, where O(n³) per channel would dominate.
   */
  readonly solver?: 'auto' | 'dense' | 'gauss-seidel';
}

export interface MarkovChannelResult {
  readonly channel: string;
  /** 1 − P(conversion | channel removed) / P(conversion). */
  readonly removalEffect: number;
  /** The same for expected conversion value. */
  readonly removalEffectValue: number;
  /** total conversions × removalEffect / Σ removalEffect. */
  readonly conversions: number;
  /** total value × removalEffectValue / Σ removalEffectValue. */
  readonly value: number;
}

export interface MarkovAttribution {
  readonly order: number;
  readonly channels: readonly string[];
  readonly byChannel: readonly MarkovChannelResult[];
  /** P(absorbed in conversion | start) of the full chain. */
  readonly conversionProbability: number;
  /** Expected conversion value per journey of the full chain. */
  readonly expectedValue: number;
  readonly totalConversions: number;
  readonly totalValue: number;
  /** Transient states including `(start)`, and nonzero transitions between them. */
  readonly stateCount: number;
  readonly transitionCount: number;
  readonly solver: 'dense' | 'gauss-seidel';
}

const DENSE_MAX_STATES = 300;

function checkOrder(order: number, caller: string): number {
  if (!Number.isInteger(order) || order < 1 || order > 3)
    throw new InputError('invalid_argument', `${caller}: order must be 1, 2 or 3, got ${order}`);
  return order;
}

function buildChain(data: EncodedJourneys, order: number): MarkovChain {
  const k = data.channels.length;
  const base = k + 1;
  if (base ** order > Number.MAX_SAFE_INTEGER)
    throw new InputError('invalid_argument', `buildMarkovChain: too many channels (${k}) for order ${order}`);
  // Pass 1: each path → its sequence of state ids (flat), consecutive duplicates merged.
  const stateOf = new Map<number, number>();
  const states: Int32Array[] = [new Int32Array(0)];
  let totalSteps = 0;
  for (const path of data.paths) totalSteps += path.length;
  const flat = new Int32Array(totalSteps);
  const offsets = new Int32Array(data.paths.length + 1);
  let at = 0;
  for (let row = 0; row < data.paths.length; row++) {
    const path = data.paths[row] as Int32Array;
    const windows = path.length <= order ? 1 : path.length - order + 1;
    const width = Math.min(order, path.length);
    let previous = 0;
    for (let w = 0; w < windows; w++) {
      let key = 0;
      for (let j = 0; j < width; j++) key = key * base + (path[w + j] as number) + 1;
      let id = stateOf.get(key);
      if (id === undefined) {
        id = states.length;
        stateOf.set(key, id);
        states.push(path.slice(w, w + width));
      }
      if (id !== previous) flat[at++] = id;
      previous = id;
    }
    offsets[row + 1] = at;
  }
  const n = states.length;
  // Pass 2: transition counts (dense for small chains, one map per row otherwise).
  const dense = n <= 2048 ? new Float64Array(n * n) : undefined;
  const sparse = dense === undefined ? Array.from({ length: n }, () => new Map<number, number>()) : undefined;
  const toConversion = new Float64Array(n);
  const toNull = new Float64Array(n);
  const valueSum = new Float64Array(n);
  for (let row = 0; row < data.paths.length; row++) {
    const c = data.conversions[row] as number;
    const u = data.nulls[row] as number;
    const weight = c + u;
    if (weight === 0) continue;
    let from = 0;
    for (let i = offsets[row] as number; i < (offsets[row + 1] as number); i++) {
      const to = flat[i] as number;
      if (dense !== undefined) dense[from * n + to] = (dense[from * n + to] as number) + weight;
      else if (sparse !== undefined) {
        const out = sparse[from] as Map<number, number>;
        out.set(to, (out.get(to) ?? 0) + weight);
      }
      from = to;
    }
    toConversion[from] = (toConversion[from] as number) + c;
    toNull[from] = (toNull[from] as number) + u;
    valueSum[from] = (valueSum[from] as number) + (data.values[row] as number);
  }
  const rowStart = new Int32Array(n + 1);
  const targets: number[] = [];
  const counts: number[] = [];
  const conversionProbability = new Float64Array(n);
  const nullProbability = new Float64Array(n);
  const valueRate = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const begin = targets.length;
    if (dense !== undefined) {
      for (let t = 0; t < n; t++) {
        const x = dense[s * n + t] as number;
        if (x > 0) {
          targets.push(t);
          counts.push(x);
        }
      }
    } else if (sparse !== undefined)
      for (const [t, x] of [...(sparse[s] as Map<number, number>)].sort((p, q) => p[0] - q[0])) {
        targets.push(t);
        counts.push(x);
      }
    let total = (toConversion[s] as number) + (toNull[s] as number);
    for (let e = begin; e < counts.length; e++) total += counts[e] as number;
    // A state reached only by weight-0 rows has no outgoing mass: treat it as leading to null.
    if (total > 0) {
      for (let e = begin; e < counts.length; e++) counts[e] = (counts[e] as number) / total;
      conversionProbability[s] = (toConversion[s] as number) / total;
      nullProbability[s] = (toNull[s] as number) / total;
      valueRate[s] = (valueSum[s] as number) / total;
    } else nullProbability[s] = 1;
    rowStart[s + 1] = targets.length;
  }
  const stateLabels = states.map((tuple, s) =>
    s === 0 ? '(start)' : Array.from(tuple, (id) => data.channels[id] as string).join(' > '),
  );
  return {
    order,
    channels: data.channels,
    states,
    stateLabels,
    rowStart,
    target: Int32Array.from(targets),
    probability: Float64Array.from(counts),
    conversionProbability,
    nullProbability,
    valueRate,
  };
}

/**
 * Build the order-m Markov chain of customer journeys (states and transition probabilities; see the
 * module comment for the construction, which follows ChannelAttribution 2.x). Cost O(total touches ·
 * order) plus O(states²) for chains of ≤ 2 048 states (dense counting).
 * @example buildMarkovChain([{ path: ['a', 'b'], conversions: 1, nulls: 1 }]).stateLabels
 * // → ['(start)', 'a', 'b']
 */
export function buildMarkovChain(journeys: readonly Journey[], options: MarkovOptions = {}): MarkovChain {
  const order = checkOrder(options.order ?? 1, 'buildMarkovChain');
  return buildChain(encodeJourneys(journeys, options, 'buildMarkovChain'), order);
}

/**
 * Markov-chain removal-effect attribution of order 1–3, exact.
 *
 * Absorption probabilities solve (I − Q) x = b, with Q the transient-to-transient transition matrix
 * and b_s = P(s → conversion); the expected value solves (I − Q) y = r with r_s = value of paths ending
 * in s / row total of s. P(conv) = x_start. Removing channel k sends every state whose tuple contains k
 * to null (x = y = 0 there) and re-solves: removal effect RE_k = 1 − x_start^(−k) / x_start (value:
 * 1 − y_start^(−k) / y_start); attributed conversions_k = total conversions · RE_k / Σ_j RE_j (value
 * likewise). RE_k equals P(a converting walk visits k), the quantity ChannelAttribution estimates by
 * simulation, so its numbers agree up to its Monte-Carlo error (≈ 1–2 % on the large channels of its
 * example data). Errors: `insufficient_data` when there are no conversions. Cost: building
 * O(total touches · order); solving (channels + 1) systems of n transient states, dense O(n³) each or
 * Gauss–Seidel O(transitions · sweeps). Reference: Anderl et al. (2014); ChannelAttribution
 * `markov_model` (Altomare & Loris).
 * @example markovAttribution([{ path: ['a', 'b'], conversions: 1, nulls: 1 }, { path: ['a'], conversions: 0, nulls: 2 }])
 *   .byChannel.map((r) => r.removalEffect) // → [1, 1] (every conversion needs both a and b)
 */
export function markovAttribution(
  journeys: readonly Journey[],
  options: MarkovOptions = {},
): MarkovAttribution {
  const order = checkOrder(options.order ?? 1, 'markovAttribution');
  const solverOption = options.solver ?? 'auto';
  if (solverOption !== 'auto' && solverOption !== 'dense' && solverOption !== 'gauss-seidel')
    throw new InputError('invalid_argument', `markovAttribution: unknown solver "${String(solverOption)}"`);
  const data = encodeJourneys(journeys, options, 'markovAttribution');
  if (!(data.totalConversions > 0))
    throw new InputError('insufficient_data', 'markovAttribution requires at least one conversion', {
      hint: 'removal effects are relative to P(conversion), which is 0 here',
    });
  const chain = buildChain(data, order);
  return markovAttributionFromChain(chain, data.totalConversions, data.totalValue, solverOption);
}

/**
 * Removal effects of an already built chain (see `markovAttribution`); `totalConversions` and `totalValue`
 * are the totals to distribute. Cost as `markovAttribution` without the building step.
 * @example markovAttributionFromChain(buildMarkovChain(journeys), 100, 0).byChannel[0].removalEffect
 */
export function markovAttributionFromChain(
  chain: MarkovChain,
  totalConversions: number,
  totalValue: number,
  solverOption: 'auto' | 'dense' | 'gauss-seidel' = 'auto',
): MarkovAttribution {
  if (
    !(
      Number.isFinite(totalConversions) &&
      totalConversions >= 0 &&
      Number.isFinite(totalValue) &&
      totalValue >= 0
    )
  )
    throw new InputError('invalid_argument', 'markovAttributionFromChain: totals must be finite and ≥ 0');
  const n = chain.states.length;
  const solver: 'dense' | 'gauss-seidel' =
    solverOption === 'auto' ? (n <= DENSE_MAX_STATES ? 'dense' : 'gauss-seidel') : solverOption;
  const solve = solver === 'dense' ? solveDense : solveGaussSeidel;
  const removed = new Uint8Array(n);
  const full = solve(chain, removed);
  if (!(full.x > 0))
    throw new InputError('insufficient_data', 'markovAttribution requires at least one conversion');
  const k = chain.channels.length;
  const effect = new Float64Array(k);
  const effectValue = new Float64Array(k);
  for (let channel = 0; channel < k; channel++) {
    for (let s = 0; s < n; s++) removed[s] = (chain.states[s] as Int32Array).includes(channel) ? 1 : 0;
    const without = solve(chain, removed);
    // Clamp rounding noise: removing a channel can only lower the absorption probabilities.
    effect[channel] = Math.min(1, Math.max(0, 1 - without.x / full.x));
    effectValue[channel] = full.y > 0 ? Math.min(1, Math.max(0, 1 - without.y / full.y)) : 0;
  }
  let effectSum = 0;
  let effectValueSum = 0;
  for (let channel = 0; channel < k; channel++) {
    effectSum += effect[channel] as number;
    effectValueSum += effectValue[channel] as number;
  }
  let transitionCount = 0;
  for (let e = 0; e < chain.target.length; e++) if ((chain.probability[e] as number) > 0) transitionCount++;
  return {
    order: chain.order,
    channels: chain.channels,
    byChannel: chain.channels.map((channel, id) => ({
      channel,
      removalEffect: effect[id] as number,
      removalEffectValue: effectValue[id] as number,
      conversions: effectSum > 0 ? (totalConversions * (effect[id] as number)) / effectSum : 0,
      value: effectValueSum > 0 ? (totalValue * (effectValue[id] as number)) / effectValueSum : 0,
    })),
    conversionProbability: full.x,
    expectedValue: full.y,
    totalConversions,
    totalValue,
    stateCount: n,
    transitionCount,
    solver,
  };
}
