import { InputError } from '../core/errors.js';
import type { Forecast, ForecastModel } from './forecast-types.js';

/**
 * Forecast combinations: the per-step median or mean of several models' point forecasts (Clemen 1989;
 * Petropoulos & Svetunkov 2020 for the median of simple methods; Makridakis et al. 2020, M4, where
 * combinations won). A combination has no interval of its own: `selectModel` attaches conformal
 * intervals from the ensemble's backtest residuals (conformal.ts).
 *   mean:   ŷ_h = (1/k)·Σ_j ŷ_{j,h}        median: ŷ_h = median_j ŷ_{j,h} (mean of the middle two for even k)
 * Fitted values are combined where every member has one (NaN elsewhere, e.g. the first season of snaive).
 * Cost: O(k·(n + horizon)) plus the members' fits.
 * Example: combineForecasts([f(1, 2), f(3, 4), f(10, 0)], { combine: 'median' }).point → [3, 2].
 */

export type CombineMethod = 'median' | 'mean';

/** A named model to compare, backtest or combine. */
export interface Candidate {
  readonly name: string;
  readonly model: ForecastModel;
}

export interface CombineOptions {
  /** Default 'median' (robust to one bad member). */
  readonly combine?: CombineMethod;
  /** Member names, shown in the model label. */
  readonly names?: readonly string[];
}

function combineColumn(buffer: Float64Array, count: number, combine: CombineMethod): number {
  if (combine === 'mean') {
    let total = 0;
    for (let i = 0; i < count; i++) total += buffer[i] as number;
    return total / count;
  }
  const sorted = buffer.subarray(0, count).sort();
  const middle = count >> 1;
  return count % 2 === 1
    ? (sorted[middle] as number)
    : 0.5 * ((sorted[middle - 1] as number) + (sorted[middle] as number));
}

/** Per-step median or mean of the members' point forecasts (and fitted values); no intervals. */
export function combineForecasts(forecasts: readonly Forecast[], options: CombineOptions = {}): Forecast {
  const combine = options.combine ?? 'median';
  if (combine !== 'median' && combine !== 'mean')
    throw new InputError(
      'invalid_argument',
      `combineForecasts: combine must be 'median' or 'mean', got ${combine}`,
    );
  const k = forecasts.length;
  if (k === 0) throw new InputError('invalid_argument', 'combineForecasts needs at least one forecast');
  const horizon = Math.min(...forecasts.map((f) => f.point.length));
  const fittedLength = Math.min(...forecasts.map((f) => f.fitted.length));
  const buffer = new Float64Array(k);
  const point: number[] = new Array(horizon);
  for (let h = 0; h < horizon; h++) {
    for (let j = 0; j < k; j++) buffer[j] = (forecasts[j] as Forecast).point[h] as number;
    point[h] = combineColumn(buffer, k, combine);
  }
  const fitted: number[] = new Array(fittedLength);
  for (let t = 0; t < fittedLength; t++) {
    let defined = true;
    for (let j = 0; j < k && defined; j++) {
      const v = (forecasts[j] as Forecast).fitted[t] as number;
      if (!Number.isFinite(v)) defined = false;
      else buffer[j] = v;
    }
    fitted[t] = defined ? combineColumn(buffer, k, combine) : Number.NaN;
  }
  const names = options.names ?? forecasts.map((f) => f.model);
  const notes: string[] = [];
  for (const [j, f] of forecasts.entries())
    for (const note of f.notes ?? []) notes.push(`${names[j] ?? f.model}: ${note}`);
  return {
    model: `${combine} ensemble (${names.join(', ')})`,
    method: 'ensemble',
    point,
    intervals: [],
    intervalMethod: 'none',
    fitted,
    params: { members: k },
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** A `ForecastModel` that fits every member and combines their forecasts (no intervals). */
export function ensembleModel(
  members: readonly Candidate[],
  options: { readonly combine?: CombineMethod } = {},
): ForecastModel {
  if (members.length === 0)
    throw new InputError('invalid_argument', 'ensembleModel needs at least one member');
  return (values, forecastOptions) =>
    combineForecasts(
      members.map((member) => member.model(values, forecastOptions)),
      { combine: options.combine ?? 'median', names: members.map((member) => member.name) },
    );
}
