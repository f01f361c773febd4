import { InputError } from '../../core/errors.js';
import { createRng } from '../../core/random.js';
import { quantileSorted } from '../../stats/descriptive.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import type { Forecast, IntervalMethod, PredictionInterval } from '../forecast-types.js';
import {
  class1MeanVariance,
  class2MeanVariance,
  class3MeanVariance,
  etsPointForecast,
  type MeanAndVariance,
  simulateEtsPaths,
} from './ets-intervals.js';
import type { EtsFit } from './fit-ets.js';

/**
 * Forecasts from a fitted ETS model: point forecasts μₕ (the conditional mean for the linear classes, the
 * state-space forecast function for the others, as R's forecast.ets) and central prediction intervals.
 * Intervals are analytic, μₕ ± z·√vₕ, for classes 1–3 of Hyndman et al. (2008, ch. 6: additive error with
 * season N/A; multiplicative error with season N/A; multiplicative error and season — see ets-intervals.ts);
 * otherwise (additive error with multiplicative season) they are the (type-7) quantiles of `paths` simulated
 * sample paths with N(0, σ²) innovations from a seeded Rng. Cost: O(h) to O(h·m³); simulation O(paths·h).
 *
 * Example: forecastEts(fitEts(airPassengers, parseEtsSpec('MAdM'), { seasonLength: 12 }), { horizon: 12 })
 *   → { model: 'ETS(M,Ad,M)', point: [441.9, 434.7, …], intervals: [{ level: 80, … }, { level: 95, … }] }.
 */

export interface EtsForecastOptions {
  readonly horizon: number;
  /** Interval levels in percent (default [80, 95]). */
  readonly levels?: readonly number[];
  /** Seed for simulated intervals (default 1). */
  readonly seed?: number;
  /** Sample paths for simulated intervals (default 2000). */
  readonly paths?: number;
  /** 'auto' (default: analytic where available) or 'simulation' for every form. */
  readonly intervals?: 'auto' | 'simulation';
  /** Extra notes to carry into the Forecast (e.g. AutoETS' selection). */
  readonly notes?: readonly string[];
}

export function checkHorizonAndLevels(horizon: number, levels: readonly number[], caller: string): void {
  if (!(Number.isInteger(horizon) && horizon >= 1))
    throw new InputError('invalid_argument', `${caller}: horizon must be an integer ≥ 1, got ${horizon}`);
  for (const level of levels)
    if (!(level > 0 && level < 100))
      throw new InputError('invalid_argument', `${caller}: interval level must be in (0, 100), got ${level}`);
}

function analyticMeanVariance(fit: EtsFit, horizon: number): MeanAndVariance | undefined {
  const { error, season } = fit.spec;
  if (error === 'A' && season !== 'M') return class1MeanVariance(fit, horizon);
  if (error === 'M' && season !== 'M') return class2MeanVariance(fit, horizon);
  if (error === 'M' && season === 'M') return class3MeanVariance(fit, horizon);
  return undefined;
}

export function forecastEts(fit: EtsFit, options: EtsForecastOptions): Forecast {
  const horizon = options.horizon;
  const levels = options.levels ?? [80, 95];
  checkHorizonAndLevels(horizon, levels, 'forecastEts');
  const point = etsPointForecast(fit, horizon);
  let intervals: PredictionInterval[] = [];
  let intervalMethod: IntervalMethod = 'none';
  const notes = [...(options.notes ?? [])];
  const analytic = options.intervals === 'simulation' ? undefined : analyticMeanVariance(fit, horizon);
  const usable = analytic?.variance.every((v) => Number.isFinite(v) && v >= 0) ?? false;
  if (analytic && usable) {
    intervalMethod = 'analytic';
    intervals = levels.map((level) => {
      const z = normalQuantile(0.5 + level / 200);
      const lower: number[] = [];
      const upper: number[] = [];
      for (let h = 0; h < horizon; h++) {
        const centre = point[h] as number;
        const margin = z * Math.sqrt(analytic.variance[h] as number);
        lower.push(centre - margin);
        upper.push(centre + margin);
      }
      return { level, lower, upper };
    });
  } else {
    if (analytic) notes.push('analytic variance was not finite; intervals simulated');
    const paths = options.paths ?? 2000;
    const sample = simulateEtsPaths(fit, horizon, paths, createRng(options.seed ?? 1));
    const column = new Float64Array(paths);
    const lowers = levels.map(() => [] as number[]);
    const uppers = levels.map(() => [] as number[]);
    for (let h = 0; h < horizon; h++) {
      let finite = 0;
      for (let path = 0; path < paths; path++) {
        const v = sample[path * horizon + h] as number;
        if (Number.isFinite(v)) column[finite++] = v;
      }
      const sorted = column.subarray(0, finite).sort();
      levels.forEach((level, i) => {
        const centre = point[h] as number;
        const lo = finite > 0 ? quantileSorted(sorted, 0.5 - level / 200) : centre;
        const hi = finite > 0 ? quantileSorted(sorted, 0.5 + level / 200) : centre;
        lowers[i]?.push(lo);
        uppers[i]?.push(hi);
      });
    }
    intervalMethod = 'simulation';
    intervals = levels.map((level, i) => ({ level, lower: lowers[i] ?? [], upper: uppers[i] ?? [] }));
  }
  return {
    model: fit.name,
    method: 'ets',
    point: Array.from(point),
    intervals,
    intervalMethod,
    fitted: fit.fitted,
    params: fit.params,
    logLikelihood: fit.logLikelihood,
    aic: fit.aic,
    aicc: fit.aicc,
    bic: fit.bic,
    ...(notes.length > 0 ? { notes } : {}),
  };
}
