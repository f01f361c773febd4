import { InputError } from '../core/errors.js';
import type { Forecast, PredictionInterval } from './forecast-types.js';

/**
 * Split-conformal prediction intervals from backtest residuals, one calibration set per horizon step
 * (Vovk, Gammerman & Shafer 2005; Lei et al. 2018, "Distribution-free predictive inference for
 * regression", JASA 113; per-step calibration as in Stankeviciute et al. 2021):
 *   q_h = the ⌈(n + 1)·level⌉-th smallest of |r_{h,1}|, …, |r_{h,n}|,   interval = ŷ_h ± q_h,
 * which covers with probability ≥ level when the n calibration residuals and the future error are
 * exchangeable. When ⌈(n + 1)·level⌉ > n (too few residuals, e.g. n < 19 for 95 %) the largest |r| is used
 * and a note says the guarantee does not hold. Steps beyond the residuals given reuse the last step's.
 * Cost: O(Σ n_h log n_h + horizon·levels).
 * Example: residuals [1, −2, 3, −4] at one step, level 50 % → ⌈5·0.5⌉ = 3rd smallest |r| = 3 → ŷ ± 3.
 */

export interface ConformalQuantile {
  readonly value: number;
  /** False when there were too few residuals and the largest was used. */
  readonly exact: boolean;
}

/** The ⌈(n + 1)·level/100⌉-th smallest absolute residual (see the file comment). */
export function conformalQuantile(residuals: ArrayLike<number>, level: number): ConformalQuantile {
  const n = residuals.length;
  if (n === 0)
    throw new InputError('insufficient_data', 'conformalQuantile needs at least 1 residual, got 0');
  if (!(level > 0 && level < 100))
    throw new InputError('invalid_argument', `conformalQuantile: level must be in (0, 100), got ${level}`);
  const absolute = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = residuals[i] as number;
    if (!Number.isFinite(r))
      throw new InputError(
        'invalid_argument',
        `conformalQuantile: residual at index ${i} is not finite (${r})`,
      );
    absolute[i] = Math.abs(r);
  }
  absolute.sort();
  const rank = Math.ceil(((n + 1) * level) / 100 - 1e-12);
  if (rank > n) return { value: absolute[n - 1] as number, exact: false };
  return { value: absolute[Math.max(1, rank) - 1] as number, exact: true };
}

/**
 * The forecast with its intervals replaced by conformal ones (intervalMethod 'conformal');
 * residualsByStep[h] are the backtest residuals (actual − forecast) at step h + 1.
 */
export function withConformalIntervals(
  forecast: Forecast,
  residualsByStep: readonly (readonly number[])[],
  levels: readonly number[] = forecast.intervals.length > 0
    ? forecast.intervals.map((i) => i.level)
    : [80, 95],
): Forecast {
  if (residualsByStep.length === 0)
    throw new InputError('insufficient_data', 'withConformalIntervals needs residuals for at least one step');
  const horizon = forecast.point.length;
  const notes: string[] = [...(forecast.notes ?? [])];
  let inexact = 0;
  const intervals: PredictionInterval[] = levels.map((level) => {
    const lower: number[] = new Array(horizon);
    const upper: number[] = new Array(horizon);
    for (let h = 0; h < horizon; h++) {
      const residuals = residualsByStep[Math.min(h, residualsByStep.length - 1)] as readonly number[];
      const q = conformalQuantile(residuals, level);
      if (!q.exact) inexact++;
      const p = forecast.point[h] as number;
      lower[h] = p - q.value;
      upper[h] = p + q.value;
    }
    return { level, lower, upper };
  });
  if (inexact > 0) {
    const n = Math.min(...residualsByStep.map((r) => r.length));
    notes.push(
      `conformal intervals: too few residuals (${n} per step) for the ${Math.max(...levels)} % level; the largest residual was used and coverage is not guaranteed`,
    );
  }
  if (horizon > residualsByStep.length)
    notes.push(
      `conformal intervals: steps beyond ${residualsByStep.length} reuse the residuals of step ${residualsByStep.length}`,
    );
  return { ...forecast, intervals, intervalMethod: 'conformal', notes };
}
