import type { Journey } from '../../attribution/index.js';
import { InputError } from '../../core/errors.js';
import type { Queryable } from '../../store/store.js';
import type { AttributionModel, AttributionRun } from './attribution-service.js';
import { loadJourneyPaths } from './journeys-sql.js';

/**
 * How well the attribution models recover the channel effects planted in the demo data.
 *
 * The demo draws journeys from a noisy-OR model: with S the distinct channels of a journey,
 * P(convert | S) = 1 − (1 − q₀)·Π_{c∈S}(1 − q_c). The "true" credit of a converting journey is the
 * Shapley value of that game: players are the baseline (q₀) and the channels of S, v(T) = 1 − Π_{i∈T}(1 − q_i),
 * and the conversion is split in proportion φ_i / v(S ∪ {0}) (efficiency: Σφ = v). The baseline part is
 * dropped, the channel parts summed over converting journeys and normalised to shares. A model's error is
 * the total-variation distance ½·Σ_c |share_model(c) − share_true(c)| (0 = same split, 1 = disjoint).
 */

export interface PlantedJourneyModel {
  readonly baseline: number;
  readonly lift: Readonly<Record<string, number>>;
}

/**
 * Shapley values of the noisy-OR game v(T) = 1 − Π_{i∈T}(1 − q_i) over players with probabilities q.
 * φ_i = Σ_{T ⊆ N∖{i}} |T|!(n − |T| − 1)!/n! · q_i · Π_{j∈T}(1 − q_j), by exact enumeration; Σ φ_i = v(N).
 * Reference: Shapley (1953). Cost O(n · 2^n); n ≤ 20.
 * @example noisyOrShapley([0.5, 0.5]) // → [0.375, 0.375] (v = 0.75 split equally)
 */
export function noisyOrShapley(q: readonly number[]): number[] {
  const n = q.length;
  if (n > 20) throw new InputError('invalid_argument', `noisyOrShapley: at most 20 players, got ${n}`);
  for (const p of q)
    if (!(Number.isFinite(p) && p >= 0 && p <= 1))
      throw new InputError('invalid_argument', `noisyOrShapley: probabilities must lie in [0, 1], got ${p}`);
  // weight[s] = s!(n − s − 1)!/n!
  const factorial = [1];
  for (let i = 1; i <= n; i++) factorial.push((factorial[i - 1] as number) * i);
  const weight = Array.from(
    { length: Math.max(n, 1) },
    (_, s) => ((factorial[s] as number) * (factorial[n - s - 1] ?? 1)) / (factorial[n] as number),
  );
  // miss[mask] = Π_{j∈mask}(1 − q_j), size[mask] = |mask|
  const miss = new Float64Array(1 << n);
  const size = new Uint8Array(1 << n);
  miss[0] = 1;
  for (let mask = 1; mask < 1 << n; mask++) {
    const low = 31 - Math.clz32(mask & -mask);
    miss[mask] = (miss[mask & (mask - 1)] as number) * (1 - (q[low] as number));
    size[mask] = (size[mask & (mask - 1)] as number) + 1;
  }
  const phi = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    let total = 0;
    for (let mask = 0; mask < 1 << n; mask++)
      if (!(mask & bit)) total += (weight[size[mask] as number] as number) * (miss[mask] as number);
    phi[i] = (q[i] as number) * total;
  }
  return phi;
}

export interface PlantedChannelShare {
  readonly channel: string;
  /** Conversions credited to the channel by the planted model. */
  readonly conversions: number;
  /** Share of all channel-credited conversions. */
  readonly share: number;
}

export interface PlantedShares {
  readonly channels: readonly PlantedChannelShare[];
  /** Conversions credited to the baseline (conversions that would have happened without any touch). */
  readonly baselineConversions: number;
  readonly totalConversions: number;
}

/**
 * True channel credit under the planted noisy-OR model (see the file comment). Journeys' channels must
 * all have a planted lift (`unknown_channel` otherwise). Cost O(paths · |S|) plus O(n·2^n) per distinct
 * channel set (cached).
 */
export function plantedChannelShares(
  journeys: readonly Journey[],
  model: PlantedJourneyModel,
): PlantedShares {
  const credit = new Map<string, number>(Object.keys(model.lift).map((c) => [c, 0]));
  const cache = new Map<string, number[]>();
  let baselineConversions = 0;
  let totalConversions = 0;
  for (const journey of journeys) {
    if (!(journey.conversions > 0)) continue;
    const set = [...new Set(journey.path)].sort();
    for (const c of set)
      if (model.lift[c] === undefined)
        throw new InputError('unknown_channel', `plantedChannelShares: channel "${c}" has no planted lift`, {
          hint: `planted channels: ${Object.keys(model.lift).join(', ')}`,
        });
    const key = set.join('\u0000');
    let parts = cache.get(key);
    if (parts === undefined) {
      const phi = noisyOrShapley([model.baseline, ...set.map((c) => model.lift[c] as number)]);
      const v = phi.reduce((s, x) => s + x, 0);
      parts = phi.map((x) => (v > 0 ? x / v : 0));
      cache.set(key, parts);
    }
    totalConversions += journey.conversions;
    baselineConversions += journey.conversions * (parts[0] as number);
    set.forEach((c, i) => {
      credit.set(c, (credit.get(c) ?? 0) + journey.conversions * (parts[i + 1] as number));
    });
  }
  const channelTotal = [...credit.values()].reduce((s, x) => s + x, 0);
  return {
    channels: [...credit].map(([channel, conversions]) => ({
      channel,
      conversions,
      share: channelTotal > 0 ? conversions / channelTotal : 0,
    })),
    baselineConversions,
    totalConversions,
  };
}

/** ½·Σ|a − b| over the union of keys (missing = 0). */
export function totalVariationDistance(
  a: ReadonlyMap<string, number>,
  b: ReadonlyMap<string, number>,
): number {
  let sum = 0;
  for (const key of new Set([...a.keys(), ...b.keys()]))
    sum += Math.abs((a.get(key) ?? 0) - (b.get(key) ?? 0));
  return sum / 2;
}

/** The planted journey model from the demo's `channel_lift` ground truth, or null when absent. */
export async function loadPlantedJourneyModel(db: Queryable): Promise<PlantedJourneyModel | null> {
  const rows = await db.query("SELECT key, value FROM ground_truth WHERE kind = 'channel_lift' ORDER BY key");
  const parse = (v: unknown): Record<string, unknown> =>
    (typeof v === 'string' ? JSON.parse(v) : (v ?? {})) as Record<string, unknown>;
  let baseline: number | null = null;
  const lift: Record<string, number> = {};
  for (const row of rows) {
    const value = parse(row.value);
    if (row.key === 'model') baseline = Number(value.baseline);
    else if (typeof value.lift === 'number') lift[String(row.key)] = value.lift;
  }
  if (baseline === null || !Number.isFinite(baseline) || Object.keys(lift).length === 0) return null;
  return { baseline, lift };
}

export interface ModelRecoveryError {
  readonly model: AttributionModel;
  /** Total-variation distance between the model's channel shares and the planted ones. */
  readonly error: number;
}

export interface PlantedRecovery {
  readonly truth: PlantedShares;
  readonly errors: readonly ModelRecoveryError[];
  /** Model with the smallest error. */
  readonly best: AttributionModel;
}

/** Recovery errors of every model of `run` against the planted shares of the same journeys. */
export function measureRecovery(run: AttributionRun, truth: PlantedShares): PlantedRecovery {
  const trueShares = new Map(truth.channels.map((c) => [c.channel, c.share]));
  const errors = run.models.map((model) => {
    const shares = new Map(run.channels.map((c) => [c.channel, c.byModel[model]?.share ?? 0]));
    return { model, error: totalVariationDistance(shares, trueShares) };
  });
  const best = errors.reduce((a, b) => (b.error < a.error ? b : a)).model;
  return { truth, errors, best };
}

/**
 * Planted-truth recovery of an attribution run (same journeys: same lookback), or null when the store
 * holds no planted `channel_lift` truth (data that is not the demo's).
 */
export async function plantedRecovery(db: Queryable, run: AttributionRun): Promise<PlantedRecovery | null> {
  const model = await loadPlantedJourneyModel(db);
  if (!model) return null;
  const journeys = await loadJourneyPaths(db, { lookbackDays: run.lookbackDays });
  return measureRecovery(run, plantedChannelShares(journeys, model));
}
