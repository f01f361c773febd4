import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { textRankKeywords } from './textrank-keywords.js';

/*
 * Hand-checked graphs: with d = 0.85 the TextRank scores solve WS = 0.15 + 0.85 · Σ WS(j)/deg(j).
 * - star a–{b, c, d}: a = 0.15 + 2.55·b, b = 0.15 + 0.85·a/3 → b = 0.1925/0.2775 = 0.693694, a = 1.918919
 * - path a–b–c: b = 0.15 + 1.7·a, a = 0.15 + 0.425·b → a = 0.21375/0.2775 = 0.770270, b = 1.459459
 * - path a–b–c–d: ends e = 0.15 + 0.425·m, middles m = 0.15 + 0.85·e + 0.425·m → m = 0.2775/0.21375 = 1.298246,
 *   e = 0.701754
 */
describe('textRankKeywords', () => {
  it('scores a star co-occurrence graph (window 2)', () => {
    const keywords = textRankKeywords(['a', 'b', 'a', 'c', 'a', 'd'], { top: 4 });
    expect(keywords.map((keyword) => keyword.term)).toEqual(['a', 'b', 'c', 'd']);
    expect(keywords[0]?.score).toBeCloseTo(0.15 + 2.55 * (0.1925 / 0.2775), 5);
    expect(keywords[1]?.score).toBeCloseTo(0.1925 / 0.2775, 5);
    expect(keywords.reduce((sum, keyword) => sum + keyword.score, 0)).toBeCloseTo(4, 5);
    // Default top: ⌈V/3⌉ as in the paper.
    expect(textRankKeywords(['a', 'b', 'a', 'c', 'a', 'd'])).toHaveLength(2);
  });

  it('scores paths, and a window of 3 links terms two apart', () => {
    const path = textRankKeywords(['物流', '快递', '包装'], { top: 3 });
    expect(path[0]).toEqual({ term: '快递', score: expect.closeTo(1.459459, 5) });
    expect(path[1]?.score).toBeCloseTo(0.77027, 5);
    const long = textRankKeywords(['a', 'b', 'c', 'd'], { top: 4 });
    expect(long.map((keyword) => keyword.term)).toEqual(['b', 'c', 'a', 'd']);
    expect(long[0]?.score).toBeCloseTo(0.2775 / 0.21375, 5);
    expect(long[3]?.score).toBeCloseTo(0.15 + 0.425 * (0.2775 / 0.21375), 5);
    // Window 3 over a, b, c makes a triangle: every vertex scores 1.
    for (const keyword of textRankKeywords(['a', 'b', 'c'], { window: 3, top: 3 }))
      expect(keyword.score).toBeCloseTo(1, 6);
  });

  it('ranks the hub terms of the paper’s abstract first (Mihalcea & Tarau 2004, Figure 2 text)', () => {
    // Nouns and adjectives of the paper's example abstract, in order (its syntactic filter by hand).
    const tokens =
      'compatibility systems linear constraints set natural numbers criteria compatibility system linear diophantine equations strict inequations nonstrict inequations upper bounds components minimal set solutions algorithms construction minimal generating sets solutions types systems criteria corresponding algorithms minimal supporting set solutions types systems systems mixed types'.split(
        ' ',
      );
    const top = textRankKeywords(tokens).map((keyword) => keyword.term);
    expect(top).toHaveLength(Math.ceil(new Set(tokens).size / 3));
    for (const term of ['minimal', 'set', 'systems', 'inequations', 'linear']) expect(top).toContain(term);
    expect(top).not.toContain('mixed');
  });

  it('handles empty and single-term input, rejects bad options', () => {
    expect(textRankKeywords([])).toEqual([]);
    expect(textRankKeywords(['好'])).toEqual([{ term: '好', score: expect.closeTo(0.15, 10) }]);
    expect(() => textRankKeywords(['a'], { window: 1 })).toThrow(InputError);
    expect(() => textRankKeywords(['a'], { damping: 1 })).toThrow(InputError);
  });
});
