import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createTextPipeline } from '../pipeline/index.js';
import { aspectSeedTerms, embeddingNeighbourTerms, frequentCandidateTerms } from './embedding-neighbours.js';
import type { AspectTaxonomy } from './taxonomy.js';

const TAXONOMY: AspectTaxonomy = {
  aspects: [
    { key: 'logistics', label: { en: 'Logistics', zh: '物流' }, terms: { en: ['Delivery'], zh: ['快递'] } },
    { key: 'quality', label: { en: 'Quality', zh: '质量' }, terms: { en: ['fabric'], zh: ['面料'] } },
  ],
};

describe('embeddingNeighbourTerms', () => {
  // Hand-made 2-d vectors: logistics along x, quality along y.
  const embeddings = new Map<string, number[]>([
    ['快递', [1, 0]],
    ['delivery', [0.8, 0.6]],
    ['面料', [0, 1]],
    ['fabric', [0, 2]],
    ['快递员', [0.9, 0.1]], // cos to 快递 = 0.9 / √0.82 = 0.99388
    ['courier', [0.6, 0.8]], // cos to delivery = 0.48 + 0.48 = 0.96; to fabric 0.8
    ['stitching', [0.1, 0.9]], // cos to 面料 = 0.9 / √0.82 = 0.99388
    ['weather', [-1, 0]], // far from every seed
    ['zero', [0, 0]],
  ]);

  it('puts each candidate under the aspect of its nearest seed, with that seed and the cosine', () => {
    const result = embeddingNeighbourTerms(
      TAXONOMY,
      ['快递员', 'courier', 'stitching', 'weather', 'zero', 'missing', '快递'],
      embeddings,
    );
    expect(Object.keys(result)).toEqual(['logistics', 'quality']);
    expect(result.logistics?.map((t) => t.term)).toEqual(['快递员', 'courier']);
    expect(result.logistics?.[0]?.score).toBeCloseTo(0.9 / Math.sqrt(0.82), 12);
    expect(result.logistics?.[0]?.seed).toBe('快递');
    expect(result.logistics?.[1]).toMatchObject({ seed: 'delivery' });
    expect(result.logistics?.[1]?.score).toBeCloseTo(0.96, 12);
    // fabric and 面料 point the same way: on a tie the first seed (taxonomy order, en before zh) is named.
    expect(result.quality).toEqual([
      { term: 'stitching', score: expect.closeTo(0.9 / Math.sqrt(0.82), 12), seed: 'fabric' },
    ]);
  });

  it('honours minSimilarity and topK', () => {
    const strict = embeddingNeighbourTerms(TAXONOMY, ['快递员', 'courier', 'stitching'], embeddings, {
      minSimilarity: 0.97,
      topK: 1,
    });
    expect(strict.logistics?.map((t) => t.term)).toEqual(['快递员']);
    expect(strict.quality?.map((t) => t.term)).toEqual(['stitching']);
  });

  it('rejects mixed lengths, non-finite values and bad options', () => {
    expect(() =>
      embeddingNeighbourTerms(
        TAXONOMY,
        ['x'],
        new Map([
          ['快递', [1, 0]],
          ['x', [1, 0, 0]],
        ]),
      ),
    ).toThrow(/one length/);
    expect(() =>
      embeddingNeighbourTerms(
        TAXONOMY,
        ['x'],
        new Map([
          ['快递', [1, 0]],
          ['x', [Number.NaN, 0]],
        ]),
      ),
    ).toThrow(/not finite/);
    expect(() => embeddingNeighbourTerms(TAXONOMY, [], embeddings, { topK: 0 })).toThrow(InputError);
    expect(() => embeddingNeighbourTerms(TAXONOMY, [], embeddings, { minSimilarity: 2 })).toThrow(
      /minSimilarity/,
    );
    expect(embeddingNeighbourTerms(TAXONOMY, ['a'], new Map())).toEqual({ logistics: [], quality: [] });
  });
});

describe('frequentCandidateTerms and aspectSeedTerms', () => {
  const pipeline = createTextPipeline();
  const texts = [
    '快递员很慢，包裹到了驿站。',
    '快递员态度好，驿站方便。',
    '快递员送货上门。',
    'The courier was late and the parcel was wet.',
    'Courier left the parcel at the door.',
    'Our courier was friendly, the parcel was fine.',
    'The fabric is great.',
  ];
  const docs = texts.map((t) => pipeline.prepare(t));

  it('lists words in enough documents, most frequent first, without seeds, stop words or opinion words', () => {
    const terms = frequentCandidateTerms(docs, TAXONOMY, { minDocuments: 2 });
    const names = terms.map((t) => t.term);
    expect(names).toContain('courier');
    expect(names).toContain('parcel');
    expect(names).toContain('驿站');
    expect(names).not.toContain('fabric'); // a seed term
    expect(names).not.toContain('the'); // a stop word
    expect(names).not.toContain('great'); // an opinion word, and in one document only
    expect(terms.find((t) => t.term === '驿站')).toEqual({ term: '驿站', lang: 'zh', documents: 2 });
    expect(terms.find((t) => t.term === 'courier')).toEqual({ term: 'courier', lang: 'en', documents: 3 });
    for (let i = 1; i < terms.length; i++)
      expect((terms[i - 1]?.documents ?? 0) >= (terms[i]?.documents ?? 0)).toBe(true);
    expect(frequentCandidateTerms(docs, TAXONOMY, { minDocuments: 2, maxTerms: 1 })).toHaveLength(1);
    expect(() => frequentCandidateTerms(docs, TAXONOMY, { minDocuments: 0 })).toThrow(InputError);
  });

  it('gives the seed terms lower-cased and once each', () => {
    expect(aspectSeedTerms(TAXONOMY)).toEqual(['delivery', '快递', 'fabric', '面料']);
  });
});
