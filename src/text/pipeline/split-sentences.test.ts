import { describe, expect, it } from 'vitest';
import type { DetectedLanguage } from '../types.js';
import { splitSentences } from './split-sentences.js';

function clauses(text: string, lang: DetectedLanguage): string[] {
  return splitSentences(text, lang).map((span) => text.slice(span.start, span.end));
}

describe('splitSentences', () => {
  it('splits Chinese sentences on 。！？ and keeps runs and closing quotes together', () => {
    expect(clauses('物流很快。包装完好！！还会再买吗？“会的。”最后', 'zh')).toEqual([
      '物流很快。',
      '包装完好！！',
      '还会再买吗？',
      '“会的。”',
      '最后',
    ]);
  });

  it('starts a clause at Chinese contrast words', () => {
    expect(clauses('外观好看，但是电池不行。屏幕不错可是太贵，不过客服很好', 'zh')).toEqual([
      '外观好看，',
      '但是电池不行。',
      '屏幕不错',
      '可是太贵，',
      '不过客服很好',
    ]);
    expect(clauses('价格便宜，然而质量一般；颜色好看却容易掉色', 'zh')).toEqual([
      '价格便宜，',
      '然而质量一般；',
      '颜色好看',
      '却容易掉色',
    ]);
  });

  it('does not split inside words that only contain contrast characters', () => {
    expect(clauses('不但便宜而且好用，但愿能用久一点，冷却效果不错', 'zh')).toHaveLength(1);
    expect(clauses('不过如此', 'zh')).toEqual(['不过如此']);
  });

  it('splits traditional Chinese contrast words', () => {
    expect(clauses('外觀好看，不過電池不行', 'zh')).toEqual(['外觀好看，', '不過電池不行']);
  });

  it('splits English sentences, not decimals, domains or abbreviations', () => {
    expect(clauses('It costs 3.5 dollars on example.com. Dr. Smith liked it! Did you?', 'en')).toEqual([
      'It costs 3.5 dollars on example.com.',
      'Dr. Smith liked it!',
      'Did you?',
    ]);
  });

  it('starts a clause at English contrast words', () => {
    expect(
      clauses('The screen is great but the battery dies fast. However, support was helpful.', 'en'),
    ).toEqual(['The screen is great', 'but the battery dies fast.', 'However, support was helpful.']);
    expect(clauses('Cheap, yet sturdy. Although small, it works though it is loud', 'en')).toEqual([
      'Cheap,',
      'yet sturdy.',
      'Although small, it works',
      'though it is loud',
    ]);
  });

  it('ignores "yet" without a comma and a contrast word at the end of a sentence', () => {
    expect(clauses('It has not arrived yet. Nice phone though.', 'en')).toEqual([
      'It has not arrived yet.',
      'Nice phone though.',
    ]);
  });

  it('splits on line breaks and semicolons, and mixed zh/en contrast', () => {
    expect(clauses('good value; fast\n物流快但是包装差', 'zh')).toEqual([
      'good value;',
      'fast',
      '物流快',
      '但是包装差',
    ]);
  });

  it('uses only punctuation for other languages and returns nothing for empty text', () => {
    expect(clauses('Bueno pero caro. Llegó tarde', 'other')).toEqual(['Bueno pero caro.', 'Llegó tarde']);
    expect(splitSentences('', 'unknown')).toEqual([]);
    expect(splitSentences('   ', 'unknown')).toEqual([]);
  });

  it('returns ordered, non-overlapping, trimmed spans', () => {
    const text = '  第一句。  但是第二句！ and a third, but shorter  ';
    const spans = splitSentences(text, 'zh');
    for (let i = 0; i < spans.length; i += 1) {
      const span = spans[i];
      if (span === undefined) continue;
      expect(span.end).toBeGreaterThan(span.start);
      expect(text.slice(span.start, span.end)).toBe(text.slice(span.start, span.end).trim());
      if (i > 0) expect(span.start).toBeGreaterThanOrEqual(spans[i - 1]?.end ?? 0);
    }
  });
});
