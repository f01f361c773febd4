import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { tfidfKeywords } from './tfidf-keywords.js';

/*
 * Reference values computed by hand in Python (numpy only; the formulas of scikit-learn's
 * TfidfVectorizer(smooth_idf=True, norm='l2')):
 *
 *   idf = lambda df: math.log((1 + N) / (1 + df)) + 1
 *   for d in docs: w = {t: d.count(t) * idf(df[t])}; w /= ||w||; total[t] += w[t]
 *   score = total / N
 */
describe('tfidfKeywords', () => {
  it('matches the hand-computed smoothed, L2-normalised TF-IDF means', () => {
    const keywords = tfidfKeywords([
      ['a', 'b'],
      ['a', 'c'],
      ['a', 'b'],
    ]);
    expect(keywords.map((keyword) => keyword.term)).toEqual(['a', 'b', 'c']);
    expect(keywords[0]?.score).toBeCloseTo(0.5784177981427566, 14);
    expect(keywords[1]?.score).toBeCloseTo(0.526537952710727, 14);
    expect(keywords[2]?.score).toBeCloseTo(0.2870123319813255, 14);
    expect(keywords.map((keyword) => keyword.df)).toEqual([3, 2, 1]);
  });

  it('adds bigrams and prunes by document share (Chinese terms)', () => {
    const docs = [
      ['物流', '慢', '物流'],
      ['物流', '快'],
      ['价格', '贵', '物流', '慢'],
      ['质量', '好'],
    ];
    const keywords = tfidfKeywords(docs, { ngram: 2, maxDfShare: 0.5, top: 5 });
    // 物流 is in 3 of 4 documents (> 50 %): dropped.
    expect(keywords.map((keyword) => keyword.term)).toEqual(['慢', '物流 慢', '快', '物流 快', '慢 物流']);
    expect(keywords[0]?.score).toBeCloseTo(0.21767998843209613, 14);
    expect(keywords[2]?.score).toBeCloseTo(0.1767766952966369, 14);
    expect(keywords[4]?.score).toBeCloseTo(0.16691963615238498, 14);
  });

  it('applies minDf and handles empty input', () => {
    expect(tfidfKeywords([['a', 'b'], ['a']], { minDf: 2 }).map((keyword) => keyword.term)).toEqual(['a']);
    expect(tfidfKeywords([])).toEqual([]);
    expect(tfidfKeywords([[], []])).toEqual([]);
    expect(() => tfidfKeywords([['a']], { maxDfShare: 0 })).toThrow(InputError);
    expect(() => tfidfKeywords([['a']], { top: -1 })).toThrow(InputError);
  });
});
