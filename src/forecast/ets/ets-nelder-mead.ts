/**
 * Box-constrained Nelder–Mead for the ETS likelihood: trial points are projected onto [lower, upper]
 * (as statsforecast's ETS optimiser does) and coupled constraints (β ≤ α, γ ≤ 1 − α, admissibility) are
 * left to the objective, which returns +Infinity outside. Adaptive coefficients of Gao & Han (2012),
 * "Implementing the Nelder–Mead simplex algorithm with adaptive parameters", Comput. Optim. Appl. 51:
 * reflection 1, expansion 1 + 2/d, contraction 0.75 − 1/(2d), shrink 1 − 1/d (the classic 1, 2, ½, ½ at
 * d = 2), which keep the simplex from collapsing in the 15–17 dimensions of a monthly seasonal model.
 *
 * Why a separate optimiser from src/stats: the likelihood pass costs ~1 µs, so per-iteration allocation
 * and sorting closures would dominate; everything here is allocated once per call.
 * Stops when the simplex spans ≤ `valueTolerance` in f and ≤ `pointTolerance` in every coordinate, or
 * after `maxEvaluations`. Cost: 1–2 evaluations per iteration (d + 1 on a shrink), O(d²) arithmetic.
 */

export interface BoxNelderMeadResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface BoxNelderMeadSettings {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Initial simplex edge per coordinate (the sign is flipped when the step would leave the box). */
  readonly step: Float64Array;
  readonly maxEvaluations: number;
  readonly valueTolerance: number;
  readonly pointTolerance: number;
}

export function boxNelderMead(
  objective: (x: Float64Array) => number,
  start: Float64Array,
  settings: BoxNelderMeadSettings,
): BoxNelderMeadResult {
  const d = start.length;
  const { lower, upper, step, maxEvaluations, valueTolerance, pointTolerance } = settings;
  const expansion = 1 + 2 / d;
  const contraction = 0.75 - 1 / (2 * d);
  const shrink = d > 1 ? 1 - 1 / d : 0.5;
  const points = new Float64Array((d + 1) * d);
  const values = new Float64Array(d + 1);
  // Σ of all vertices, so the centroid of the d best is (sum − worst)/d in O(d)
  const sum = new Float64Array(d);
  const centroid = new Float64Array(d);
  const trial = new Float64Array(d);
  const second = new Float64Array(d);
  let evaluations = 0;
  for (let i = 0; i <= d; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) trial[j] = start[j] as number;
    if (i > 0) {
      const k = i - 1;
      const h = step[k] as number;
      trial[k] =
        (trial[k] as number) + h <= (upper[k] as number)
          ? (trial[k] as number) + h
          : (trial[k] as number) - h;
    }
    clampInto(trial, lower, upper, d);
    points.set(trial, row);
    values[i] = safe(objective(trial));
    evaluations++;
  }
  for (let i = 0; i <= d; i++)
    for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + (points[i * d + j] as number);
  let converged = false;
  while (evaluations < maxEvaluations) {
    let best = 0;
    let worst = 0;
    for (let i = 1; i <= d; i++) {
      if ((values[i] as number) < (values[best] as number)) best = i;
      if ((values[i] as number) >= (values[worst] as number)) worst = i;
    }
    if (worst === best) worst = best === 0 ? 1 : 0;
    let secondWorst = best;
    for (let i = 0; i <= d; i++)
      if (i !== worst && (values[i] as number) >= (values[secondWorst] as number)) secondWorst = i;
    const bestValue = values[best] as number;
    const worstValue = values[worst] as number;
    if (worstValue - bestValue <= valueTolerance) {
      let spread = 0;
      for (let i = 0; i <= d; i++)
        for (let j = 0; j < d; j++)
          spread = Math.max(
            spread,
            Math.abs((points[i * d + j] as number) - (points[best * d + j] as number)),
          );
      if (spread <= pointTolerance) {
        converged = true;
        break;
      }
    }
    const worstRow = worst * d;
    for (let j = 0; j < d; j++) centroid[j] = ((sum[j] as number) - (points[worstRow + j] as number)) / d;
    for (let j = 0; j < d; j++) trial[j] = 2 * (centroid[j] as number) - (points[worstRow + j] as number);
    clampInto(trial, lower, upper, d);
    const reflected = safe(objective(trial));
    evaluations++;
    let accepted: Float64Array | undefined;
    let acceptedValue = 0;
    if (reflected < bestValue) {
      for (let j = 0; j < d; j++)
        second[j] =
          (centroid[j] as number) + expansion * ((centroid[j] as number) - (points[worstRow + j] as number));
      clampInto(second, lower, upper, d);
      const expanded = safe(objective(second));
      evaluations++;
      if (expanded < reflected) {
        accepted = second;
        acceptedValue = expanded;
      } else {
        accepted = trial;
        acceptedValue = reflected;
      }
    } else if (reflected < (values[secondWorst] as number)) {
      accepted = trial;
      acceptedValue = reflected;
    } else {
      // contraction: outside when the reflection improved on the worst, inside otherwise
      const outside = reflected < worstValue;
      const sign = outside ? contraction : -contraction;
      for (let j = 0; j < d; j++)
        second[j] =
          (centroid[j] as number) + sign * ((centroid[j] as number) - (points[worstRow + j] as number));
      clampInto(second, lower, upper, d);
      const contracted = safe(objective(second));
      evaluations++;
      if (contracted < (outside ? reflected : worstValue)) {
        accepted = second;
        acceptedValue = contracted;
      }
    }
    if (accepted) {
      for (let j = 0; j < d; j++) {
        const v = accepted[j] as number;
        sum[j] = (sum[j] as number) + v - (points[worstRow + j] as number);
        points[worstRow + j] = v;
      }
      values[worst] = acceptedValue;
      continue;
    }
    const bestRow = best * d;
    sum.fill(0);
    for (let i = 0; i <= d; i++) {
      const row = i * d;
      if (i !== best) {
        for (let j = 0; j < d; j++) {
          const b = points[bestRow + j] as number;
          trial[j] = b + shrink * ((points[row + j] as number) - b);
        }
        points.set(trial, row);
        values[i] = safe(objective(trial));
        evaluations++;
      }
      for (let j = 0; j < d; j++) sum[j] = (sum[j] as number) + (points[row + j] as number);
    }
  }
  let best = 0;
  for (let i = 1; i <= d; i++) if ((values[i] as number) < (values[best] as number)) best = i;
  return {
    x: points.slice(best * d, best * d + d),
    value: values[best] as number,
    evaluations,
    converged,
  };
}

function safe(value: number): number {
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}

function clampInto(x: Float64Array, lower: Float64Array, upper: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    const v = x[j] as number;
    if (v < (lower[j] as number)) x[j] = lower[j] as number;
    else if (v > (upper[j] as number)) x[j] = upper[j] as number;
  }
}
