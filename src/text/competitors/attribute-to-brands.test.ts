import { describe, expect, it } from 'vitest';
import type { AspectMention } from '../types.js';
import { attributeToBrands } from './attribute-to-brands.js';
import { type BrandEntry, brandMentions } from './brand-mentions.js';
import { prepareForTest } from './prepared-text.fixture.js';

// biome-ignore format: data table
const BRANDS: readonly BrandEntry[] = [
  { key: 'larkspur', ours: true, names: { en: ['Larkspur'], zh: ['云雀', '云雀家'] } },
  { key: 'fernhill', names: { en: ['Fernhill'], zh: ['蕨山'] } },
  { key: 'nordvik', names: { en: ['Nordvik'], zh: ['诺维克'] } },
];

/** A hand-placed aspect mention on the first occurrence of `term` (what the aspect extractor would give). */
function aspectAt(text: string, aspect: string, term: string, score: number, from = 0): AspectMention {
  const start = text.indexOf(term, from);
  if (start < 0) throw new Error(`"${term}" not in "${text}"`);
  const polarity = score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
  return { aspect, term, start, end: start + term.length, polarity, score };
}

describe('attributeToBrands', () => {
  it('gives each clause its own brand: 云雀的质量很好，但是蕨山的物流太慢', () => {
    const text = '云雀的质量很好，但是蕨山的物流太慢。';
    const doc = prepareForTest(text);
    expect(doc.sentences.length).toBe(2);
    const aspects = [aspectAt(text, 'quality', '质量', 0.8), aspectAt(text, 'logistics', '物流', -0.7)];
    expect(attributeToBrands(doc, brandMentions(doc.text, BRANDS), aspects)).toEqual([
      { brand: 'larkspur', aspect: 'quality', score: 0.8 },
      { brand: 'fernhill', aspect: 'logistics', score: -0.7 },
    ]);
  });

  it('uses the nearest brand before the term when a clause names two, and carries a brand into later sentences', () => {
    const text = 'Larkspur has great quality, Nordvik has slow delivery. The packaging was torn too.';
    const doc = prepareForTest(text);
    const aspects = [
      aspectAt(text, 'quality', 'quality', 0.6),
      aspectAt(text, 'logistics', 'delivery', -0.5),
      aspectAt(text, 'packaging', 'packaging', -0.4),
    ];
    expect(attributeToBrands(doc, brandMentions(doc.text, BRANDS), aspects).map((a) => a.brand)).toEqual([
      'larkspur',
      'nordvik',
      'nordvik',
    ]);
  });

  it('looks after the term within the clause, then falls back to the given brand or drops the opinion', () => {
    const text = '物流很快，是云雀家的。包装也不错';
    const doc = prepareForTest(text);
    const aspects = [aspectAt(text, 'logistics', '物流', 0.5), aspectAt(text, 'packaging', '包装', 0.3)];
    expect(attributeToBrands(doc, brandMentions(text, BRANDS), aspects).map((a) => a.brand)).toEqual([
      'larkspur',
      'larkspur',
    ]);
    const plain = prepareForTest('物流很快');
    const only = [aspectAt('物流很快', 'logistics', '物流', 0.5)];
    expect(attributeToBrands(plain, [], only)).toEqual([]);
    expect(attributeToBrands(plain, [], only, 'fernhill')).toEqual([
      { brand: 'fernhill', aspect: 'logistics', score: 0.5 },
    ]);
  });
});
