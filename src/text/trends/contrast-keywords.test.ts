import { describe, expect, it } from 'vitest';
import { contrastKeywords } from './contrast-keywords.js';

/*
 * Reference values computed by hand in Python (Monroe, Colaresi & Quinn 2008, eq. 22, pooled prior):
 *
 *   al = a0 * (yt[w] + yb[w]) / (nt + nb); tp = yt[w] + al; bp = yb[w] + al
 *   delta = log(tp / (nt + a0 - tp)) - log(bp / (nb + a0 - bp)); z = delta / sqrt(1/tp + 1/bp)
 *   lift = (tp / (nt + a0)) / (bp / (nb + a0))
 */
describe('contrastKeywords', () => {
  it('matches the hand-computed log-odds with an informative Dirichlet prior', () => {
    const keywords = contrastKeywords([['a', 'a', 'b']], [['a', 'b', 'b', 'c']], { priorStrength: 7 });
    expect(keywords).toHaveLength(1); // b is under-represented (z < 0), c absent from the target
    const [a] = keywords;
    expect(a?.term).toBe('a');
    expect(a?.logOddsRatio).toBeCloseTo(0.5596157879354228, 14);
    expect(a?.score).toBeCloseTo(0.8342259620704746, 14);
    expect(a?.lift).toBeCloseTo(1.375, 14);
    expect(a?.targetCount).toBe(2);
    expect(a?.backgroundCount).toBe(1);
    const all = contrastKeywords([['a', 'a', 'b']], [['a', 'b', 'b', 'c']], {
      priorStrength: 7,
      minZ: -Infinity,
    });
    expect(all[1]?.score).toBeCloseTo(-0.33264276631952383, 14);
  });

  it('ranks by z-score: a frequent shift beats a rare large ratio', () => {
    const target = [
      ['物流', '慢', '物流'],
      ['物流', '差'],
    ];
    const background = [
      ['价格', '好'],
      ['物流', '快'],
      ['质量', '好', '价格'],
    ];
    const keywords = contrastKeywords(target, background, { priorStrength: 10 });
    expect(keywords.map((keyword) => keyword.term)).toEqual(['物流', '差', '慢']);
    expect(keywords[0]?.score).toBeCloseTo(1.2174265228766983, 14);
    expect(keywords[0]?.lift).toBeCloseTo(1.6564102564102563, 14);
    expect(keywords[1]?.score).toBeCloseTo(0.7521595456312009, 14);
    expect(keywords[1]?.lift).toBeCloseTo(2.4933333333333336, 14);
  });

  it('finds the planted words of a large target against a large background', () => {
    const background = Array.from({ length: 500 }, (_, i) => [
      '产品',
      i % 2 ? '不错' : '一般',
      `词${i % 50}`,
    ]);
    const target = Array.from({ length: 60 }, (_, i) => [
      '产品',
      '漏水',
      i % 3 ? '售后' : '一般',
      `词${i % 50}`,
    ]);
    const keywords = contrastKeywords(target, background, { minZ: 3 });
    expect(keywords.map((keyword) => keyword.term)).toEqual(['漏水', '售后']);
  });
});
