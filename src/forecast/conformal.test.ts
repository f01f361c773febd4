import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../core/random.js';
import { conformalQuantile, withConformalIntervals } from './conformal.js';
import type { Forecast } from './forecast-types.js';

const base: Forecast = {
  model: 'test',
  method: 'test',
  point: [10, 20, 30],
  intervals: [],
  intervalMethod: 'none',
  fitted: [],
  params: {},
};

describe('conformalQuantile', () => {
  it('the ⌈(n + 1)·level⌉-th smallest |r|', () => {
    expect(conformalQuantile([1, -2, 3, -4], 50)).toEqual({ value: 3, exact: true });
    expect(conformalQuantile([1, -2, 3, -4], 80)).toEqual({ value: 4, exact: true });
    const nineteen = Array.from({ length: 19 }, (_, i) => i + 1);
    expect(conformalQuantile(nineteen, 95)).toEqual({ value: 19, exact: true });
    expect(conformalQuantile(nineteen.slice(0, 18), 95)).toEqual({ value: 18, exact: false });
    expect(conformalQuantile([5], 10)).toEqual({ value: 5, exact: true });
  });

  it('rejects empty input, bad levels and NaN', () => {
    expect(() => conformalQuantile([], 90)).toThrow(/at least 1 residual/);
    expect(() => conformalQuantile([1], 100)).toThrow(/level/);
    expect(() => conformalQuantile([1, Number.NaN], 90)).toThrow(/index 1/);
  });

  it('covers at least the nominal level on exchangeable residuals (simulation, seed 7)', () => {
    // Theory: coverage ∈ [0.90, 0.90 + 1/(n + 1)] = [0.90, 0.91] for n = 99.
    const rng = createRng(7);
    const trials = 4000;
    let covered = 0;
    const residuals = new Float64Array(99);
    for (let trial = 0; trial < trials; trial++) {
      for (let i = 0; i < residuals.length; i++) residuals[i] = normal(rng);
      const q = conformalQuantile(residuals, 90).value;
      if (Math.abs(normal(rng)) <= q) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.89);
    expect(covered / trials).toBeLessThan(0.925);
  });
});

describe('withConformalIntervals', () => {
  it('per-step symmetric intervals, reusing the last step beyond the residuals', () => {
    const f = withConformalIntervals(
      base,
      [
        [1, -2, 3, -4],
        [2, 4, -6, 8],
      ],
      [50],
    );
    expect(f.intervalMethod).toBe('conformal');
    expect(f.intervals[0]).toEqual({ level: 50, lower: [7, 14, 24], upper: [13, 26, 36] });
    expect(f.notes?.[0]).toMatch(/steps beyond 2 reuse/);
  });

  it('notes when there are too few residuals for the level', () => {
    const f = withConformalIntervals(base, [[1, 2, 3]], [80, 95]);
    expect(f.intervals[1]?.upper).toEqual([13, 23, 33]);
    expect(f.notes?.some((note) => /too few residuals \(3 per step\)/.test(note))).toBe(true);
    expect(() => withConformalIntervals(base, [])).toThrow(/at least one step/);
  });
});
