import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import type { PreparedText } from '../types.js';
import { createLexiconEngine } from './lexicon-engine.js';
import { findOpinionUnits } from './opinion-units.js';
import { createSentimentLexicons } from './sentiment-lexicon.js';
import { LABELLED_EN, LABELLED_ZH } from './testing/labelled-sentences.js';
import { prepareForTest } from './testing/prepare-for-test.js';

const engine = createLexiconEngine();
const score = (text: string, lang?: 'zh' | 'en') => engine.analyze(prepareForTest(text, lang));

describe('lexicon engine: negation', () => {
  it('不好 is negative, 不错 is a positive word (not 不 + 错)', () => {
    expect(score('不好').label).toBe('negative');
    expect(score('不错').label).toBe('positive');
    expect(score('质量不错').score).toBeGreaterThan(0.3);
  });

  it('没有问题 is not negative; 问题 alone is', () => {
    expect(['positive', 'neutral']).toContain(score('没有问题').label);
    expect(score('没有任何问题').score).toBeGreaterThanOrEqual(0);
    expect(score('有问题').label).toBe('negative');
  });

  it('not bad is positive, not good is negative, also with contractions', () => {
    expect(score('not bad', 'en').label).toBe('positive');
    expect(score('not good', 'en').label).toBe('negative');
    expect(score('It is not very good.', 'en').label).toBe('negative');
    expect(score("I don't like it.", 'en').label).toBe('negative');
    expect(score('I do not like it.', 'en').label).toBe('negative');
  });

  it('negation reaches 3 tokens back but not across a comma', () => {
    expect(score('不推荐购买').label).toBe('negative');
    expect(score('不是很满意').label).toBe('negative');
    expect(score('不，很满意').label).toBe('positive');
  });

  it('"not very good" is milder than "not good"; 很不好 is stronger than 不好', () => {
    expect(score('不太好').score).toBeGreaterThan(score('不好').score);
    expect(score('不太好').score).toBeLessThan(0);
    expect(score('很不好').score).toBeLessThan(score('不好').score);
    expect(score('not very good', 'en').score).toBeGreaterThan(score('not good at all', 'en').score);
  });

  it('没有想象中那么差 (comparative) is mildly positive', () => {
    expect(score('没有想象中那么差').label).toBe('positive');
    expect(score('没有宣传的那么好').label).toBe('negative');
  });
});

describe('lexicon engine: intensifiers, contrast, emphasis', () => {
  it('orders 非常好 > 很好 > 好 > 有点好 > 0', () => {
    const values = ['非常好', '很好', '好', '有点好'].map((t) => score(t).score);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(new Set(values).size).toBe(4);
    expect(values[3]).toBeGreaterThan(0);
    expect(score('extremely good', 'en').score).toBeGreaterThan(score('good', 'en').score);
    expect(score('slightly good', 'en').score).toBeLessThan(score('good', 'en').score);
  });

  it('handles fused tokens: 很差 / 太慢 / 好贵 are intensified negatives', () => {
    expect(score('很差').score).toBeLessThan(score('差').score);
    expect(score('物流太慢了').label).toBe('negative');
    expect(score('好贵').label).toBe('negative');
  });

  it('价格便宜，但是质量很差 is negative overall: the clause after 但是 weighs more', () => {
    const result = score('价格便宜，但是质量很差');
    expect(result.label).toBe('negative');
    expect(score('质量很差，但是价格便宜').label).toBe('positive');
    expect(score('The price is cheap but the quality is awful.', 'en').label).toBe('negative');
    expect(score('虽然价格有点贵，质量还是很好的').label).toBe('positive');
    expect(score('Although it is a bit expensive, the quality is excellent.', 'en').label).toBe('positive');
  });

  it('exclamation marks amplify a little', () => {
    const plain = score('很好').score;
    const loud = score('很好！！').score;
    expect(loud).toBeGreaterThan(plain);
    expect(loud - plain).toBeLessThan(0.15);
  });

  it('matches phrases longest first (客服态度差 as one unit)', () => {
    const doc = prepareForTest('客服态度差');
    const units = findOpinionUnits(doc, createSentimentLexicons().zh);
    expect(units.map((u) => u.term)).toEqual(['客服态度差']);
  });
});

describe('lexicon engine: emoji, unknown language, shape of the result', () => {
  it('emoji count inside a zh / en document', () => {
    expect(score('收到了😊👍').label).toBe('positive');
    expect(score('收到了😡👎').label).toBe('negative');
    expect(score('arrived today :(', 'en').label).toBe('negative');
  });

  it('emoji-only text with lang unknown → unknown, confidence 0', () => {
    const doc = prepareForTest('😊👍🎉');
    expect(doc.lang).toBe('unknown');
    expect(engine.analyze(doc)).toEqual({ label: 'unknown', score: 0, confidence: 0, engine: 'lexicon' });
  });

  it('other languages and empty documents → unknown', () => {
    const other: PreparedText = { ...prepareForTest('c’est très bien', 'en'), lang: 'other' };
    expect(engine.analyze(other).label).toBe('unknown');
    const empty: PreparedText = {
      text: '',
      lang: 'zh',
      tokens: [],
      truncated: false,
      notes: [],
      sentences: [],
    };
    expect(engine.analyze(empty).label).toBe('unknown');
  });

  it('no opinion word → neutral with low confidence; scores and confidences stay in range', () => {
    const neutral = score('今天下午收到了快递。');
    expect(neutral.label).toBe('neutral');
    expect(neutral.confidence).toBeLessThan(0.5);
    for (const [text] of [...LABELLED_ZH, ...LABELLED_EN]) {
      const result = score(text);
      expect(Math.abs(result.score)).toBeLessThanOrEqual(1);
      expect(result.confidence).toBeGreaterThanOrEqual(0);
      expect(result.confidence).toBeLessThanOrEqual(1);
      expect(result.engine).toBe('lexicon');
    }
    expect(score('非常好，强烈推荐，超出预期！').confidence).toBeGreaterThan(score('好').confidence);
  });

  it('extra terms extend or override the lexicon and are validated', () => {
    const custom = createLexiconEngine({ extraTerms: { zh: { 云雀: 0.6 }, en: { 'meh product': -0.8 } } });
    expect(custom.analyze(prepareForTest('云雀')).label).toBe('positive');
    expect(engine.analyze(prepareForTest('云雀')).label).toBe('neutral');
    expect(custom.analyze(prepareForTest('a meh product', 'en')).score).toBeLessThan(-0.5);
    expect(() => createLexiconEngine({ extraTerms: { en: { wow: 3 } } })).toThrow(InputError);
  });
});

describe('lexicon engine: hand-labelled sentences', () => {
  for (const [lang, table] of [
    ['zh', LABELLED_ZH],
    ['en', LABELLED_EN],
  ] as const) {
    it(`labels ≥ 85 % of the ${lang} table correctly`, () => {
      const misses: string[] = [];
      for (const [text, expected] of table) {
        const result = score(text, lang);
        if (result.label !== expected)
          misses.push(`${expected} → ${result.label} (${result.score.toFixed(2)}): ${text}`);
      }
      const accuracy = 1 - misses.length / table.length;
      console.log(
        `lexicon engine, own ${lang} table: accuracy ${accuracy.toFixed(3)} (n = ${table.length})`,
        misses,
      );
      expect(table.length).toBeGreaterThanOrEqual(40);
      expect(accuracy).toBeGreaterThanOrEqual(0.85);
    });
  }
});
