import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../test/non-finite.js';
import { createRng, normal, poisson } from '../core/random.js';
import { classifyDemand, combinationMargin, forecastSeries } from './forecast-series.js';

const weekly = [1.1, 0.9, 0.95, 1, 1.05, 1.3, 0.7];

function smoothSeries(n: number, seed: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, t) => (100 + 0.2 * t) * (weekly[t % 7] as number) + normal(rng, 0, 4));
}

describe('demand classification (Syntetos, Boylan & Croston 2005)', () => {
  it('ADI = periods per non-zero period, CV² of the non-zero sizes, intermittent above 1.32', () => {
    const c = classifyDemand([0, 2, 0, 0, 4, 0]);
    expect(c.kind).toBe('intermittent');
    expect(c.adi).toBe(3);
    // sizes 2, 4: mean 3, sample variance 2 → CV² = 2/9
    expect(c.cv2).toBeCloseTo(2 / 9, 15);
    expect(classifyDemand([3, 4, 0, 5, 6]).kind).toBe('smooth');
    expect(classifyDemand([0, 0, 0])).toEqual({ kind: 'zero', adi: null, cv2: null });
  });
});

describe('forecastSeries', () => {
  it('back-tests the smooth candidates and keeps the ETS/damped/Theta mean unless a model wins clearly', () => {
    const values = smoothSeries(200, 3);
    const r = forecastSeries(values, { horizon: 14, seasonLength: 7, windows: 3 });
    expect(r.demand.kind).toBe('smooth');
    expect(r.backtestWindows).toBe(3);
    const names = r.scores.map((s) => s.name);
    for (const n of ['ets', 'damped', 'theta', 'snaive', 'drift', 'naive', 'mean of ets + damped + theta'])
      expect(names).toContain(n);
    const score = (name: string) => r.scores.find((s) => s.name === name)?.score as number;
    const combination = score('mean of ets + damped + theta');
    const bestSingle = r.scores.find((s) => !s.name.startsWith('mean of'));
    const expected =
      (bestSingle?.score as number) < combination / (1 + combinationMargin)
        ? bestSingle?.name
        : 'mean of ets + damped + theta';
    expect(r.chosen).toBe(expected);
    // the planted weekly pattern beats the non-seasonal naive
    expect(score(r.chosen)).toBeLessThan(score('naive'));
    expect(r.forecast.point).toHaveLength(14);
    for (const i of r.forecast.intervals) {
      expect(i.lower.every((x, h) => x <= (r.forecast.point[h] as number))).toBe(true);
      expect(i.upper.every((x, h) => x >= (r.forecast.point[h] as number))).toBe(true);
    }
    expect(nonFiniteNumbers([r.forecast.point, r.forecast.intervals, r.scores])).toEqual([]);
  });

  it('uses intermittent-demand models ranked by RMSSE for sparse demand', () => {
    const rng = createRng(7);
    const values = Array.from({ length: 300 }, () => (rng.next() < 0.25 ? poisson(rng, 3) + 1 : 0));
    const r = forecastSeries(values, { horizon: 28, seasonLength: 7 });
    expect(r.demand.kind).toBe('intermittent');
    expect(r.scores.map((s) => s.name)).toEqual(expect.arrayContaining(['croston', 'sba', 'tsb', 'naive']));
    // about 0.25 × 4 = 1 unit per period
    expect(r.forecast.point[0]).toBeGreaterThan(0.6);
    expect(r.forecast.point[0]).toBeLessThan(1.5);
  });

  it('fits without a back-test when the history is too short, and forecasts 0 without demand', () => {
    const short = forecastSeries(smoothSeries(20, 1), { horizon: 14, seasonLength: 7 });
    expect(short.scores).toEqual([]);
    expect(short.notes[0]).toMatch(/too few to back-test a window of 14/);
    const fewer = forecastSeries(smoothSeries(50, 1), { horizon: 14, seasonLength: 7, windows: 3 });
    expect(fewer.backtestWindows).toBe(2);
    expect(fewer.notes[0]).toMatch(/holds 2 back-test window\(s\) of 14, not 3/);
    const zero = forecastSeries([0, 0, 0, 0], { horizon: 3, seasonLength: 1 });
    expect(zero.chosen).toBe('zero');
    expect(zero.forecast.point).toEqual([0, 0, 0]);
  });

  it('one named model, and clear errors', () => {
    const r = forecastSeries(smoothSeries(120, 2), { horizon: 7, seasonLength: 7, model: 'theta' });
    expect(r.chosen).toBe('theta');
    expect(r.scores).toHaveLength(1);
    expect(() =>
      forecastSeries([1, 2, 3], { horizon: 2, seasonLength: 1, model: 'prophet' as 'ets' }),
    ).toThrow(/Unknown forecasting model "prophet"/);
    expect(() => forecastSeries(smoothSeries(50, 1), { horizon: 0, seasonLength: 7 })).toThrow(/horizon/);
    expect(() => forecastSeries([0, 0, 0], { horizon: -1, seasonLength: 1 })).toThrow(
      /horizon must be a whole/,
    );
    expect(() =>
      forecastSeries([1, Number.NaN, 3, 4, 5, 6, 7, 8, 9], { horizon: 2, seasonLength: 1 }),
    ).toThrow(/index 1|position 1|NaN|finite/);
  });
});
