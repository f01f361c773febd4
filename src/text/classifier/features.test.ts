import { describe, expect, it } from 'vitest';
import {
  applyIdfAndNormalise,
  fitIdf,
  hashedCounts,
  resolveFeatureSpec,
  termFrequencies,
} from './hashed-features.js';
import { murmurHash3String } from './murmur-hash.js';

describe('murmurHash3 (x86, 32-bit)', () => {
  it('matches the published test vectors and scikit-learn’s murmurhash3_32', () => {
    // SMHasher / Wikipedia vectors; the last three from
    // /usr/bin/python3 -c "from sklearn.utils import murmurhash3_32 as m; print(hex(m('好评'.encode(), seed=1, positive=True)))"
    expect(murmurHash3String('', 0)).toBe(0);
    expect(murmurHash3String('', 1)).toBe(0x514e28b7);
    expect(murmurHash3String('The quick brown fox jumps over the lazy dog', 0)).toBe(0x2e4ff723);
    expect(murmurHash3String('hello', 0)).toBe(0x248bfa47);
    expect(murmurHash3String('好评', 0)).toBe(0x3a31a2fc);
    expect(murmurHash3String('好评', 1)).toBe(0xe1c93c91);
  });
});

describe('hashed n-gram features', () => {
  const wordsOnly = resolveFeatureSpec({ word: [1, 2], char: [0, 0], buckets: 1024 });

  it('puts word n-grams where scikit-learn’s HashingVectorizer does, signs included', () => {
    // /usr/bin/python3 -c "from sklearn.feature_extraction.text import HashingVectorizer as H;
    //   h = H(n_features=1024, norm=None, alternate_sign=True, ngram_range=(1, 2)); m = h.transform([s]);
    //   print(m.indices, m.data)"
    // 'great' → {412: 1}; 'phone' → {412: −1}; 'terrible' → {270: −1};
    // 'great phone' → {412: 0 (the two cancel), 669: −1}; '好评 物流' → {266: 1, 284: 1, 764: 1}.
    expect([...hashedCounts('great', wordsOnly)]).toEqual([[412, 1]]);
    expect([...hashedCounts('phone', wordsOnly)]).toEqual([[412, -1]]);
    expect([...hashedCounts('Terrible!', wordsOnly)]).toEqual([[270, -1]]);
    expect([...hashedCounts('great phone', wordsOnly)]).toEqual([[669, -1]]);
    expect(new Map(hashedCounts('好评 物流', wordsOnly))).toEqual(
      new Map([
        [266, 1],
        [284, 1],
        [764, 1],
      ]),
    );
  });

  it('counts character n-grams over code points with whitespace collapsed', () => {
    const chars = resolveFeatureSpec({ word: [0, 0], char: [1, 2], buckets: 1 << 20 });
    // "好 好" → 好, ␠, 好, "好␠", "␠好": 5 n-grams, 好 twice; astral emoji are one character.
    const counts = hashedCounts('好   好', chars);
    const total = [...counts.values()].reduce((a, b) => a + Math.abs(b), 0);
    expect(total).toBe(5);
    expect([...hashedCounts('😀', chars).values()].map(Math.abs)).toEqual([1]);
  });

  it('computes smooth-idf TF-IDF with L2 rows as worked by hand', () => {
    // Three documents over words a, b (raw tf): d0 = "aa bb aa" → a:2, b:1; d1 = "bb" → b:1; d2 = "cc" → c:1.
    // idf = ln((1+n)/(1+df)) + 1 with n = 3: a, c (df 1) → ln 2 + 1 = 1.693147; b (df 2) → ln(4/3) + 1 = 1.287682.
    // d0 = (2·1.693147, 1·1.287682) / ‖·‖ = (3.386294, 1.287682) / 3.622862 = (0.934702, 0.355434).
    const spec = resolveFeatureSpec({ word: [1, 1], char: [0, 0], buckets: 1 << 20, vocabulary: 'hashed' });
    const tf = termFrequencies(['aa bb aa', 'bb', 'cc'], spec);
    const idf = fitIdf(tf);
    const bucketOf = (word: string) => [...hashedCounts(word, spec).keys()][0] as number;
    expect(idf[bucketOf('aa')]).toBeCloseTo(1.693147, 5);
    expect(idf[bucketOf('bb')]).toBeCloseTo(1.287682, 5);
    expect(idf[0]).toBeCloseTo(Math.log(4) + 1, 5); // an unseen bucket
    const rows = applyIdfAndNormalise(tf, idf);
    const row0 = new Map<number, number>();
    for (let k = rows.rowStart[0] as number; k < (rows.rowStart[1] as number); k++)
      row0.set(rows.indices[k] as number, Math.abs(rows.values[k] as number));
    expect(row0.get(bucketOf('aa'))).toBeCloseTo(0.934702, 5);
    expect(row0.get(bucketOf('bb'))).toBeCloseTo(0.355434, 5);
    expect(rows.rowStart[3]).toBe(4);
  });

  it('applies sublinear tf 1 + ln tf', () => {
    const spec = resolveFeatureSpec({
      word: [1, 1],
      char: [0, 0],
      buckets: 1024,
      sublinearTf: true,
      vocabulary: 'hashed',
    });
    const tf = termFrequencies(['aa aa aa aa'], spec);
    expect(Math.abs(tf.values[0] as number)).toBeCloseTo(1 + Math.log(4), 6);
  });

  it('rejects bad specs', () => {
    expect(() => resolveFeatureSpec({ buckets: 1000 })).toThrow(/power of two/);
    expect(() => resolveFeatureSpec({ word: [2, 1] })).toThrow(/word n-gram range/);
    expect(() => resolveFeatureSpec({ word: [0, 0], char: [0, 0] })).toThrow(/word or character/);
  });
});
