import { describe, expect, it } from 'vitest';
import { naiveForecast, seasonalNaiveForecast } from './baselines.js';
import { combineForecasts, ensembleModel } from './ensemble.js';
import type { Forecast } from './forecast-types.js';

const make = (point: number[], fitted: number[] = [], notes?: string[]): Forecast => ({
  model: `m${point.join('-')}`,
  method: 'test',
  point,
  intervals: [],
  intervalMethod: 'none',
  fitted,
  params: {},
  ...(notes ? { notes } : {}),
});

describe('combineForecasts', () => {
  it('median and mean per step (doc example)', () => {
    const members = [make([1, 2]), make([3, 4]), make([10, 0])];
    expect(combineForecasts(members, { combine: 'median' }).point).toEqual([3, 2]);
    expect(combineForecasts(members, { combine: 'mean' }).point).toEqual([14 / 3, 2]);
    expect(combineForecasts(members.slice(0, 2)).point).toEqual([2, 3]);
  });

  it('fitted values only where every member has one; notes carry the member name', () => {
    const f = combineForecasts([make([1], [Number.NaN, 2, 4], ['hello']), make([3], [1, 4, 6])], {
      names: ['a', 'b'],
    });
    expect(Number.isNaN(f.fitted[0] as number)).toBe(true);
    expect(f.fitted.slice(1)).toEqual([3, 5]);
    expect(f.notes).toEqual(['a: hello']);
    expect(f.model).toBe('median ensemble (a, b)');
    expect(f.intervalMethod).toBe('none');
  });

  it('rejects an empty list and unknown combinations', () => {
    expect(() => combineForecasts([])).toThrow(/at least one/);
    expect(() => combineForecasts([make([1])], { combine: 'max' as 'mean' })).toThrow(/median' or 'mean/);
    expect(() => ensembleModel([])).toThrow(/at least one member/);
  });
});

describe('ensembleModel', () => {
  it('fits each member and combines', () => {
    const y = [1, 5, 2, 6, 3, 7];
    const model = ensembleModel(
      [
        { name: 'naive', model: naiveForecast },
        { name: 'snaive', model: seasonalNaiveForecast },
      ],
      { combine: 'mean' },
    );
    const f = model(y, { horizon: 2, seasonLength: 2 });
    // naive: [7, 7]; snaive: [3, 7]
    expect(f.point).toEqual([5, 7]);
    expect(f.method).toBe('ensemble');
  });
});
