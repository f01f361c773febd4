import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { createSentimentLexicons } from '../lexicon/sentiment-lexicon.js';
import { prepareForTest } from '../lexicon/testing/prepare-for-test.js';
import { expandAspectTerms } from './expand-aspect-terms.js';
import { DEFAULT_ASPECT_TAXONOMY } from './taxonomy.js';

const corpus = [
  '中通快递很快，第二天就到了。',
  '这次物流用的中通，速度不错。',
  '中通物流太慢了。',
  '快递是中通，包装完好。',
  '物流信息显示中通已签收。',
  '中通的快递员很负责。',
  '发货用的中通。',
  '拉链质量很差，拉两次就坏了。',
  '质量不错，拉链很顺滑。',
  '做工精细，拉链也结实。',
  '拉链的质量一般。',
  '客服在旺旺上回复很及时。',
  '旺旺联系客服，半天不回。',
  '旺旺上问了客服，态度很好。',
  '今天天气不错，心情很好。',
  '我给妈妈买了一件衣服。',
  '衣服颜色很好看，妈妈很喜欢。',
  'UPS delivery was fast.',
  'The UPS courier left it at the door.',
  'Shipping with UPS took two days.',
].map((text) => prepareForTest(text));

describe('expandAspectTerms', () => {
  const candidates = expandAspectTerms(corpus, DEFAULT_ASPECT_TAXONOMY, { minCount: 3, topK: 5 });

  it('proposes words that co-occur with the seed terms of an aspect', () => {
    expect(candidates.logistics?.map((c) => c.term)).toContain('中通');
    expect(candidates.logistics?.map((c) => c.term)).toContain('ups');
    expect(candidates.quality?.map((c) => c.term)).toContain('拉链');
    expect(candidates.service?.map((c) => c.term)).toContain('旺旺');
    expect(Object.keys(candidates)).toEqual(DEFAULT_ASPECT_TAXONOMY.aspects.map((a) => a.key));
  });

  it('excludes seed terms, opinion words, stop words and rare words; scores are NPMI in (0, 1]', () => {
    const lexicon = createSentimentLexicons();
    const all = Object.values(candidates).flat();
    for (const { term, score } of all) {
      expect(lexicon.zh.terms.get(term) ?? 0).toBe(0);
      expect(lexicon.en.terms.get(term) ?? 0).toBe(0);
      expect(['物流', '快递', '质量', '客服', '的', 'the']).not.toContain(term);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
    expect(all.map((c) => c.term)).not.toContain('衣服');
    for (const list of Object.values(candidates)) {
      const scores = list.map((c) => c.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('honours minCount and topK and validates them', () => {
    const strict = expandAspectTerms(corpus, DEFAULT_ASPECT_TAXONOMY, { minCount: 5 });
    expect(strict.logistics?.map((c) => c.term)).toContain('中通');
    expect(strict.quality?.map((c) => c.term)).not.toContain('拉链');
    const one = expandAspectTerms(corpus, DEFAULT_ASPECT_TAXONOMY, { minCount: 1, topK: 1 });
    for (const list of Object.values(one)) expect(list.length).toBeLessThanOrEqual(1);
    expect(() => expandAspectTerms(corpus, DEFAULT_ASPECT_TAXONOMY, { minCount: 0 })).toThrow(InputError);
    expect(() => expandAspectTerms(corpus, DEFAULT_ASPECT_TAXONOMY, { topK: 1.5 })).toThrow(InputError);
    expect(expandAspectTerms([], DEFAULT_ASPECT_TAXONOMY).price).toEqual([]);
  });
});
