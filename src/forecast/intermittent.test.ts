import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { crostonForecast, crostonModel, tsbForecast, tsbModel } from './intermittent.js';

const options = { horizon: 3, seasonLength: 1 };

// numpy reproduction of R forecast:::croston2 (ses(initial = 'simple') on sizes and intervals) and of TSB,
// /usr/bin/python3 (script kept in the report):
//   x = [0,2,0,0,5,0,1,0,0,0,3,0,4,0,0,2]
//   croston(x, 0.1) → 1.0246261186367134; SBA → 0.9733948127048776
//   grid α ∈ {0.01..0.99} by in-sample one-step MSE → α 0.01, forecast 1.004662560359726
//   tsb(x, α 0.1, β 0.1) with p₀ = share non-zero, z₀ = mean non-zero → 1.1153884094293152
//   tsb(x, α 0.2, β 0.05) → 1.0703745668233844
const x = [0, 2, 0, 0, 5, 0, 1, 0, 0, 0, 3, 0, 4, 0, 0, 2];

describe('Croston and SBA', () => {
  it('hand example: z = 3.3, interval 3.1 → 3.3/3.1; SBA × 0.95', () => {
    const y = [0, 0, 3, 0, 0, 0, 6];
    const f = crostonForecast(y, options);
    expect(f.point).toEqual(new Array(3).fill(3.3 / 3.1).map((v) => expect.closeTo(v, 12)));
    expect(f.params).toMatchObject({
      alpha: 0.1,
      size: expect.closeTo(3.3, 12),
      interval: expect.closeTo(3.1, 12),
    });
    // fitted: undefined at 0, 0 before the first demand, 3/3 = 1 after it (a single demand: y / position)
    expect(f.fitted.slice(1)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(Number.isNaN(f.fitted[0] as number)).toBe(true);
    const sba = crostonForecast(y, { ...options, variant: 'sba' });
    expect(sba.point[0]).toBeCloseTo((0.95 * 3.3) / 3.1, 12);
    expect(sba.model).toBe('SBA');
  });

  it('matches the numpy reproduction of forecast::croston', () => {
    expect(crostonForecast(x, options).point[0]).toBeCloseTo(1.0246261186367134, 12);
    expect(crostonForecast(x, { ...options, variant: 'sba' }).point[0]).toBeCloseTo(0.9733948127048776, 12);
    const optimised = crostonForecast(x, { ...options, optimize: true });
    expect(optimised.params.alpha).toBeCloseTo(0.01, 12);
    expect(optimised.point[0]).toBeCloseTo(1.004662560359726, 12);
    expect(optimised.notes?.[0]).toMatch(/chosen by in-sample MSE/);
  });

  it('intervals are quantiles of the compound Bernoulli demand, the same at every step', () => {
    const f = crostonForecast([0, 0, 3, 0, 0, 0, 6], options);
    // p = 1/3.1; sizes [3, 6] rescaled by 3.3/4.5 → [2.2, 4.4]; P(0) = 0.677 > 2.5 % and > 10 %
    const i95 = f.intervals[1];
    expect(i95?.lower).toEqual([0, 0, 0]);
    expect(i95?.upper).toEqual(new Array(3).fill(expect.closeTo(4.4, 12)));
    expect(f.intervals[0]?.upper[0]).toBeCloseTo(4.4, 12);
    expect(f.intervalMethod).toBe('analytic');
  });

  it('all-zero series: forecast 0 with a note; a single demand: y / position', () => {
    const zero = crostonForecast([0, 0, 0, 0], options);
    expect(zero.point).toEqual([0, 0, 0]);
    expect(zero.intervals[1]?.upper).toEqual([0, 0, 0]);
    expect(zero.notes).toContain('all values are zero: forecast 0');
    const single = crostonForecast([0, 0, 0, 4, 0], options);
    expect(single.point[0]).toBeCloseTo(1, 12);
    expect(single.notes?.[0]).toMatch(/single non-zero demand/);
    expect(crostonForecast([0, 0, 0, 4, 0], { ...options, variant: 'sba' }).point[0]).toBeCloseTo(0.95, 12);
    expect(crostonForecast([7], options).point).toEqual([7, 7, 7]);
  });
});

describe('TSB', () => {
  it('hand example: p and z updated as Teunter et al. (2011)', () => {
    // p₀ = 0.5, z₀ = 4.5 → t0 p 0.45 → t1 p 0.505, z 4.35 → t2 p 0.4545 → t3 p 0.50905, z 4.515
    const f = tsbForecast([0, 3, 0, 6], options);
    expect(f.params.probability).toBeCloseTo(0.50905, 12);
    expect(f.params.size).toBeCloseTo(4.515, 12);
    expect(f.point[0]).toBeCloseTo(0.50905 * 4.515, 12);
    expect(f.fitted[0]).toBeCloseTo(2.25, 12);
  });

  it('matches the numpy reproduction; optimisation never worsens the in-sample MSE', () => {
    expect(tsbForecast(x, options).point[0]).toBeCloseTo(1.1153884094293152, 12);
    expect(tsbForecast(x, { ...options, alpha: 0.2, beta: 0.05 }).point[0]).toBeCloseTo(
      1.0703745668233844,
      12,
    );
    const mse = (f: { fitted: readonly number[] }) =>
      x.reduce((total, v, t) => total + (v - (f.fitted[t] as number)) ** 2, 0);
    const optimised = tsbForecast(x, { ...options, optimize: true });
    expect(mse(optimised)).toBeLessThanOrEqual(mse(tsbForecast(x, options)) + 1e-12);
    expect(optimised.params.alpha).toBeGreaterThanOrEqual(0.01);
    expect(optimised.params.beta).toBeLessThanOrEqual(0.99);
  });

  it('decays after demand stops (obsolescence), unlike Croston', () => {
    const y = [5, 5, 5, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(tsbForecast(y, options).point[0]).toBeLessThan(crostonForecast(y, options).point[0] as number);
  });

  it('all zeros: forecast 0 with a note', () => {
    const f = tsbForecast([0, 0, 0], options);
    expect(f.point).toEqual([0, 0, 0]);
    expect(f.notes).toContain('all values are zero: forecast 0');
  });
});

describe('intermittent edge cases', () => {
  it('rejects negative demand, NaN, empty input, bad horizon and bad smoothing', () => {
    expect(() => crostonForecast([0, -1, 2], options)).toThrow(/index 1 is negative/);
    expect(() => tsbForecast([0, Number.NaN], options)).toThrow(/index 1/);
    expect(() => crostonForecast([], options)).toThrow(/at least 1 value/);
    expect(() => tsbForecast([1, 0], { horizon: 0, seasonLength: 1 })).toThrow(InputError);
    expect(() => crostonForecast([1, 0], { ...options, alpha: 0 })).toThrow(/alpha/);
    expect(() => tsbForecast([1, 0], { ...options, beta: 2 })).toThrow(/beta/);
  });

  it('model factories bind their options', () => {
    expect(crostonModel({ variant: 'sba' })([0, 0, 3, 0, 0, 0, 6], options).model).toBe('SBA');
    expect(tsbModel({ alpha: 0.2, beta: 0.05 })(x, options).point[0]).toBeCloseTo(1.0703745668233844, 12);
  });
});
