import { InputError } from '../../core/errors.js';

/**
 * Geometric adstock (carry-over of advertising): A_t = x_t + θ·A_{t−1}, A_{−1} = `initial`
 * (default 0), with decay θ ∈ [0, 1). Use it to turn daily spend into the "advertising stock"
 * that drives a saturating response (see hill.ts). At a constant spend x the stock tends to the
 * steady state A = x / (1 − θ).
 *
 * Reference: Broadbent (1979), "One way TV advertisements work", J. Market Research Society 21(3);
 * Jin, Wang, Sun, Chan & Koehler (2017), "Bayesian methods for media mix modeling with carryover
 * and shape effects" (Google), eq. (1) with an infinite geometric window and unnormalised weights.
 * Cost: O(n). Example: geometricAdstock([100, 0, 0], 0.5) → Float64Array [100, 50, 25].
 */
export function geometricAdstock(spend: ArrayLike<number>, decay: number, initial = 0): Float64Array {
  checkDecay(decay, 'geometricAdstock');
  if (!Number.isFinite(initial) || initial < 0)
    throw new InputError('invalid_argument', `geometricAdstock: initial stock must be ≥ 0, got ${initial}`);
  const out = new Float64Array(spend.length);
  let stock = initial;
  for (let t = 0; t < spend.length; t++) {
    const x = spend[t] as number;
    if (!Number.isFinite(x) || x < 0)
      throw new InputError(
        'invalid_argument',
        `geometricAdstock: spend at index ${t} must be a finite number ≥ 0, got ${x}`,
      );
    stock = x + decay * stock;
    out[t] = stock;
  }
  return out;
}

/**
 * Steady-state adstock of a constant daily spend x: A = x / (1 − θ) (the limit of the geometric
 * recursion). Cost O(1). Example: steadyStateAdstock(100, 0.5) → 200.
 */
export function steadyStateAdstock(dailySpend: number, decay: number): number {
  checkDecay(decay, 'steadyStateAdstock');
  if (!Number.isFinite(dailySpend) || dailySpend < 0)
    throw new InputError(
      'invalid_argument',
      `steadyStateAdstock: daily spend must be ≥ 0, got ${dailySpend}`,
    );
  return dailySpend / (1 - decay);
}

function checkDecay(decay: number, caller: string): void {
  if (!Number.isFinite(decay) || decay < 0 || decay >= 1)
    throw new InputError('invalid_argument', `${caller}: adstock decay θ must be in [0, 1), got ${decay}`);
}
