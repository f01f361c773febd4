import { InputError } from '../core/errors.js';
import { standardNormalSurvival } from '../stats/distributions.js';
import type { PredictionInterval } from './forecast-types.js';
import type { Hierarchy } from './hierarchy.js';
import { standardDeviationFromIntervals } from './reconcile.js';

/**
 * Sales plan view: forecast against target per segment and period, rolled up over a hierarchy so every
 * total is the sum of its segments.
 *
 * Per cell: gap = forecast − target; gap % = 100 · gap / target (null when the target is 0); probability of
 * reaching the target P(Y ≥ target) = 1 − Φ((target − μ) / σ) under a normal approximation of the forecast
 * distribution, with μ = the point forecast and σ read from the forecast: given directly, or the mean over
 * the 80/95 % (any) central intervals of (upper − lower) / (2 z_{(1+level)/2}) — asymmetric intervals are
 * thereby symmetrised. Targets and forecasts of aggregates are sums of their bottom segments (S times the
 * bottom values). An aggregate's σ is its own (e.g. from reconcileForecasts, whose intervals are coherent)
 * when its forecast is given — its point must then equal the sum of its segments — otherwise
 *   σ² = Σ σ_b² + ρ_s [(Σ σ_b)² − Σ σ_b²]   (segmentCorrelation ρ_s, default 0: independent errors).
 * The whole-plan column (all periods) uses σ² = Σ σ_p² + ρ_t [(Σ σ_p)² − Σ σ_p²] with periodCorrelation ρ_t,
 * default 1 (errors of one series across periods are strongly positively correlated; 1 is the cautious bound).
 * σ = 0 gives probability 1 when μ ≥ target, else 0; no σ at all gives null. Cost O(n · periods · depth).
 *
 * Example: segment A target 100, forecast 110 with 80 % interval [97.18, 122.82] (σ = 10): gap 10, gap 10 %,
 * P(reach) = Φ(1) = 0.8413.
 */

export interface SegmentForecast {
  readonly point: readonly number[];
  /** σ per period; takes precedence over intervals. */
  readonly standardDeviation?: readonly number[];
  readonly intervals?: readonly PredictionInterval[];
}

export interface SalesPlanInput {
  /** Targets per bottom segment key, one per period. */
  readonly targets: Readonly<Record<string, readonly number[]>>;
  /** Forecasts for every bottom segment; aggregates optional (then their σ is used). */
  readonly forecasts: Readonly<Record<string, SegmentForecast>>;
  /** Period labels (default '1', '2', …). */
  readonly periods?: readonly string[];
  /** Error correlation between segments for aggregates without their own forecast, in [0, 1]; default 0. */
  readonly segmentCorrelation?: number;
  /** Error correlation between periods for the whole-plan column, in [0, 1]; default 1. */
  readonly periodCorrelation?: number;
  /** Relative tolerance for a given aggregate point vs the sum of its segments; default 1e-6. */
  readonly coherenceTolerance?: number;
}

export interface SalesPlanCell {
  readonly period: string;
  readonly target: number;
  readonly forecast: number;
  readonly gap: number;
  /** Percent of target; null when the target is 0. */
  readonly gapPercent: number | null;
  readonly standardDeviation: number | null;
  readonly probabilityOfReachingTarget: number | null;
}

export interface SalesPlanRow {
  readonly key: string;
  readonly level: string;
  readonly depth: number;
  readonly isBottom: boolean;
  readonly cells: readonly SalesPlanCell[];
  /** All periods together. */
  readonly total: SalesPlanCell;
}

export interface SalesPlan {
  readonly periods: readonly string[];
  /** In hierarchy order: total, aggregates, bottom segments. */
  readonly rows: readonly SalesPlanRow[];
  readonly notes: readonly string[];
}

function invalid(message: string, hint?: string): never {
  throw new InputError('invalid_argument', message, hint === undefined ? {} : { hint });
}

function correlation(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(value >= 0 && value <= 1)) invalid(`${name} must be in [0, 1], got ${value}`);
  return value;
}

/** Probability that a normal(μ, σ) outcome reaches the target; null without σ. */
export function probabilityOfReaching(
  mean: number,
  standardDeviation: number | null,
  target: number,
): number | null {
  if (standardDeviation === null) return null;
  if (standardDeviation === 0) return mean >= target ? 1 : 0;
  return standardNormalSurvival((target - mean) / standardDeviation);
}

/** σ of a sum of terms with pairwise correlation ρ: √(Σσ² + ρ[(Σσ)² − Σσ²]); null if any term lacks σ. */
function combinedDeviation(deviations: readonly (number | null)[], rho: number): number | null {
  let sum = 0;
  let sumSquares = 0;
  for (const d of deviations) {
    if (d === null) return null;
    sum += d;
    sumSquares += d * d;
  }
  return Math.sqrt(Math.max(0, sumSquares + rho * (sum * sum - sumSquares)));
}

function cell(period: string, target: number, forecast: number, deviation: number | null): SalesPlanCell {
  const gap = forecast - target;
  return {
    period,
    target,
    forecast,
    gap,
    gapPercent: target === 0 ? null : (100 * gap) / target,
    standardDeviation: deviation,
    probabilityOfReachingTarget: probabilityOfReaching(forecast, deviation, target),
  };
}

function deviationsOf(key: string, forecast: SegmentForecast, periods: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let p = 0; p < periods; p++) {
    let sd: number | undefined;
    if (forecast.standardDeviation !== undefined) {
      if (forecast.standardDeviation.length !== periods)
        invalid(
          `Forecast σ of segment '${key}' has ${forecast.standardDeviation.length} periods, expected ${periods}`,
        );
      sd = forecast.standardDeviation[p];
    } else if (forecast.intervals !== undefined) sd = standardDeviationFromIntervals(forecast.intervals, p);
    if (sd !== undefined && !(Number.isFinite(sd) && sd >= 0))
      invalid(`Forecast σ of segment '${key}' in period ${p + 1} must be finite and ≥ 0, got ${sd}`);
    out.push(sd ?? null);
  }
  return out;
}

/** The sales plan table over a hierarchy (see the file comment). Throws InputError on missing or ragged input. */
export function buildSalesPlan(hierarchy: Hierarchy, input: SalesPlanInput): SalesPlan {
  const { aggregateCount: k, bottomCount: m, nodes, memberStart, memberIndices } = hierarchy;
  const firstBottom = nodes[k];
  if (firstBottom === undefined) invalid('The hierarchy has no bottom segments');
  const firstTargets = input.targets[firstBottom.key];
  if (firstTargets === undefined)
    invalid(`No targets for segment '${firstBottom.key}'`, 'Give targets for every bottom segment');
  const periodCount = firstTargets.length;
  if (periodCount === 0) invalid('Targets need at least one period');
  const periods = input.periods ?? Array.from({ length: periodCount }, (_, p) => String(p + 1));
  if (periods.length !== periodCount) invalid(`${periods.length} period labels for ${periodCount} periods`);
  const rhoSegments = correlation(input.segmentCorrelation, 'segmentCorrelation', 0);
  const rhoPeriods = correlation(input.periodCorrelation, 'periodCorrelation', 1);
  const tolerance = input.coherenceTolerance ?? 1e-6;
  const notes: string[] = [];

  const targets: number[][] = [];
  const points: number[][] = [];
  const deviations: (number | null)[][] = [];
  for (let b = 0; b < m; b++) {
    const key = (nodes[k + b] as (typeof nodes)[number]).key;
    const target = input.targets[key];
    const forecast = input.forecasts[key];
    if (target === undefined)
      invalid(`No targets for segment '${key}'`, 'Give targets for every bottom segment');
    if (forecast === undefined)
      invalid(`No forecast for segment '${key}'`, 'Give forecasts for every bottom segment');
    if (target.length !== periodCount)
      invalid(`Targets of segment '${key}' have ${target.length} periods, expected ${periodCount}`);
    if (forecast.point.length !== periodCount)
      invalid(`Forecast of segment '${key}' has ${forecast.point.length} periods, expected ${periodCount}`);
    for (let p = 0; p < periodCount; p++) {
      if (!Number.isFinite(target[p])) invalid(`Target of segment '${key}' in period ${p + 1} is not finite`);
      if (!Number.isFinite(forecast.point[p]))
        invalid(`Forecast of segment '${key}' in period ${p + 1} is not finite`);
    }
    targets.push([...target]);
    points.push([...forecast.point]);
    deviations.push(deviationsOf(key, forecast, periodCount));
  }

  const rows: SalesPlanRow[] = [];
  let independentAggregates = 0;
  for (let i = 0; i < k + m; i++) {
    const node = nodes[i] as (typeof nodes)[number];
    let target: number[];
    let point: number[];
    let deviation: (number | null)[];
    if (node.isBottom) {
      target = targets[i - k] as number[];
      point = points[i - k] as number[];
      deviation = deviations[i - k] as (number | null)[];
    } else {
      target = new Array<number>(periodCount).fill(0);
      point = new Array<number>(periodCount).fill(0);
      const members: number[] = [];
      for (let q = memberStart[i] as number; q < (memberStart[i + 1] as number); q++)
        members.push(memberIndices[q] as number);
      for (const b of members)
        for (let p = 0; p < periodCount; p++) {
          target[p] = (target[p] as number) + ((targets[b] as number[])[p] as number);
          point[p] = (point[p] as number) + ((points[b] as number[])[p] as number);
        }
      const own = input.forecasts[node.key];
      if (own !== undefined) {
        if (own.point.length !== periodCount)
          invalid(
            `Forecast of segment '${node.key}' has ${own.point.length} periods, expected ${periodCount}`,
          );
        own.point.forEach((v, p) => {
          const sum = point[p] as number;
          if (!(Math.abs(v - sum) <= tolerance * Math.max(1, Math.abs(sum))))
            invalid(
              `Forecast of aggregate '${node.key}' in period ${p + 1} is ${v}, but its segments sum to ${sum}`,
              'Reconcile the forecasts first (reconcileForecasts) or leave aggregate forecasts out',
            );
        });
        deviation = deviationsOf(node.key, own, periodCount);
      } else {
        independentAggregates++;
        deviation = [];
        for (let p = 0; p < periodCount; p++)
          deviation.push(
            combinedDeviation(
              members.map((b) => (deviations[b] as (number | null)[])[p] ?? null),
              rhoSegments,
            ),
          );
      }
    }
    const cells = periods.map((label, p) =>
      cell(label, target[p] as number, point[p] as number, deviation[p] ?? null),
    );
    const total = cell(
      'total',
      target.reduce((a, v) => a + v, 0),
      point.reduce((a, v) => a + v, 0),
      combinedDeviation(deviation, rhoPeriods),
    );
    rows.push({ key: node.key, level: node.level, depth: node.depth, isBottom: node.isBottom, cells, total });
  }
  if (independentAggregates > 0)
    notes.push(
      `${independentAggregates} aggregate(s) without their own forecast: σ combined from segments with correlation ${rhoSegments}`,
    );
  if (deviations.some((row) => row.some((d) => d === null)))
    notes.push('Some forecasts have no interval or σ: their probability of reaching target is null');
  return { periods, rows, notes };
}
