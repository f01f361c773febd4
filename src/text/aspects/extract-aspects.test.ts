import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { ASPECT_PHRASES_EN, ASPECT_PHRASES_ZH, ASPECTS } from '../../demo/phrases.js';
import { createSentimentLexicons } from '../lexicon/sentiment-lexicon.js';
import { prepareForTest } from '../lexicon/testing/prepare-for-test.js';
import { extractAspects } from './extract-aspects.js';
import { type AspectTaxonomy, compileTaxonomy, DEFAULT_ASPECT_TAXONOMY } from './taxonomy.js';

const lexicons = createSentimentLexicons();
const aspects = (text: string, lang?: 'zh' | 'en') =>
  extractAspects(prepareForTest(text, lang), DEFAULT_ASPECT_TAXONOMY, lexicons);
const summary = (text: string, lang?: 'zh' | 'en') =>
  aspects(text, lang).map((m) => `${m.aspect}:${m.polarity}`);

describe('extractAspects', () => {
  it('价格便宜，但是质量很差 → price positive, quality negative', () => {
    const found = aspects('价格便宜，但是质量很差');
    expect(found.map((m) => [m.aspect, m.polarity, m.opinion])).toEqual([
      ['price', 'positive', '便宜'],
      ['quality', 'negative', '差'],
    ]);
    const doc = prepareForTest('价格便宜，但是质量很差');
    const quality = found[1];
    expect(doc.text.slice(quality?.start, quality?.end)).toBe('质量');
    expect(quality?.score).toBeLessThan(-0.5);
  });

  it('English: opinion before or after the term, negation and intensifiers applied', () => {
    expect(summary('Excellent quality and the delivery was slow.', 'en')).toEqual([
      'quality:positive',
      'logistics:negative',
    ]);
    expect(summary('The customer service was not helpful.', 'en')).toEqual(['service:negative']);
    const strong = aspects('The price is very reasonable.', 'en')[0];
    const plain = aspects('The price is reasonable.', 'en')[0];
    expect(strong?.score).toBeGreaterThan(plain?.score ?? 1);
  });

  it('opinion-bearing aspect terms carry their own polarity (便宜, 贵, overpriced, broke)', () => {
    expect(summary('太贵了')).toEqual(['price:negative']);
    expect(summary('比专柜便宜不少')).toEqual(['price:positive']);
    expect(summary('不便宜')).toEqual(['price:negative']);
    expect(summary('Overpriced.', 'en')).toEqual(['price:negative']);
    expect(summary('It broke within a week.', 'en')).toEqual(['quality:negative']);
  });

  it('an aspect without an opinion nearby is neutral with score 0; opinions do not cross commas', () => {
    expect(aspects('大概四五天到货')).toMatchObject([{ aspect: 'logistics', polarity: 'neutral', score: 0 }]);
    expect(summary('很满意，物流信息在这里')).toEqual(['logistics:neutral']);
    expect(aspects('The parcel came on Tuesday.', 'en')[0]).not.toHaveProperty('opinion');
  });

  it('prefers the longest term across aspects (味道很大 → quality, 味道 → taste)', () => {
    expect(summary('味道很大，不敢用')).toEqual(['quality:negative']);
    expect(summary('味道很好')).toEqual(['taste:positive']);
    expect(summary('快递员态度不好')[0]).toBe('logistics:negative');
  });

  it('covers the demo phrase banks: every positive and negative phrase gets its aspect and polarity', () => {
    const misses: string[] = [];
    let polar = 0;
    let neutralHits = 0;
    let neutralTotal = 0;
    for (const [lang, bank] of [
      ['zh', ASPECT_PHRASES_ZH],
      ['en', ASPECT_PHRASES_EN],
    ] as const)
      for (const aspect of ASPECTS)
        for (const polarity of ['positive', 'negative', 'neutral'] as const)
          for (const phrase of bank[aspect][polarity]) {
            const mention = aspects(phrase, lang).find((m) => m.aspect === aspect);
            if (polarity === 'neutral') {
              neutralTotal++;
              if (mention) neutralHits++;
              continue;
            }
            polar++;
            if (mention?.polarity !== polarity) misses.push(`${lang} ${aspect}/${polarity}: ${phrase}`);
          }
    console.log(
      `demo phrases: ${polar - misses.length}/${polar} polar phrases recovered; aspect found in ${neutralHits}/${neutralTotal} neutral phrases`,
      misses,
    );
    expect(misses).toEqual([]);
    expect(neutralHits).toBeGreaterThanOrEqual(neutralTotal - 1);
  });

  it('returns nothing for other languages and validates the taxonomy', () => {
    const doc = { ...prepareForTest('价格便宜'), lang: 'other' as const };
    expect(extractAspects(doc, DEFAULT_ASPECT_TAXONOMY, lexicons)).toEqual([]);
    expect(() => compileTaxonomy({ aspects: [] })).toThrow(InputError);
    const repeated: AspectTaxonomy = {
      aspects: [
        { key: 'a', label: { en: 'A', zh: '甲' }, terms: { en: ['x'], zh: [] } },
        { key: 'a', label: { en: 'B', zh: '乙' }, terms: { en: ['y'], zh: [] } },
      ],
    };
    expect(() => compileTaxonomy(repeated)).toThrow(InputError);
  });

  it('uses a custom taxonomy', () => {
    const taxonomy: AspectTaxonomy = {
      aspects: [
        {
          key: 'screen',
          label: { en: 'Screen', zh: '屏幕' },
          terms: { en: ['display'], zh: ['屏幕', '显示屏'] },
        },
      ],
    };
    const found = extractAspects(prepareForTest('显示屏非常清晰'), taxonomy, lexicons);
    expect(found).toMatchObject([{ aspect: 'screen', term: '显示屏', polarity: 'positive' }]);
  });
});
