import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { binValues } from './bin-values.js';

describe('binValues', () => {
  it('splits [min, max] into equal-width bins, the last one closed', () => {
    expect(binValues([1, 2, 2, 3], { binCount: 2 })).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 3 },
    ]);
  });

  it("uses Sturges' rule by default and keeps every value", () => {
    const values = Array.from({ length: 100 }, (_, index) => index);
    const bins = binValues(values);
    expect(bins).toHaveLength(8); // ceil(log2 100) + 1
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(100);
    expect(bins[0]?.from).toBe(0);
    expect(bins.at(-1)?.to).toBe(99);
  });

  it('handles empty and constant samples', () => {
    expect(binValues([])).toEqual([]);
    expect(binValues([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
  });

  it('rejects non-finite values and bad bin counts', () => {
    expect(() => binValues([1, Number.NaN])).toThrow(/values\[1\]/);
    expect(() => binValues([1, 2], { binCount: 0 })).toThrow(InputError);
    expect(() => binValues([1, 2], { binCount: 1.5 })).toThrow(/binCount/);
  });
});
