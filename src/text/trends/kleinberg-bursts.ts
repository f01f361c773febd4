import { InputError } from '../../core/errors.js';

export interface KleinbergOptions {
  /** Rate ratio between consecutive levels (s > 1). Default 2. */
  readonly s?: number;
  /** Cost of moving up one level, in units of ln n (γ > 0). Default 1. */
  readonly gamma?: number;
  /** Number of automaton states: 2 is the two-state automaton (base + one burst level). Default 2. */
  readonly states?: number;
}

export interface KleinbergBurst {
  /** Time of the first event of the burst. */
  readonly start: number;
  /** Time of the last event of the burst (the event starting the first slow gap), or the last event. */
  readonly end: number;
  /** Burst level, 1 … states − 1 (level 0, the base rate, is not reported). */
  readonly level: number;
}

/**
 * Kleinberg's burst detection on a stream of event times (Kleinberg 2002, "Bursty and
 * hierarchical structure in streams", KDD; Data Min. Knowl. Disc. 7, 2003), by the Viterbi
 * algorithm over the paper's automaton A*_{s,γ} truncated to `states` levels (two by default).
 *
 * The n gaps x_t between consecutive sorted events are modelled as exponential with a rate that
 * depends on a hidden level j: α_j = s^j · n / T (T = last − first time, so level 0 is the mean
 * rate). The state sequence minimises Σ_t [α_{q_t} x_t − ln α_{q_t}] + Σ_t τ(q_{t−1}, q_t) with
 * τ(i, j) = (j − i) · γ · ln n when moving up and 0 when moving down, starting at level 0. A burst
 * of level ℓ is a maximal run of gaps at level ≥ ℓ. Ties go to the lower level, as in the
 * `pybursts` package (`kleinberg(offsets, s, gamma)`), whose output this matches for the levels it
 * shares (pybursts lets the number of levels grow with the data; it also reports level 0).
 *
 * Unlike pybursts, equal times (zero gaps) are allowed: their cost −ln α_j is finite and favours
 * the burst level, as a same-second pile-up should. Cost O(n · states²) time, O(n · states) memory.
 *
 * Example: kleinbergBursts([0, 10, 20, 30, 31, 32, 33, 34, 35, 45, 55]) → [{ start: 30, end: 35,
 * level: 1 }] (pybursts: [[0, 0, 55], [1, 30, 35]]).
 */
export function kleinbergBursts(times: readonly number[], options: KleinbergOptions = {}): KleinbergBurst[] {
  const s = options.s ?? 2;
  const gamma = options.gamma ?? 1;
  const states = options.states ?? 2;
  if (!(s > 1) || !Number.isFinite(s))
    throw new InputError('invalid_argument', `kleinbergBursts: s must be a finite number > 1, got ${s}`);
  if (!(gamma > 0) || !Number.isFinite(gamma))
    throw new InputError(
      'invalid_argument',
      `kleinbergBursts: gamma must be a finite number > 0, got ${gamma}`,
    );
  if (!Number.isInteger(states) || states < 2 || states > 64)
    throw new InputError(
      'invalid_argument',
      `kleinbergBursts: states must be an integer in [2, 64], got ${states}`,
    );
  times.forEach((time, index) => {
    if (!Number.isFinite(time))
      throw new InputError('invalid_argument', `kleinbergBursts: time ${index} is not finite (${time})`);
  });
  if (times.length < 2) return [];
  const sorted = Float64Array.from(times).sort();
  const n = sorted.length - 1;
  const span = (sorted[n] as number) - (sorted[0] as number);
  if (span === 0)
    throw new InputError(
      'insufficient_data',
      'kleinbergBursts: all events share one time; there is no rate to compare',
    );

  const rates = new Float64Array(states);
  const logRates = new Float64Array(states);
  for (let j = 0; j < states; j++) {
    rates[j] = (s ** j * n) / span;
    logRates[j] = Math.log(rates[j] as number);
  }
  const upCost = gamma * Math.log(n);

  // cost[j]: least cost of a state sequence for the gaps so far ending in level j.
  let cost = new Float64Array(states).fill(Infinity);
  cost[0] = 0;
  let next = new Float64Array(states);
  const from = new Uint8Array(n * states); // back-pointers: level before gap t given level j at gap t
  for (let t = 0; t < n; t++) {
    const gap = (sorted[t + 1] as number) - (sorted[t] as number);
    for (let j = 0; j < states; j++) {
      let best = Infinity;
      let argBest = 0;
      for (let i = 0; i < states; i++) {
        const candidate = (cost[i] as number) + (j > i ? (j - i) * upCost : 0);
        if (candidate < best) {
          best = candidate;
          argBest = i;
        }
      }
      next[j] = best + (rates[j] as number) * gap - (logRates[j] as number);
      from[t * states + j] = argBest;
    }
    [cost, next] = [next, cost];
  }

  // Best final level (lowest on ties), then walk the back-pointers.
  let level = 0;
  for (let j = 1; j < states; j++) if ((cost[j] as number) < (cost[level] as number)) level = j;
  const path = new Uint8Array(n);
  for (let t = n - 1; t >= 0; t--) {
    path[t] = level;
    level = from[t * states + level] as number;
  }
  return burstsFromPath(path, sorted);
}

/** Nested bursts from a level path, as pybursts reports them: opened in time order, closed innermost first. */
function burstsFromPath(path: Uint8Array, sorted: Float64Array): KleinbergBurst[] {
  const bursts: { start: number; end: number; level: number }[] = [];
  const open: { start: number; end: number; level: number }[] = [];
  let previous = 0;
  for (let t = 0; t < path.length; t++) {
    const level = path[t] as number;
    const time = sorted[t] as number;
    for (let opened = previous + 1; opened <= level; opened++) {
      const burst = { start: time, end: time, level: opened };
      bursts.push(burst);
      open.push(burst);
    }
    for (let closed = previous; closed > level; closed--) {
      const burst = open.pop();
      if (burst !== undefined) burst.end = time;
    }
    previous = level;
  }
  for (const burst of open) burst.end = sorted[sorted.length - 1] as number;
  return bursts;
}
