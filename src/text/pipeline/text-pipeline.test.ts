import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetPath } from '../../../test/reference-data.js';
import { InputError } from '../../core/errors.js';
import type { PreparedText, Token } from '../types.js';
import { createTextPipeline, ngrams } from './index.js';

const pipeline = createTextPipeline({ userWords: ['云雀', '蕨山', 'Larkspur', 'Blue Crest'] });

function find(doc: PreparedText, text: string): Token | undefined {
  return doc.tokens.find((token) => token.text === text);
}

function surfaces(doc: PreparedText): string[] {
  return doc.tokens.map((token) => token.text);
}

function expectOffsets(doc: PreparedText): void {
  let previousEnd = 0;
  for (const token of doc.tokens) {
    expect(doc.text.slice(token.start, token.end)).toBe(token.text);
    expect(token.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = token.end;
  }
}

describe('createTextPipeline: Chinese', () => {
  it('segments with jieba and marks stop words, never negations, contrast words or intensifiers', () => {
    const doc = pipeline.prepare('这个产品不好，没有说明书，但是物流非常快，我很满意');
    expect(doc.lang).toBe('zh');
    expect(surfaces(doc)).toEqual(expect.arrayContaining(['产品', '不好', '说明书', '物流', '非常', '满意']));
    for (const word of ['不好', '没有', '但是', '非常', '很']) {
      const token = find(doc, word);
      expect(token, word).toBeDefined();
      expect(token?.stop, word).toBe(false);
    }
    expect(find(doc, '这个')?.stop).toBe(true);
    expect(find(doc, '，')?.kind).toBe('punct');
    expectOffsets(doc);
  });

  it('keeps user words whole (云雀, 蕨山) and Latin user words case-insensitively', () => {
    const doc = pipeline.prepare('云雀的耳机比蕨山的好，LARKSPUR 和 larkspur 都行，Blue Crest 一般');
    expect(find(doc, '云雀')?.kind).toBe('word');
    expect(find(doc, '蕨山')?.kind).toBe('word');
    expect(find(doc, 'LARKSPUR')?.norm).toBe('larkspur');
    expect(find(doc, 'larkspur')?.norm).toBe('larkspur');
    expect(find(doc, 'Blue Crest')?.norm).toBe('blue crest');
    // Without the user dictionary jieba splits 蕨山.
    const plain = createTextPipeline().prepare('蕨山的好');
    expect(surfaces(plain)).not.toContain('蕨山');
    expect(pipeline.userWords).toEqual(['云雀', '蕨山', 'Larkspur', 'Blue Crest']);
  });

  it('keeps the traditional surface text and simplifies the norm (這個產品很好 → 这个产品很好)', () => {
    const doc = pipeline.prepare('這個產品很好');
    expect(doc.lang).toBe('zh');
    expect(doc.text).toBe('這個產品很好');
    expect(doc.tokens.map((token) => token.norm).join('')).toBe('这个产品很好');
    expect(find(doc, '產品')?.norm).toBe('产品');
    expect(doc.notes.join(' ')).toMatch(/simplified/);
    expectOffsets(doc);
    const kept = createTextPipeline({ toSimplified: false }).prepare('這個產品很好');
    expect(kept.tokens.map((token) => token.norm).join('')).toBe('這個產品很好');
  });

  it('does not run the traditional converter over simplified text (打坏 stays 打坏)', () => {
    const doc = pipeline.prepare('快递把东西打坏了');
    expect(doc.tokens.map((token) => token.norm).join('')).toBe('快递把东西打坏了');
  });

  it('sends Latin runs in Chinese text through the English tokenizer', () => {
    const doc = pipeline.prepare("这个iPhone的电池3.5天就没电了😡，客服说don't worry #售后# @小王");
    expect(find(doc, 'iPhone')).toMatchObject({ norm: 'iphone', kind: 'word' });
    expect(find(doc, '3.5')?.kind).toBe('number');
    expect(find(doc, '😡')?.kind).toBe('emoji');
    expect(find(doc, "n't")?.norm).toBe('not');
    expect(find(doc, '电池')?.kind).toBe('word');
    expectOffsets(doc);
  });

  it('splits sentences and contrast clauses', () => {
    const doc = pipeline.prepare('外观好看，但是电池不行。物流很快！');
    expect(doc.sentences.map((span) => doc.text.slice(span.start, span.end))).toEqual([
      '外观好看，',
      '但是电池不行。',
      '物流很快！',
    ]);
  });
});

describe('createTextPipeline: English', () => {
  it('lemmatises (noun, then verb, then adjective) and keeps negations as "not"', () => {
    const doc = pipeline.prepare(
      "The batteries died, boxes were crushed and I don't love it. Can't recommend; worst boss.",
    );
    expect(doc.lang).toBe('en');
    expect(find(doc, 'batteries')?.norm).toBe('battery');
    expect(find(doc, 'died')?.norm).toBe('die');
    expect(find(doc, 'boxes')?.norm).toBe('box');
    expect(find(doc, 'crushed')?.norm).toBe('crush');
    expect(find(doc, 'worst')?.norm).toBe('bad');
    expect(find(doc, 'boss')?.norm).toBe('boss');
    expect(surfaces(doc)).toEqual(expect.arrayContaining(['do', "n't", 'Ca']));
    expect(find(doc, 'Ca')?.norm).toBe('can');
    for (const token of doc.tokens.filter((t) => t.text === "n't"))
      expect(token).toMatchObject({ norm: 'not', stop: false });
    expect(find(doc, 'The')?.stop).toBe(true);
    expectOffsets(doc);
  });

  it('never marks negations, contrast words, intensifiers or valenced words as stop words', () => {
    const doc = pipeline.prepare('not no never but however very really too good great like thanks dont');
    // "dont" splits into do (a stop word) + nt (norm "not").
    for (const token of doc.tokens.filter((t) => t.text !== 'do')) expect(token.stop, token.text).toBe(false);
    expect(doc.tokens.map((token) => token.norm)).toEqual([
      'not',
      'no',
      'never',
      'but',
      'however',
      'very',
      'really',
      'too',
      'good',
      'great',
      'like',
      'thank',
      'do',
      'not',
    ]);
  });

  it('keeps emoticons, emoji, URLs, mentions and hashtags as single tokens', () => {
    const doc = pipeline.prepare(
      'Love it :) :-( :D ;) <3 T_T ^_^ 👨‍👩‍👧 👍🏽 🇨🇳 1️⃣ see https://example.com/a?b=1. @larkfan #happy!!!',
    );
    const kinds = new Map(doc.tokens.map((token) => [token.text, token.kind]));
    for (const emoticon of [':)', ':-(', ':D', ';)', '<3', 'T_T', '^_^'])
      expect(kinds.get(emoticon), emoticon).toBe('emoticon');
    for (const emoji of ['👨‍👩‍👧', '👍🏽', '🇨🇳', '1️⃣']) expect(kinds.get(emoji), emoji).toBe('emoji');
    expect(kinds.get('https://example.com/a?b=1')).toBe('url');
    expect(kinds.get('@larkfan')).toBe('mention');
    expect(kinds.get('#happy')).toBe('hashtag');
    expect(kinds.get('!!!')).toBe('punct');
    expectOffsets(doc);
  });

  it('does not lemmatise other Latin languages', () => {
    const doc = pipeline.prepare('Los productos llegaron rotos y la caja estaba dañada');
    expect(doc.lang).toBe('other');
    expect(find(doc, 'productos')?.norm).toBe('productos');
  });
});

describe('createTextPipeline: edge cases', () => {
  it.each([
    ['', 0],
    ['   \n\t ', 0],
    ['😀😀🎉', 3],
    ['!!! ??? 。。。', 3],
    ['12345', 1],
  ])('%j → unknown language without crashing', (text, tokenCount) => {
    const doc = pipeline.prepare(text);
    expect(doc.lang).toBe('unknown');
    expect(doc.tokens).toHaveLength(tokenCount);
  });

  it('normalises HTML, entities, full-width text and invalid characters before tokenising', () => {
    const doc = pipeline.prepare('<p>ＯＫ&amp;好用\uFFFD！</p>');
    expect(doc.text).toBe('OK&好用！');
    expect(doc.notes).toEqual(expect.arrayContaining(['removed HTML markup', 'decoded HTML entities']));
    expect(doc.notes.some((note) => note.includes('invalid'))).toBe(true);
    expectOffsets(doc);
  });

  it('truncates at maxChars on a sentence boundary and says so', () => {
    const small = createTextPipeline({ maxChars: 30 });
    const doc = small.prepare('物流很快，包装完好。'.repeat(20));
    expect(doc.truncated).toBe(true);
    expect(doc.text).toBe('物流很快，包装完好。'.repeat(3));
    expect(doc.notes.join(' ')).toMatch(/truncated/);
    expect(pipeline.prepare('短评').truncated).toBe(false);
  });

  it('uses the hint only when detection is unsure', () => {
    expect(pipeline.prepare('iPhone 质量很好').lang).toBe('zh');
    expect(pipeline.prepare('OK 好').lang).toBe('zh');
    expect(pipeline.prepare('OK 好', 'en').lang).toBe('en');
    expect(pipeline.prepare('质量很好', 'en').lang).toBe('zh');
    expect(pipeline.prepare('😀', 'zh').lang).toBe('unknown');
  });

  it('rejects bad options', () => {
    expect(() => createTextPipeline({ maxChars: 0 })).toThrow(InputError);
    expect(() => createTextPipeline({ userWords: [3 as unknown as string] })).toThrow(InputError);
  });

  it('gives correct offsets for random zh/en/emoji strings (property)', () => {
    const pieces = [
      '质量',
      '很好',
      '不',
      '但是',
      '這個產品',
      '蕨山',
      '，',
      '。',
      '！',
      'good',
      "don't",
      'Larkspur',
      ' ',
      '\n',
      '3.5',
      ':)',
      '<3',
      '😀',
      '👍🏽',
      '👨‍👩‍👧',
      '#tag',
      '@bob',
      'https://a.example/x',
      '&amp;',
      'Ａ',
      '\uFFFD',
    ];
    const mixed = fc.array(
      fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'grapheme', maxLength: 4 })),
      {
        maxLength: 25,
      },
    );
    fc.assert(
      fc.property(mixed, (parts) => {
        const doc = pipeline.prepare(parts.join(''));
        let previousEnd = 0;
        for (const token of doc.tokens) {
          if (doc.text.slice(token.start, token.end) !== token.text) return false;
          if (token.start < previousEnd || token.end <= token.start) return false;
          previousEnd = token.end;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });
});

describe('ngrams', () => {
  it('joins Latin tokens with spaces and Han tokens without', () => {
    expect(ngrams(['not', 'good', 'at', 'all'], 2)).toEqual(['not good', 'good at', 'at all']);
    expect(ngrams(['物流', '很快', 'ok'], 2)).toEqual(['物流很快', '很快 ok']);
    expect(ngrams(['a'], 2)).toEqual([]);
    expect(ngrams(['a', 'b'], 1)).toEqual(['a', 'b']);
    expect(() => ngrams(['a'], 0)).toThrow(InputError);
  });
});

const chnSentiCorp = datasetPath('chnsenticorp/bert_split/test.tsv');
describe.skipIf(!existsSync(chnSentiCorp))(
  'ChnSentiCorp test set (needs ../shared/datasets; skipped when absent)',
  () => {
    it('prepares every review with valid offsets and prints the throughput', () => {
      const reviews = readFileSync(chnSentiCorp, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.slice(line.indexOf('\t') + 1));
      let zh = 0;
      for (const review of reviews) {
        const doc = pipeline.prepare(review);
        if (doc.lang === 'zh') zh += 1;
        for (const token of doc.tokens) expect(doc.text.slice(token.start, token.end)).toBe(token.text);
      }
      expect(zh / reviews.length).toBeGreaterThan(0.99);
      const started = performance.now();
      for (let round = 0; round < 3; round += 1) for (const review of reviews) pipeline.prepare(review);
      const perSecond = (3 * reviews.length) / ((performance.now() - started) / 1000);
      // Printed only (no timed assertion): bench/text/pipeline.bench.ts measures properly.
      console.log(`text pipeline: ${Math.round(perSecond)} ChnSentiCorp reviews/s (prepare, one core)`);
    });
  },
);
