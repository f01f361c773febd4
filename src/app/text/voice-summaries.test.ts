import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import type { LlmRequest, LlmResponse } from '../../llm/language-model.js';
import { createFakeProvider, fakeHttpError } from '../../llm/testing/fake-provider.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { analyzeDocuments } from './text-analysis-service.js';
import { summarizeVoice } from './voice-summaries.js';

/** `text summarize` on a small analysed corpus; the LLM is the scripted fake (no network). */

const config = (llm: Record<string, unknown> = {}, locale = 'en'): LoadedConfig => ({
  ...parseConfig(
    {
      locale,
      brands: [
        { key: 'larkspur', en: ['Larkspur'], zh: ['云雀'], ours: true },
        { key: 'fernhill', en: ['Fernhill'], zh: ['蕨山'] },
      ],
      llm: { maxRetries: 0, ...llm },
    },
    'test',
  ),
  dir: process.cwd(),
  dbPath: ':memory:',
});

// id, text, lang, brand, product, day of May 2026, source
const docs: [string, string, string, string, string, number, string][] = [
  ['d01', 'The delivery was very slow and the courier never called.', 'en', 'Larkspur', 'p1', 2, 'review'],
  ['d02', 'Shipping took ten days, far too slow for an express order.', 'en', 'Larkspur', 'p1', 3, 'review'],
  ['d03', '物流太慢了，等了整整一个星期才到货。', 'zh', 'Larkspur', 'p2', 4, 'review'],
  ['d04', 'Great quality fabric and careful stitching on the shirt.', 'en', 'Larkspur', 'p1', 5, 'review'],
  ['d05', '质量很好，做工精细，非常满意这次购买。', 'zh', 'Larkspur', 'p2', 6, 'review'],
  ['d06', 'Fernhill shoes fell apart, the quality is terrible overall.', 'en', 'Fernhill', 'p9', 7, 'review'],
  ['d07', 'Fernhill delivery was fast and the parcel arrived intact.', 'en', 'Fernhill', 'p9', 8, 'review'],
  [
    'd08',
    'Contact me at anna.lee@example.com, the delivery is still missing after two weeks.',
    'en',
    'Larkspur',
    'p1',
    20,
    'ticket',
  ],
  [
    'd09',
    'Larkspur announces record quarterly delivery volumes for all customers.',
    'en',
    'Larkspur',
    'p1',
    21,
    'news',
  ],
];

async function seed(store: Store) {
  for (const [id, text, lang, brand, product, day, source] of docs)
    await store.execute(
      `INSERT INTO documents (id, source, lang, text, brand, product_id, ts) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, source, lang, text, brand, product, new Date(Date.UTC(2026, 4, day, 12))],
    );
  await analyzeDocuments(store, config());
}

const userText = (request: LlmRequest) => request.messages.map((m) => m.content).join('\n');
const reply = (value: unknown): LlmResponse => ({
  text: JSON.stringify(value),
  usage: { inputTokens: 100, outputTokens: 20 },
  finishReason: 'stop',
});

describe('voice summaries', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await seed(store);
  });
  afterEach(async () => {
    await store.close();
  });

  it('falls back to a labelled extractive summary without an LLM, filtered by aspect, brand and period', async () => {
    const all = await summarizeVoice(store, config());
    expect(all).toMatchObject({
      kind: 'extractive',
      engine: 'extractive:mmr',
      lang: 'en',
      prompt: null,
      llm: null,
    });
    expect(all.documents).toBe(8); // news is not the customer voice
    expect(all.notes.join(' ')).toMatch(/No LLM configured/);
    expect(all.quotes.map((q) => q.docId)).not.toContain('d09');
    expect(all.summary).toContain('[q1]');

    const logistics = await summarizeVoice(store, config(), { aspect: '物流', quotes: 3 });
    expect(logistics.evidenceMethod).toBe('mmr+query');
    expect(logistics.filters).toEqual({ aspect: 'logistics' });
    expect(logistics.modelRunIds).toHaveLength(1);
    expect(logistics.quotes.length).toBeGreaterThan(0);
    expect(logistics.quotes.length).toBeLessThanOrEqual(3);
    for (const q of logistics.quotes) expect(['d01', 'd02', 'd03', 'd07', 'd08']).toContain(q.docId);

    const fernhill = await summarizeVoice(store, config(), { brand: 'Fernhill' });
    expect(new Set(fernhill.quotes.map((q) => q.docId))).toEqual(new Set(['d06', 'd07']));

    const early = await summarizeVoice(store, config(), {
      from: new Date(Date.UTC(2026, 4, 1)),
      to: new Date(Date.UTC(2026, 4, 4, 23, 59, 59)),
      product: 'p1',
    });
    expect(early.documents).toBe(2);
    expect(early.dataWindow).toEqual({
      start: new Date(Date.UTC(2026, 4, 2, 12)),
      end: new Date(Date.UTC(2026, 4, 3, 12)),
    });

    const none = await summarizeVoice(store, config(), { product: 'nothing' });
    expect(none).toMatchObject({ documents: 0, quotes: [], summary: '' });
  });

  it('writes an abstractive summary whose claims cite the quotes, in the asked language, without PII', async () => {
    const answer = (request: LlmRequest) =>
      reply({
        claims: [
          {
            text: userText(request).includes('用中文') ? '物流偏慢' : 'Delivery is often slow',
            quotes: ['q1', 'Q2'],
          },
          { text: 'Customers praise the quality', quotes: ['q3'] },
        ],
      });
    const fake = createFakeProvider({ fallback: answer });
    const zhFake = createFakeProvider({ fallback: answer });
    const en = await summarizeVoice(store, config({}, 'en'), {
      aspect: 'logistics',
      provider: fake,
      quotes: 4,
    });
    expect(en).toMatchObject({
      kind: 'abstractive',
      engine: 'fake/fake-model',
      prompt: 'text.voice-summary@1',
    });
    expect(en.summary).toBe('Delivery is often slow [q1, q2]. Customers praise the quality [q3].');
    expect(en.claims).toHaveLength(2);
    expect(en.llm).toMatchObject({ calls: 1, reasked: false });
    for (const request of fake.requests)
      for (const m of request.messages) expect(m.content).not.toContain('anna.lee@example.com');
    expect(userText(fake.requests[0] as LlmRequest)).toContain('[q1]');

    const zh = await summarizeVoice(store, config({}, 'en'), {
      aspect: 'logistics',
      lang: 'zh',
      provider: zhFake,
    });
    expect(zh.summary.startsWith('物流偏慢[q1, q2]。')).toBe(true);
    expect(zh.lang).toBe('zh');
  });

  it('re-asks once on bad citations, drops what stays bad, and falls back when nothing is grounded', async () => {
    const fake = createFakeProvider({
      script: [
        reply({
          claims: [
            { text: 'Slow delivery', quotes: ['q42'] },
            { text: 'Uncited', quotes: [] },
          ],
        }),
        reply({
          claims: [
            { text: 'Slow delivery', quotes: ['q1'] },
            { text: 'Made up', quotes: ['q99'] },
          ],
        }),
      ],
    });
    const fixed = await summarizeVoice(store, config(), { provider: fake, engine: 'llm' });
    expect(fake.calls).toBe(2);
    expect(userText(fake.requests[1] as LlmRequest)).toContain('cites ids that are not in the quotes: q42');
    expect(fixed).toMatchObject({ kind: 'abstractive', llm: { reasked: true } });
    expect(fixed.claims).toEqual([{ text: 'Slow delivery', quoteIds: ['q1'] }]);
    expect(fixed.rejected).toEqual([{ text: 'Made up', reason: 'unknown_quote', invalidIds: ['q99'] }]);

    // other model names: the store's LLM cache would otherwise replay the answers above
    const hopeless = createFakeProvider({
      model: 'hopeless',
      fallback: () => reply({ claims: [{ text: 'Invented', quotes: ['x'] }] }),
    });
    const fallback = await summarizeVoice(store, config(), { provider: hopeless });
    expect(fallback.kind).toBe('extractive');
    expect(fallback.rejected).toHaveLength(1);
    expect(fallback.notes.join(' ')).toMatch(/None of the LLM's claims was grounded/);

    const down = createFakeProvider({ model: 'down', fallback: { error: fakeHttpError(503) } });
    const auto = await summarizeVoice(store, config(), { provider: down });
    expect(auto.kind).toBe('extractive');
    expect(auto.notes.join(' ')).toMatch(/The LLM call failed/);
    await expect(
      summarizeVoice(store, config(), {
        provider: createFakeProvider({ model: 'down', fallback: { error: fakeHttpError(503) } }),
        engine: 'llm',
      }),
    ).rejects.toThrow(/HTTP 503/);
  });

  it('rejects bad input with what was wrong', async () => {
    await expect(summarizeVoice(store, config(), { engine: 'llm' })).rejects.toMatchObject({
      code: 'llm_not_configured',
    });
    await expect(summarizeVoice(store, config(), { brand: 'Acme' })).rejects.toThrow(
      /"Acme" is not a known brand/,
    );
    await expect(summarizeVoice(store, config(), { aspect: 'vibes' })).rejects.toThrow(
      /"vibes" is not an aspect/,
    );
    await expect(summarizeVoice(store, config(), { quotes: 0 })).rejects.toThrow(/quotes must be an integer/);
    await expect(
      summarizeVoice(store, config(), { from: new Date('2026-06-01'), to: new Date('2026-05-01') }),
    ).rejects.toThrow(/--from is after --to/);
  });
});
