import { describe, expect, it } from 'vitest';
import { prepareForTest } from '../competitors/prepared-text.fixture.js';
import { extractiveSummary } from './extractive-summary.js';
import { sentenceUnits } from './sentence-units.js';

/** Deterministic linear congruential generator (Numerical Recipes constants), so the corpus is fixed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// biome-ignore format: phrase bank
const ZH = {
  subject: ['这件羽绒服', '这双跑鞋', '这款耳机', '这个背包', '这瓶面霜', '这套床品', '这款充电宝', '这盒绿茶'],
  aspect: ['质量', '物流', '包装', '客服', '价格', '做工', '颜色', '尺码'],
  opinion: ['很好', '一般', '太差了', '超出预期', '让人失望', '还可以', '非常满意', '有待改进'],
  tail: ['会回购', '推荐给朋友', '下次不买了', '性价比高', '和描述一致', '发货速度快', '值得入手', '有点后悔'],
};
// biome-ignore format: phrase bank
const EN = {
  subject: ['The jacket', 'These running shoes', 'The earbuds', 'This backpack', 'The face cream', 'The bedding set', 'The power bank', 'This green tea'],
  aspect: ['quality', 'delivery', 'packaging', 'support', 'price', 'stitching', 'colour', 'sizing'],
  opinion: ['is excellent', 'is average', 'is terrible', 'exceeded expectations', 'was disappointing', 'is fine', 'is superb', 'needs work'],
  tail: ['will buy again', 'recommended to friends', 'never again', 'good value overall', 'matches the photos', 'shipped quickly', 'worth every cent', 'slightly regret it'],
};

function corpus(documents: number, sentencesPerDocument: number) {
  const next = lcg(20_260_101);
  const pick = (xs: readonly string[]) => xs[Math.floor(next() * xs.length)] as string;
  return Array.from({ length: documents }, (_, d) => {
    const zh = d % 2 === 0;
    const bank = zh ? ZH : EN;
    const sentences = Array.from({ length: sentencesPerDocument }, () =>
      zh
        ? `${pick(bank.subject)}的${pick(bank.aspect)}${pick(bank.opinion)}，${pick(bank.tail)}。`
        : `${pick(bank.subject)} ${pick(bank.aspect)} ${pick(bank.opinion)}, ${pick(bank.tail)}.`,
    );
    return { id: `d${d}`, doc: prepareForTest(sentences.join(zh ? '' : ' ')) };
  });
}

describe('extractiveSummary at scale', () => {
  const docs = corpus(2500, 4);

  it('summarises 10 000 sentences (timings printed, not asserted)', () => {
    const candidates = sentenceUnits(docs, { minHanChars: 4, minWords: 3, maxChars: 300 }).length;
    expect(candidates).toBe(10_000);
    for (const method of ['textrank', 'mmr'] as const) {
      for (const query of [undefined, ['物流', 'delivery']]) {
        const started = performance.now();
        const summary = extractiveSummary(docs, { method, sentences: 5, query });
        const ms = performance.now() - started;
        console.log(`${method}${query ? '+query' : ''}: ${candidates} sentences in ${ms.toFixed(0)} ms`);
        expect(summary.sentences).toHaveLength(5);
        expect(new Set(summary.sentences.map((s) => s.text)).size).toBe(5);
        if (query) for (const s of summary.sentences) expect(s.text).toMatch(/物流|delivery/);
      }
    }
  });
});
