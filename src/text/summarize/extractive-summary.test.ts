import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { prepareForTest } from '../competitors/prepared-text.fixture.js';
import { extractiveSummary } from './extractive-summary.js';
import { sentenceUnits } from './sentence-units.js';
import { buildTfIdf, rowCosine } from './tfidf-matrix.js';

const prepare = (texts: Record<string, string>) =>
  Object.entries(texts).map(([id, text]) => ({ id, doc: prepareForTest(text) }));

// A small review set: most reviews praise quality, warmth and delivery; one complains about service,
// one about packaging, one is off-topic. z4 and z8 are the same review posted twice.
const ZH = prepare({
  z1: '这件羽绒服质量很好，保暖效果也不错。物流很快，两天就到了。',
  z2: '羽绒服保暖效果很好，质量也不错，物流速度快。',
  z3: '客服态度一般，回复消息特别慢。',
  z4: '羽绒服的质量很好，物流也很快，保暖效果不错。',
  z5: '包装有点简陋，盒子被压坏了。',
  z6: '物流很快，羽绒服质量不错。',
  z7: '今天天气晴朗适合出门散步。',
  z8: '羽绒服的质量很好，物流也很快，保暖效果不错。',
  z9: '好评！',
});

const EN = prepare({
  e1: 'The jacket quality is great and it keeps me warm. Delivery was fast, two days.',
  e2: 'Warm jacket, great quality, fast delivery.',
  e3: 'Customer service was rude and slow to reply to my messages.',
  e4: 'Great quality jacket, really warm, and delivery was fast.',
  e5: 'The packaging was flimsy and the box arrived crushed.',
  e6: 'Fast delivery and the jacket quality is great.',
  e7: 'The weather today is sunny so we walked to the park.',
  e8: 'Great quality jacket, really warm, and delivery was fast.',
  e9: 'Love it!',
});

const texts = (s: ReturnType<typeof extractiveSummary>) => s.sentences.map((x) => x.text);
const ids = (s: ReturnType<typeof extractiveSummary>) => s.sentences.map((x) => x.docId);

/** Largest pairwise cosine among the chosen sentences, recomputed from scratch. */
function maxPairCosine(docs: typeof ZH, summary: ReturnType<typeof extractiveSummary>): number {
  const units = sentenceUnits(docs, { minHanChars: 4, minWords: 3, maxChars: 300 });
  const chosen = summary.sentences.map((s) =>
    units.findIndex((u) => u.docId === s.docId && u.start === s.start),
  );
  const m = buildTfIdf(units.map((u) => u.terms));
  let max = 0;
  for (const a of chosen) for (const b of chosen) if (a !== b) max = Math.max(max, rowCosine(m, a, b));
  return max;
}

describe.each([
  ['zh', ZH, ['z3', 'z5', 'z7', 'z9'], ['z4', 'z8'], '包装', 'z5'],
  ['en', EN, ['e3', 'e5', 'e7', 'e9'], ['e4', 'e8'], 'packaging', 'e5'],
] as const)('extractiveSummary (%s)', (_lang, docs, offTopic, twins, focus, focusDoc) => {
  for (const method of ['textrank', 'mmr'] as const) {
    it(`${method}: picks central sentences, never the off-topic ones, never a near-duplicate pair`, () => {
      const summary = extractiveSummary(docs, { method, sentences: 2 });
      expect(summary.method).toBe(method);
      expect(summary.sentences).toHaveLength(2);
      for (const id of ids(summary)) expect(offTopic).not.toContain(id);
      expect(twins.every((id) => ids(summary).includes(id))).toBe(false);
      expect(maxPairCosine(docs, summary)).toBeLessThanOrEqual(0.8);
      expect(extractiveSummary(docs, { method, sentences: 2 })).toEqual(summary); // deterministic
    });

    it(`${method}: a query moves the summary to the focus aspect`, () => {
      const plain = extractiveSummary(docs, { method, sentences: 1 });
      const focused = extractiveSummary(docs, { method, sentences: 3, query: [focus] });
      expect(focused.method).toBe(`${method}+query`);
      expect(ids(focused)).toEqual([focusDoc]); // only that review talks about packaging
      expect(ids(plain)).not.toEqual([focusDoc]);
      expect(extractiveSummary(docs, { method, query: ['nothing-like-this'] }).sentences).toEqual([]);
    });
  }

  it('quotes keep doc id and offsets into the document', () => {
    for (const s of extractiveSummary(docs, { sentences: 5 }).sentences) {
      const doc = docs.find((d) => d.id === s.docId)?.doc;
      expect(doc?.text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it('skips very short sentences and respects the character budget', () => {
    const all = extractiveSummary(docs, { sentences: 20 });
    expect(ids(all)).not.toContain(offTopic[3]); // 好评！ / Love it!
    const budget = 40;
    const tight = extractiveSummary(docs, { sentences: 20, maxChars: budget });
    expect(tight.sentences.length).toBeGreaterThan(0);
    expect(texts(tight).join('').length).toBeLessThanOrEqual(budget);
  });
});

describe('extractiveSummary edge cases', () => {
  it('merges a contrast clause back into its sentence', () => {
    const docs = prepare({ a: '质量很好，但是物流太慢了。客服态度也很好。' });
    expect(docs[0]?.doc.sentences).toHaveLength(3);
    const summary = extractiveSummary(docs, { sentences: 5 });
    expect(texts(summary)).toContain('质量很好，但是物流太慢了。');
  });

  it('returns an empty summary for empty input or nothing summarisable', () => {
    expect(extractiveSummary([])).toEqual({ sentences: [], method: 'textrank' });
    expect(extractiveSummary(prepare({ a: '', b: '好评！', c: 'Love it!' }), { method: 'mmr' })).toEqual({
      sentences: [],
      method: 'mmr',
    });
  });

  it('splits on sentence punctuation itself when the document has no clause spans', () => {
    const doc = { ...prepareForTest('Delivery was really fast. The box was crushed badly.'), sentences: [] };
    const summary = extractiveSummary([{ id: 'x', doc }], { sentences: 5 });
    expect(texts(summary).sort()).toEqual(['Delivery was really fast.', 'The box was crushed badly.']);
  });

  it('lambda trades relevance for novelty in MMR', () => {
    const docs = prepare({
      a: 'Great quality jacket and fast delivery overall.',
      b: 'Great quality jacket with fast delivery indeed.',
      c: 'Great quality jacket, fast delivery, nice colour.',
      d: 'Customer service answered my question about sizes.',
    });
    const relevant = extractiveSummary(docs, {
      method: 'mmr',
      sentences: 2,
      lambda: 1,
      duplicateThreshold: 1,
    });
    const novel = extractiveSummary(docs, {
      method: 'mmr',
      sentences: 2,
      lambda: 0.3,
      duplicateThreshold: 1,
    });
    expect(ids(relevant)).not.toContain('d');
    expect(ids(novel)).toContain('d');
  });

  it('rejects bad options', () => {
    expect(() => extractiveSummary(ZH, { sentences: 0 })).toThrow(InputError);
    expect(() => extractiveSummary(ZH, { lambda: 1.5 })).toThrow(/lambda/);
    expect(() => extractiveSummary(ZH, { maxChars: 0 })).toThrow(/maxChars/);
  });
});
