import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { minimizeNelderMead } from './nelder-mead.js';
import { centralDifferenceGradient, minimize, minimizeBfgs, minimizeMultiStart } from './optimize.js';

const rosenbrock = (x: Float64Array): number => {
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++)
    f += 100 * ((x[i + 1] as number) - (x[i] as number) ** 2) ** 2 + (1 - (x[i] as number)) ** 2;
  return f;
};
const rosenbrockGradient = (x: Float64Array, g: Float64Array): number => {
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    g[i] = (g[i] as number) - 400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1] = (g[i + 1] as number) + 200 * (b - a * a);
  }
  return rosenbrock(x);
};

// f(x) = ½ (x − c)ᵀ A (x − c) + 3, A = [[4, 1, 0], [1, 3, 0.5], [0, 0.5, 2]]: minimum 3 at c
const centre = [1, -2, 0.5];
const A = [
  [4, 1, 0],
  [1, 3, 0.5],
  [0, 0.5, 2],
];
const quadratic = (x: Float64Array): number => {
  let f = 3;
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      f +=
        0.5 *
        ((x[i] as number) - (centre[i] as number)) *
        (A[i]?.[j] as number) *
        ((x[j] as number) - (centre[j] as number));
  return f;
};

describe('minimizeBfgs', () => {
  it('finds the Rosenbrock minimum from (−1.2, 1) with an analytic gradient', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1], { gradient: rosenbrockGradient });
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.value).toBeLessThan(1e-12);
    expect(result.iterations).toBeLessThan(60);
    expect(result.evaluations).toBe(result.evaluations | 0);
  });

  it('finds the 4-d Rosenbrock minimum with central-difference gradients', () => {
    const result = minimizeBfgs(rosenbrock, [-1.2, 1, -1.2, 1]);
    expect(result.converged).toBe(true);
    for (const v of result.x) expect(v).toBeCloseTo(1, 4);
  });

  it('solves a quadratic exactly (up to tolerance) in a few iterations', () => {
    const result = minimizeBfgs(quadratic, [0, 0, 0]);
    expect(result.converged).toBe(true);
    expect(result.value).toBeCloseTo(3, 12);
    result.x.forEach((v, i) => {
      expect(v).toBeCloseTo(centre[i] as number, 6);
    });
    expect(result.iterations).toBeLessThan(20);
  });

  it('survives an objective that is infinite far from the optimum', () => {
    // f = x² − ln(1 − x) on x < 1 (Infinity beyond): minimum at x = (1 − √3)/2 … solve 2x = −1/(1 − x)
    const f = (x: Float64Array) =>
      (x[0] as number) < 1
        ? (x[0] as number) ** 2 - Math.log(1 - (x[0] as number))
        : Number.POSITIVE_INFINITY;
    const result = minimizeBfgs(f, [0.9]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo((1 - Math.sqrt(3)) / 2, 6);
  });

  it('validates the start', () => {
    expect(() => minimizeBfgs(rosenbrock, [])).toThrow(InputError);
    expect(() => minimizeBfgs(rosenbrock, [Number.NaN, 1])).toThrow(InputError);
    expect(() => minimizeBfgs(() => Number.NaN, [1])).toThrow(InputError);
  });
});

describe('minimizeNelderMead', () => {
  it('finds the Rosenbrock minimum', () => {
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
  });
  it('finds the quadratic minimum', () => {
    const result = minimize(quadratic, [0, 0, 0], { method: 'nelder-mead' });
    expect(result.method).toBe('nelder-mead');
    expect(result.value).toBeCloseTo(3, 10);
  });
});

describe('minimize and minimizeMultiStart', () => {
  it('falls back to Nelder–Mead when BFGS stops early, and reports both', () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 5 });
    expect(result.method).toBe('bfgs+nelder-mead');
    expect(result.message).toContain('BFGS');
  });

  it('keeps the best of several starts and skips non-finite ones', () => {
    // two minima: f = (x² − 1)² + 0.3x, the global one near x = −1
    const f = (x: Float64Array) => {
      const v = x[0] as number;
      return v > 5 ? Number.NaN : (v * v - 1) ** 2 + 0.3 * v;
    };
    const result = minimizeMultiStart(f, [[2], [-2], [7]]);
    expect(result.x[0]).toBeLessThan(0);
    expect(result.starts).toHaveLength(3);
    expect(result.starts[2]?.value).toBe(Number.POSITIVE_INFINITY);
    expect(() => minimizeMultiStart(f, [[7]])).toThrow(InputError);
    expect(() => minimizeMultiStart(f, [])).toThrow(InputError);
  });

  it('central differences agree with the analytic gradient', () => {
    const x = Float64Array.from([0.3, -0.7, 1.1]);
    const numeric = new Float64Array(3);
    const analytic = new Float64Array(3);
    centralDifferenceGradient(rosenbrock, x, numeric);
    rosenbrockGradient(x, analytic);
    numeric.forEach((v, i) => {
      expect(v).toBeCloseTo(analytic[i] as number, 6);
    });
  });
});
