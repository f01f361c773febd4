/**
 * Strong-Wolfe line search for gradient methods (Nocedal & Wright 2006, Algorithms 3.5 and 3.6):
 * find a step α along a descent direction p with
 *   f(x + αp) ≤ f(x) + c₁ α ∇f·p   and   |∇f(x + αp)·p| ≤ c₂ |∇f(x)·p|   (c₁ = 1e-4, c₂ = 0.9),
 * bracketing by doubling and zooming by safeguarded cubic interpolation (bisection when a value is
 * not finite, so objectives that overflow far from the optimum are handled). Internal to
 * optimize.ts. Cost: usually 1–3 evaluations, at most 60.
 */

export interface LineSearchPoint {
  readonly step: number;
  readonly x: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
}

type Evaluate = (x: Float64Array, gradient: Float64Array) => number;

const C1 = 1e-4;
const C2 = 0.9;

interface Trial extends LineSearchPoint {
  readonly slope: number;
}

/** Minimiser of the cubic through (a, fa, da), (b, fb, db), or undefined when it does not exist. */
function cubicMinimizer(
  a: number,
  fa: number,
  da: number,
  b: number,
  fb: number,
  db: number,
): number | undefined {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const discriminant = d1 * d1 - da * db;
  if (!(discriminant >= 0)) return undefined;
  const d2 = Math.sign(b - a) * Math.sqrt(discriminant);
  const t = b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
  return Number.isFinite(t) ? t : undefined;
}

export function strongWolfeLineSearch(
  evaluate: Evaluate,
  x: Float64Array,
  value: number,
  gradient: Float64Array,
  direction: Float64Array,
  slope: number,
  initialStep: number,
): LineSearchPoint | undefined {
  const n = x.length;
  const trial = (step: number): Trial => {
    const point = new Float64Array(n);
    for (let i = 0; i < n; i++) point[i] = (x[i] as number) + step * (direction[i] as number);
    const g = new Float64Array(n);
    let v = evaluate(point, g);
    let d = 0;
    for (let i = 0; i < n; i++) d += (g[i] as number) * (direction[i] as number);
    if (!Number.isFinite(v) || !Number.isFinite(d)) {
      v = Number.POSITIVE_INFINITY;
      d = Number.NaN;
    }
    return { step, x: point, value: v, gradient: g, slope: d };
  };
  const start: Trial = { step: 0, x, value, gradient, slope };
  const sufficient = (t: Trial) => t.value <= value + C1 * t.step * slope;
  const curvature = (t: Trial) => Math.abs(t.slope) <= -C2 * slope;

  const zoom = (low: Trial, high: Trial): LineSearchPoint | undefined => {
    let lo = low;
    let hi = high;
    for (let j = 0; j < 30; j++) {
      const width = hi.step - lo.step;
      let step: number | undefined;
      if (Number.isFinite(hi.value) && Number.isFinite(hi.slope))
        step = cubicMinimizer(lo.step, lo.value, lo.slope, hi.step, hi.value, hi.slope);
      const left = Math.min(lo.step, hi.step) + 0.1 * Math.abs(width);
      const right = Math.max(lo.step, hi.step) - 0.1 * Math.abs(width);
      if (step === undefined || step < left || step > right) step = lo.step + 0.5 * width;
      const t = trial(step);
      if (!sufficient(t) || t.value >= lo.value) hi = t;
      else {
        if (curvature(t)) return t;
        if (t.slope * (hi.step - lo.step) >= 0) hi = lo;
        lo = t;
      }
      if (Math.abs(hi.step - lo.step) <= 1e-14 * Math.max(1, Math.abs(lo.step))) break;
    }
    // Armijo point without the curvature condition: still a decrease, good enough to continue.
    return lo.step > 0 && lo.value < value ? lo : undefined;
  };

  let previous = start;
  let step = initialStep;
  for (let i = 0; i < 30; i++) {
    const t = trial(step);
    if (!sufficient(t) || (i > 0 && t.value >= previous.value)) return zoom(previous, t);
    if (curvature(t)) return t;
    if (t.slope >= 0) return zoom(t, previous);
    previous = t;
    step *= 2;
  }
  return previous.step > 0 ? previous : undefined;
}
