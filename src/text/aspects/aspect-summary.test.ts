import { describe, expect, it } from 'vitest';
import type { AspectMention, Polarity } from '../types.js';
import { aspectSummary, pearson } from './aspect-summary.js';

const mention = (aspect: string, polarity: Polarity): AspectMention => ({
  aspect,
  term: aspect,
  start: 0,
  end: 1,
  polarity,
  score: polarity === 'positive' ? 0.5 : polarity === 'negative' ? -0.5 : 0,
});

const groupA = [
  {
    group: 'A',
    rating: 5,
    aspects: [mention('price', 'positive'), mention('quality', 'positive'), mention('service', 'positive')],
  },
  {
    group: 'A',
    rating: 4,
    aspects: [mention('price', 'positive'), mention('quality', 'negative'), mention('service', 'positive')],
  },
  { group: 'A', rating: 1, aspects: [mention('price', 'negative'), mention('quality', 'negative')] },
  { group: 'A', rating: 2, aspects: [mention('price', 'negative')] },
  { group: 'A', rating: 3, aspects: [mention('price', 'neutral')] },
];

describe('aspectSummary', () => {
  const [a, b] = aspectSummary([...groupA, { group: 'B', aspects: [mention('logistics', 'negative')] }]);

  it('counts mentions and polarity per group and aspect', () => {
    expect(a?.group).toBe('A');
    expect(a?.documents).toBe(5);
    const price = a?.aspects.find((s) => s.aspect === 'price');
    expect(price).toMatchObject({
      mentions: 5,
      documents: 5,
      positive: 2,
      negative: 2,
      neutral: 1,
      netSentiment: 0,
    });
    expect(price?.meanScore).toBeCloseTo(0, 12);
    expect(a?.aspects.map((s) => s.aspect)).toEqual(['price', 'quality', 'service']);
    expect(b).toMatchObject({
      group: 'B',
      documents: 1,
      negativeDrivers: ['logistics'],
      positiveDrivers: [],
    });
  });

  it('correlates document aspect polarity with the rating (Pearson / point-biserial)', () => {
    // numpy: np.corrcoef([1, 1, -1, -1, 0], [5, 4, 1, 2, 3])[0, 1] = 0.9486832980505138
    expect(a?.aspects.find((s) => s.aspect === 'price')?.ratingCorrelation).toBeCloseTo(
      0.9486832980505138,
      12,
    );
    // numpy: np.corrcoef([1, -1, -1], [5, 4, 1])[0, 1] = 0.6933752452815364
    expect(a?.aspects.find((s) => s.aspect === 'quality')?.ratingCorrelation).toBeCloseTo(
      0.6933752452815364,
      12,
    );
    // two rated documents only → undefined
    expect(a?.aspects.find((s) => s.aspect === 'service')?.ratingCorrelation).toBeNull();
    expect(b?.aspects[0]?.ratingCorrelation).toBeNull();
  });

  it('ranks satisfaction drivers: strengths and pain points', () => {
    expect(a?.positiveDrivers).toEqual(['service']);
    expect(a?.negativeDrivers).toEqual(['quality']);
    const quality = a?.aspects.find((s) => s.aspect === 'quality');
    expect(quality?.driverScore).toBeCloseTo((-1 / 3) * (3 / 5) * 0.6933752452815364, 12);
  });

  it('codes a document by the sign of its mentions, groups default to "all", empty input → []', () => {
    const [all] = aspectSummary([
      { rating: 5, aspects: [mention('price', 'positive'), mention('price', 'negative')] },
      { rating: 1, aspects: [mention('price', 'negative')] },
      { rating: 4, aspects: [mention('price', 'positive')] },
      { rating: null, aspects: [] },
    ]);
    expect(all?.group).toBe('all');
    expect(all?.documents).toBe(4);
    const price = all?.aspects[0];
    expect(price).toMatchObject({ mentions: 4, documents: 3, ratedDocuments: 3 });
    // numpy: np.corrcoef([0, -1, 1], [5, 1, 4])[0, 1] = 0.720576692122892
    expect(price?.ratingCorrelation).toBeCloseTo(0.720576692122892, 12);
    expect(aspectSummary([])).toEqual([]);
  });

  it('pearson handles constant and short inputs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2], [1, 2])).toBeNull();
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
  });
});
