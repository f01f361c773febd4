import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { rocAuc } from './roc-auc.js';

describe('rocAuc', () => {
  it("matches scikit-learn's roc_auc_score", () => {
    // sklearn docs: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) = 0.75
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBeCloseTo(0.75, 12);
    // by pair counting: positives {0.5, 0.9, 0.5} vs negatives {0.5, 0.1} win 5 of 6 pairs (ties ½) → 5/6
    expect(rocAuc([0.5, 0.5, 0.9, 0.1, 0.5], [1, 0, 1, 0, 1])).toBeCloseTo(0.8333333333333334, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 for constant scores', () => {
    expect(rocAuc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(rocAuc([4, 3, 2, 1], [0, 0, 1, 1])).toBe(0);
    expect(rocAuc([7, 7, 7], [0, 1, 1])).toBe(0.5);
  });

  it('rejects one-class labels, length mismatches and NaN', () => {
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(InputError);
    expect(() => rocAuc([1, 2], [1])).toThrow(/2 scores but 1 labels/);
    expect(() => rocAuc([1, Number.NaN], [0, 1])).toThrow(/index 1/);
  });
});
