import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { benjaminiHochbergAdjust, holmAdjust } from './corrections.js';

// python3 -c "from statsmodels.stats.multitest import multipletests as m; p=[0.5,0.02,0.02,0.9,0.0001];
//   print(m(p, method='holm')[1], m(p, method='fdr_bh')[1])"
describe('p-value corrections vs statsmodels multipletests', () => {
  it('Holm, with ties and capping at 1, in input order', () => {
    const adjusted = holmAdjust([0.5, 0.02, 0.02, 0.9, 0.0001]);
    const expected = [1, 0.08, 0.08, 1, 0.0005];
    for (const [index, value] of adjusted.entries()) expect(value).toBeCloseTo(expected[index] as number, 15);
  });

  it('Benjamini–Hochberg, monotone step-up', () => {
    const adjusted = benjaminiHochbergAdjust([0.5, 0.02, 0.02, 0.9, 0.0001]);
    const expected = [0.625, 0.03333333333333333, 0.03333333333333333, 0.9, 0.0005];
    for (const [index, value] of adjusted.entries()) expect(value).toBeCloseTo(expected[index] as number, 15);
  });

  it('empty and single inputs; input not mutated', () => {
    expect(holmAdjust([])).toEqual([]);
    expect(benjaminiHochbergAdjust([0.3])).toEqual([0.3]);
    const input = [0.04, 0.01];
    holmAdjust(input);
    expect(input).toEqual([0.04, 0.01]);
  });

  it('p-values outside [0, 1] or NaN throw', () => {
    expect(() => holmAdjust([0.1, Number.NaN])).toThrow(InputError);
    expect(() => benjaminiHochbergAdjust([1.2])).toThrow(InputError);
  });
});
