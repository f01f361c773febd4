import { describe, expect, it } from 'vitest';
import { minimizeLbfgs } from './lbfgs.js';

/** Rosenbrock f = Σ 100(x_{i+1} − x_i²)² + (1 − x_i)² with its gradient. */
function rosenbrock(x: Float64Array, g: Float64Array): number {
  let f = 0;
  g.fill(0);
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i] as number;
    const b = x[i + 1] as number;
    f += 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    g[i] = (g[i] as number) - 400 * a * (b - a * a) - 2 * (1 - a);
    g[i + 1] = (g[i + 1] as number) + 200 * (b - a * a);
  }
  return f;
}

describe('minimizeLbfgs', () => {
  // Reference: /usr/bin/python3 -c "from scipy.optimize import minimize, rosen, rosen_der;
  //   r = minimize(rosen, X0, jac=rosen_der, method='L-BFGS-B',
  //   options={'gtol': 1e-10, 'ftol': 1e-15, 'maxiter': 1000}); print(r.x, r.fun, r.nit)"
  // scipy 1.10.1: X0 = [-1.2, 1] → x = [0.99999999998644, 0.99999999997178], f = 3.0e-22, 38 iterations;
  // X0 = [-1.2, 1, -1.2, 1, -1.2] → x = [1.00000000017, 1.00000000007, 0.99999999991, 0.99999999985,
  // 0.99999999974], f = 1.25e-17, 53 iterations.
  it('reaches scipy L-BFGS-B’s minimum of the 2-d Rosenbrock function', () => {
    const run = minimizeLbfgs(rosenbrock, [-1.2, 1], { gradientTolerance: 1e-10, functionTolerance: 1e-15 });
    expect(run.converged).toBe(true);
    expect(run.x[0]).toBeCloseTo(0.99999999998644, 8);
    expect(run.x[1]).toBeCloseTo(0.99999999997178, 8);
    expect(run.value).toBeLessThan(1e-18);
    // Same method, same order of work as scipy's 38 iterations.
    expect(run.iterations).toBeGreaterThan(15);
    expect(run.iterations).toBeLessThan(80);
  });

  it('reaches scipy’s minimum of the 5-d Rosenbrock function (not the local one near x₀ = −1)', () => {
    const run = minimizeLbfgs(rosenbrock, [-1.2, 1, -1.2, 1, -1.2], {
      gradientTolerance: 1e-10,
      functionTolerance: 1e-15,
    });
    for (const xi of run.x) expect(xi).toBeCloseTo(1, 7);
    expect(run.value).toBeLessThan(1e-14);
  });

  it('minimises a quadratic with 10 000 parameters and memory 5', () => {
    const n = 10_000;
    // f = ½ Σ dᵢ (xᵢ − i/n)², dᵢ in [1, 100]: the minimum is xᵢ = i/n.
    const run = minimizeLbfgs(
      (x, g) => {
        let f = 0;
        for (let i = 0; i < n; i++) {
          const d = 1 + (99 * i) / n;
          const r = (x[i] as number) - i / n;
          f += 0.5 * d * r * r;
          g[i] = d * r;
        }
        return f;
      },
      new Float64Array(n),
      { memory: 5, gradientTolerance: 1e-9, functionTolerance: 0 },
    );
    expect(run.converged).toBe(true);
    expect(run.x[1234]).toBeCloseTo(0.1234, 8);
  });

  it('rejects an empty start and a non-finite objective', () => {
    expect(() => minimizeLbfgs(() => 0, [])).toThrow(/non-empty/);
    expect(() => minimizeLbfgs(() => Number.NaN, [1])).toThrow(/not finite/);
  });

  it('does not mutate the start', () => {
    const start = Float64Array.of(-1.2, 1);
    minimizeLbfgs(rosenbrock, start);
    expect([...start]).toEqual([-1.2, 1]);
  });
});
