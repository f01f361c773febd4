import { InputError } from '../core/errors.js';
import { type ChannelCredit, encodeJourneys, type Journey, type JourneyOptions } from './journeys.js';

/**
 * Rule-based ("heuristic") multi-touch attribution: first touch, last touch, linear, time-decay and
 * position-based (U-shaped). Every conversion (and its value) of a path is split over its touches by
 * fixed weights that sum to 1, then summed per channel. Repeated touches count once each (a path
 * `a > a > b` gives `a` 2/3 under linear), which is what ChannelAttribution's `heuristic_models` does;
 * first / last / linear equal its output on its example data to the printed 15 digits.
 */

export interface HeuristicOptions extends JourneyOptions {
  /**
   * Time-decay half-life. Without timestamps it is in touch positions: the touch k positions before
   * the last one has weight 2^(−k / halfLifeTouches) (default 1: each step back halves the weight).
   */
  readonly halfLifeTouches?: number;
  /**
   * With timestamps on a journey, the half-life is in days: weight 2^(−(t_last − t_i) / (halfLifeDays ·
   * 86 400 000 ms)), measured back from the last touch (default 7, Google Analytics' default).
   */
  readonly halfLifeDays?: number;
  /** Position-based share of the first touch (default 0.4) … */
  readonly firstShare?: number;
  /** … and of the last touch (default 0.4); the middle touches share the rest equally. */
  readonly lastShare?: number;
}

export interface HeuristicAttribution {
  readonly channels: readonly string[];
  readonly firstTouch: readonly ChannelCredit[];
  readonly lastTouch: readonly ChannelCredit[];
  readonly linear: readonly ChannelCredit[];
  readonly timeDecay: readonly ChannelCredit[];
  readonly positionBased: readonly ChannelCredit[];
  readonly totalConversions: number;
  readonly totalValue: number;
}

const DAY_MS = 86_400_000;

const positive = (x: number, what: string): number => {
  if (!Number.isFinite(x) || x <= 0)
    throw new InputError(
      'invalid_argument',
      `heuristicAttribution: ${what} must be a finite number > 0, got ${x}`,
    );
  return x;
};

/**
 * Heuristic multi-touch attribution (first touch, last touch, linear, time-decay, position-based).
 *
 * For a path of n touches with c conversions and value v, touch i (0-based) receives c·w_i and v·w_i:
 *  - first touch: w_0 = 1; last touch: w_{n−1} = 1; linear: w_i = 1/n;
 *  - time-decay: w_i ∝ 2^(−d_i / h), d_i = n − 1 − i positions (h = halfLifeTouches) or, when the
 *    journey has timestamps, d_i = (t_{n−1} − t_i) in days (h = halfLifeDays);
 *  - position-based (40/20/40): n = 1 → 1; n = 2 → ½, ½ (the two end shares rescaled to sum to 1);
 *    n ≥ 3 → first 0.4, last 0.4, each middle touch 0.2/(n − 2).
 * Channel credit = Σ over its touches. Reference: ChannelAttribution `heuristic_models` (first,
 * last, linear; Altomare & Loris); Google Analytics attribution model definitions (time decay,
 * position based). Cost O(total touches).
 * @example heuristicAttribution([{ path: ['a', 'b'], conversions: 2, value: 10, nulls: 5 }]).linear
 * // → [{ channel: 'a', conversions: 1, value: 5 }, { channel: 'b', conversions: 1, value: 5 }]
 */
export function heuristicAttribution(
  journeys: readonly Journey[],
  options: HeuristicOptions = {},
): HeuristicAttribution {
  const data = encodeJourneys(journeys, options, 'heuristicAttribution');
  const halfLifeTouches = positive(options.halfLifeTouches ?? 1, 'halfLifeTouches');
  const halfLifeDays = positive(options.halfLifeDays ?? 7, 'halfLifeDays');
  const firstShare = options.firstShare ?? 0.4;
  const lastShare = options.lastShare ?? 0.4;
  if (!(firstShare >= 0 && lastShare >= 0 && firstShare + lastShare <= 1 && firstShare + lastShare > 0))
    throw new InputError(
      'invalid_argument',
      `heuristicAttribution: firstShare and lastShare must be ≥ 0 with 0 < sum ≤ 1, got ${firstShare} and ${lastShare}`,
    );
  const k = data.channels.length;
  const sums = Array.from({ length: 10 }, () => new Float64Array(k));
  const [firstC, firstV, lastC, lastV, linC, linV, decayC, decayV, posC, posV] = sums as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  // Per-path scratch: linear credit accumulated touch by touch, then divided by n (ChannelAttribution's order of operations).
  const pathC = new Float64Array(k);
  const pathV = new Float64Array(k);
  const touched: number[] = [];
  for (let row = 0; row < data.paths.length; row++) {
    const path = data.paths[row] as Int32Array;
    const c = data.conversions[row] as number;
    const v = data.values[row] as number;
    if (c === 0 && v === 0) continue;
    const n = path.length;
    const first = path[0] as number;
    const last = path[n - 1] as number;
    firstC[first] = (firstC[first] as number) + c;
    firstV[first] = (firstV[first] as number) + v;
    lastC[last] = (lastC[last] as number) + c;
    lastV[last] = (lastV[last] as number) + v;
    touched.length = 0;
    for (let t = 0; t < n; t++) {
      const id = path[t] as number;
      if (pathC[id] === 0 && pathV[id] === 0) touched.push(id);
      pathC[id] = (pathC[id] as number) + c;
      pathV[id] = (pathV[id] as number) + v;
    }
    for (const id of touched) {
      linC[id] = (linC[id] as number) + (pathC[id] as number) / n;
      linV[id] = (linV[id] as number) + (pathV[id] as number) / n;
      pathC[id] = 0;
      pathV[id] = 0;
    }
    // Time decay.
    const times = data.timestamps[row];
    const lastTime = times === undefined ? 0 : (times[n - 1] as number);
    let total = 0;
    for (let t = 0; t < n; t++)
      total +=
        times === undefined
          ? 2 ** (-(n - 1 - t) / halfLifeTouches)
          : 2 ** (-(lastTime - (times[t] as number)) / (halfLifeDays * DAY_MS));
    for (let t = 0; t < n; t++) {
      const w =
        (times === undefined
          ? 2 ** (-(n - 1 - t) / halfLifeTouches)
          : 2 ** (-(lastTime - (times[t] as number)) / (halfLifeDays * DAY_MS))) / total;
      const id = path[t] as number;
      decayC[id] = (decayC[id] as number) + c * w;
      decayV[id] = (decayV[id] as number) + v * w;
    }
    // Position based.
    if (n === 1) {
      posC[first] = (posC[first] as number) + c;
      posV[first] = (posV[first] as number) + v;
    } else {
      const ends = n === 2 ? firstShare + lastShare : 1;
      const wFirst = firstShare / ends;
      const wLast = lastShare / ends;
      posC[first] = (posC[first] as number) + c * wFirst;
      posV[first] = (posV[first] as number) + v * wFirst;
      posC[last] = (posC[last] as number) + c * wLast;
      posV[last] = (posV[last] as number) + v * wLast;
      if (n > 2) {
        const wMiddle = (1 - firstShare - lastShare) / (n - 2);
        for (let t = 1; t < n - 1; t++) {
          const id = path[t] as number;
          posC[id] = (posC[id] as number) + c * wMiddle;
          posV[id] = (posV[id] as number) + v * wMiddle;
        }
      }
    }
  }
  const credits = (cs: Float64Array, vs: Float64Array): ChannelCredit[] =>
    data.channels.map((channel, id) => ({ channel, conversions: cs[id] as number, value: vs[id] as number }));
  return {
    channels: data.channels,
    firstTouch: credits(firstC, firstV),
    lastTouch: credits(lastC, lastV),
    linear: credits(linC, linV),
    timeDecay: credits(decayC, decayV),
    positionBased: credits(posC, posV),
    totalConversions: data.totalConversions,
    totalValue: data.totalValue,
  };
}
