import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import {
  applyColumnTransform,
  fitColumnTransform,
  invertColumnTransform,
  robustScale,
} from './robust-scaling.js';

/*
 * Skewness references: scipy 1.10.1 (Debian), scipy.stats.skew(v) (bias=True):
 *   skew([1, 2, 3, 4, 100])                  # 1.4975367033335198
 *   skew([0, 0, 0, 1, 5, 20, 3, 2, 0, 9])     # 1.8194444444444444
 *   skew([5, 4, 3, 2, -10])                   # -1.3771164419941513
 * Quantiles: numpy.quantile(np.log1p([1, 2, 3, 4, 100]), [0.25, 0.5, 0.75]) = ln 3, ln 4, ln 5.
 */
const iqrOfNormal = 1.3489795003921634;

describe('fitColumnTransform', () => {
  it('logs a right-skewed non-negative column, then centres by the median and scales by IQR/1.349', () => {
    const t = fitColumnTransform([1, 2, 3, 4, 100], { name: 'spend' });
    expect(t.name).toBe('spend');
    expect(t.skewness).toBeCloseTo(1.4975367033335198, 13);
    expect(t.log).toBe(true);
    expect(t.center).toBeCloseTo(Math.log(4), 14);
    expect(t.scale).toBeCloseTo((Math.log(5) - Math.log(3)) / iqrOfNormal, 14);
    expect(t.scaleMethod).toBe('iqr');
    expect(fitColumnTransform([0, 0, 0, 1, 5, 20, 3, 2, 0, 9]).skewness).toBeCloseTo(1.8194444444444444, 13);
  });

  it('leaves symmetric and left-skewed columns unlogged; honours forced choices', () => {
    const symmetric = fitColumnTransform([1, 2, 3, 4, 5]);
    expect(symmetric).toMatchObject({ log: false, skewness: 0, center: 3, scaleMethod: 'iqr' });
    expect(symmetric.scale).toBeCloseTo(2 / iqrOfNormal, 14);
    const left = fitColumnTransform([5, 4, 3, 2, -10]);
    expect(left.skewness).toBeCloseTo(-1.3771164419941513, 13);
    expect(left.log).toBe(false);
    expect(fitColumnTransform([1, 2, 3, 4, 100], { log: 'never' }).log).toBe(false);
    expect(fitColumnTransform([1, 2, 3, 4, 5], { log: 'always' }).log).toBe(true);
    expect(fitColumnTransform([1, 2, 3, 4, 100], { skewThreshold: 2 }).log).toBe(false);
    expect(() => fitColumnTransform([-1, 2], { log: 'always', name: 'x' })).toThrow(
      /x: log scaling needs values ≥ 0/,
    );
  });

  it('falls back from IQR to the standard deviation to 1 (MAD: see the note in robust-scaling.ts)', () => {
    const mostlyZero = fitColumnTransform([0, 0, 0, 0, 0, 0, 0, 0, 1, 1], { log: 'never' });
    expect(mostlyZero.scaleMethod).toBe('standard-deviation');
    expect(mostlyZero.scale).toBeCloseTo(Math.sqrt(1.6 / 9), 14);
    const mostlyTwo = fitColumnTransform([2, 2, 2, 2, 2, 3, 1, 2, 2, 2, 7], { log: 'never' });
    expect(mostlyTwo.scaleMethod).toBe('standard-deviation');
    const constant = fitColumnTransform([4, 4, 4]);
    expect(constant).toMatchObject({ log: false, skewness: 0, center: 4, scale: 1, scaleMethod: 'constant' });
    expect(applyColumnTransform(constant, 4)).toBe(0);
    const single = fitColumnTransform([7]);
    expect(single).toMatchObject({ center: 7, scale: 1, scaleMethod: 'constant' });
  });

  it('gives the same transform from a presorted copy', () => {
    const values = [9, 1, 100, 3, 4, 2, 0, 7];
    const sorted = Float64Array.from(values).sort();
    expect(fitColumnTransform(values, { name: 'x' }, sorted)).toEqual(
      fitColumnTransform(values, { name: 'x' }),
    );
  });

  it('inverts back to original units', () => {
    for (const values of [
      [1, 2, 3, 4, 100],
      [5, 4, 3, 2, -10],
      [4, 4, 4],
    ]) {
      const t = fitColumnTransform(values);
      for (const v of values) expect(invertColumnTransform(t, applyColumnTransform(t, v))).toBeCloseTo(v, 10);
    }
  });

  it('rejects empty input and non-finite values, naming the column', () => {
    expect(() => fitColumnTransform([], { name: 'recency' })).toThrow(/recency: no values/);
    expect(() => fitColumnTransform([1, Number.NaN], { name: 'recency' })).toThrow(
      /recency: value 1 is not a finite number/,
    );
    expect(() => fitColumnTransform([1, Number.POSITIVE_INFINITY])).toThrow(InputError);
  });
});

describe('robustScale', () => {
  it('scales columns into a row-major matrix with per-column transforms; constant columns become 0', () => {
    const spend = Float64Array.of(1, 2, 3, 4, 100);
    const flat = Float64Array.of(5, 5, 5, 5, 5);
    const result = robustScale([spend, flat], { names: ['spend', 'flat'] });
    expect(result).toMatchObject({ rows: 5, columns: 2 });
    expect(result.transforms.map((t) => [t.name, t.log, t.scaleMethod])).toEqual([
      ['spend', true, 'iqr'],
      ['flat', false, 'constant'],
    ]);
    const scale = (Math.log(5) - Math.log(3)) / iqrOfNormal;
    expect(result.data[0]).toBeCloseTo((Math.log(2) - Math.log(4)) / scale, 13);
    expect(result.data[2 * 2]).toBeCloseTo((Math.log(4) - Math.log(4)) / scale, 13);
    for (let i = 0; i < 5; i++) expect(result.data[i * 2 + 1]).toBe(0);
    expect(result.data.every(Number.isFinite)).toBe(true);
    expect(Array.from(spend)).toEqual([1, 2, 3, 4, 100]); // not mutated
  });

  it('takes one log choice for all columns or one per column', () => {
    const columns = [
      [1, 2, 3, 4, 100],
      [1, 2, 3, 4, 100],
    ];
    expect(robustScale(columns, { log: 'never' }).transforms.map((t) => t.log)).toEqual([false, false]);
    expect(robustScale(columns, { log: ['never', 'auto'] }).transforms.map((t) => t.log)).toEqual([
      false,
      true,
    ]);
    expect(robustScale(columns).transforms.map((t) => t.name)).toEqual(['column0', 'column1']);
  });

  it('rejects mismatched shapes and bad values', () => {
    expect(() => robustScale([])).toThrow(/at least one column/);
    expect(() => robustScale([[]])).toThrow(/at least one row/);
    expect(() => robustScale([[1, 2], [1]], { names: ['a', 'b'] })).toThrow(
      /column b has 1 values, the first column 2/,
    );
    expect(() => robustScale([[1, 2]], { names: ['a', 'b'] })).toThrow(/2 names for 1 columns/);
    expect(() => robustScale([[1, 2]], { log: ['auto', 'auto'] })).toThrow(/2 log choices/);
    expect(() => robustScale([[1, Number.NaN]], { names: ['frequency'] })).toThrow(/frequency: value 1/);
  });
});
