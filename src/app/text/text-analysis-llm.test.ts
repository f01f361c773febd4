import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import type { LlmRequest, LlmResponse } from '../../llm/language-model.js';
import { createFakeProvider, fakeHttpError } from '../../llm/testing/fake-provider.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { analyzeDocuments } from './text-analysis-service.js';

/** `text analyze --engine llm` against the scripted fake provider: no network. */

const config = (llm: Record<string, unknown> = {}): LoadedConfig => ({
  ...parseConfig(
    {
      brands: [{ key: 'larkspur', en: ['Larkspur'], zh: ['云雀'], ours: true }],
      llm,
    },
    'test',
  ),
  dir: process.cwd(),
  dbPath: ':memory:',
});

const reviewOf = (request: LlmRequest): string =>
  request.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';

/** A fake LLM judging by keywords: negative on 慢/slow/broke, and logistics negative when delivery is slow. */
function answer(request: LlmRequest): LlmResponse {
  const review = reviewOf(request);
  const negative = /慢|slow|broke|差/i.test(review);
  const aspects = [
    ...(/物流|delivery|shipping/i.test(review)
      ? [{ aspect: 'logistics', polarity: negative ? 'negative' : 'positive' }]
      : []),
    ...(/broke/i.test(review) ? [{ aspect: 'quality', polarity: 'negative' }] : []),
  ];
  return {
    text: JSON.stringify({
      label: negative ? 'negative' : 'positive',
      score: negative ? -0.7 : 0.7,
      confidence: 0.9,
      aspects,
    }),
    usage: { inputTokens: 1000, outputTokens: 0 },
    finishReason: 'stop',
    structuredMode: 'json_schema',
  };
}

async function insert(store: Store, rows: readonly [string, string, string | null][]) {
  for (const [id, text, lang] of rows)
    await store.execute(
      `INSERT INTO documents (id, source, lang, text, brand, ts) VALUES ($1, 'review', $2, $3, 'Larkspur', $4)`,
      [id, lang, text, new Date(`2026-05-0${1 + (Number(id.slice(1)) % 9)}T10:00:00Z`)],
    );
}

const sentimentRows = async (store: Store) =>
  (
    await store.query(
      "SELECT doc_id, label, details FROM doc_insights WHERE kind = 'sentiment' ORDER BY doc_id",
    )
  ).map((r) => ({
    doc: String(r.doc_id),
    label: String(r.label),
    details: r.details as Record<string, unknown>,
  }));

describe('text analyze with the LLM engine', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  it('scores sentiment and aspect polarity with the LLM, keeps classical aspects, never sends an e-mail address', async () => {
    await insert(store, [
      ['d1', '物流很快，质量也很好', 'zh'],
      ['d2', 'Great price. It broke after a day though, and delivery was slow', 'en'],
      ['d3', 'Write to anna.lee@example.com: the delivery is fast', 'en'],
      ['d4', '😊😊👍', null],
    ]);
    const fake = createFakeProvider({ fallback: answer, provider: 'fake', model: 'tiny' });
    const run = await analyzeDocuments(store, config({ concurrency: 2 }), { engine: 'llm', provider: fake });
    expect(run).toMatchObject({ engine: 'fake/tiny', analysed: 4, remaining: 0, failed: 0, stopped: null });
    expect(fake.calls).toBe(3); // the emoji-only document is not sent
    for (const request of fake.requests)
      for (const message of request.messages) expect(message.content).not.toContain('anna.lee@example.com');
    expect(
      reviewOf(fake.requests.find((r) => reviewOf(r).includes('delivery is fast')) as LlmRequest),
    ).toMatch(/Write to \S+: the delivery is fast/);

    const rows = await sentimentRows(store);
    expect(rows.map((r) => `${r.doc}:${r.label}:${r.details.engine}`)).toEqual([
      'd1:positive:fake/tiny',
      'd2:negative:fake/tiny',
      'd3:positive:fake/tiny',
      'd4:unknown:fake/tiny',
    ]);
    const [modelRun] = await store.query('SELECT engine, params FROM model_runs WHERE id = $1', [
      run.modelRunId as string,
    ]);
    expect(modelRun?.engine).toBe('fake/tiny');
    expect((modelRun?.params as Record<string, unknown> | undefined)?.prompt).toBe('text.document-insight@1');

    const aspects = await store.query(
      "SELECT label, score, details FROM doc_insights WHERE kind = 'aspect' AND doc_id = 'd2'",
    );
    const byAspect = new Map(aspects.map((a) => [String(a.label), a.details as Record<string, unknown>]));
    // classical found price (positive) — the LLM did not rate it, so it stays; quality and logistics the LLM rated
    expect(byAspect.get('price')).toMatchObject({ polarity: 'positive', term: 'price' });
    expect(byAspect.get('quality')).toMatchObject({ polarity: 'negative' });
    expect(byAspect.get('logistics')).toMatchObject({ polarity: 'negative' });
    const brandAspects = await store.query(
      "SELECT label, score FROM doc_insights WHERE kind = 'brand_aspect' AND doc_id = 'd2' ORDER BY label",
    );
    expect(brandAspects.find((b) => b.label === 'larkspur:logistics')?.score).toBeLessThan(0);

    // the concurrency comes from the configuration
    const more = Array.from(
      { length: 12 },
      (_, i) => [`e${i + 10}`, `Review number ${i}, fine product`, 'en'] as [string, string, string],
    );
    await insert(store, more);
    // a gate opened by the third concurrent call: the run would hang (and fail) without 3 calls in flight
    let arrived = 0;
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const parallel = createFakeProvider({
      fallback: async (request) => {
        arrived += 1;
        if (arrived >= 3) open();
        await gate;
        return answer(request);
      },
    });
    const second = await analyzeDocuments(store, config({ concurrency: 3 }), {
      engine: 'llm',
      provider: parallel,
    });
    expect(second.analysed).toBe(12);
    expect(parallel.maxActive).toBe(3);
  });

  it('stops cleanly when the budget is spent and the next run continues', async () => {
    await insert(
      store,
      Array.from(
        { length: 8 },
        (_, i) => [`d${i + 1}`, `Delivery number ${i} was slow`, 'en'] as [string, string, string],
      ),
    );
    // 1000 input tokens at 1 USD per million = 0.001 per call; calls start while spent < 0.0025 → 3 calls
    const llm = {
      concurrency: 1,
      budgetPerRun: 0.0025,
      prices: { tiny: { inputPerMillion: 1, outputPerMillion: 0, currency: 'USD' } },
    };
    const fake = createFakeProvider({ fallback: answer, model: 'tiny' });
    const first = await analyzeDocuments(store, config(llm), { engine: 'llm', provider: fake });
    expect(first).toMatchObject({ analysed: 3, pending: 8, remaining: 5, stopped: { reason: 'budget' } });
    expect(first.stopped?.message).toMatch(/budget exceeded/);
    expect(first.llm?.cost).toBeCloseTo(0.003, 9);
    expect((await sentimentRows(store)).map((r) => r.doc)).toEqual(['d1', 'd2', 'd3']);

    const again = createFakeProvider({ fallback: answer, model: 'tiny' });
    const next = await analyzeDocuments(store, config(llm), { engine: 'llm', provider: again });
    expect(next).toMatchObject({ analysed: 3, remaining: 2, stopped: { reason: 'budget' } });
    expect((await sentimentRows(store)).map((r) => r.doc)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6']);
  });

  it('analyses at most --limit documents, leaves bad answers for later, and fails loudly on a dead endpoint', async () => {
    await insert(
      store,
      Array.from(
        { length: 5 },
        (_, i) => [`d${i + 1}`, `Shipping ${i} was fine`, 'en'] as [string, string, string],
      ),
    );
    const limited = await analyzeDocuments(store, config(), { engine: 'lexicon', limit: 3 });
    expect(limited).toMatchObject({ analysed: 3, remaining: 2, stopped: { reason: 'limit' } });
    // a partial full re-analysis replaces only the rows of the documents it re-analysed; it takes the
    // least recently analysed first (never-analysed d4, d5 would come before d1 … d3)
    const partialFull = await analyzeDocuments(store, config(), { engine: 'lexicon', full: true, limit: 1 });
    expect(partialFull).toMatchObject({
      analysed: 1,
      pending: 5,
      remaining: 4,
      stopped: { reason: 'limit' },
    });
    const perRun = await store.query(
      "SELECT doc_id, model_run_id FROM doc_insights WHERE kind = 'sentiment' ORDER BY doc_id",
    );
    expect(perRun.map((r) => `${r.doc_id}:${r.model_run_id === partialFull.modelRunId}`)).toEqual([
      'd1:false',
      'd2:false',
      'd3:false',
      'd4:true',
    ]);
    const next = await analyzeDocuments(store, config(), { engine: 'lexicon', full: true, limit: 1 });
    const nextDoc = await store.query(
      "SELECT doc_id FROM doc_insights WHERE model_run_id = $1 AND kind = 'sentiment'",
      [next.modelRunId],
    );
    expect(nextDoc.map((r) => String(r.doc_id))).toEqual(['d5']);

    // three new documents; d7 always gets an answer that does not validate (the answer and two re-asks)
    await insert(
      store,
      [6, 7, 8].map((i) => [`d${i}`, `Shipping ${i} was fine`, 'en'] as [string, string, string]),
    );
    const fake = createFakeProvider({
      fallback: (request) =>
        request.messages.some((m) => m.content.includes('Shipping 7'))
          ? { text: '{"label": "great"}', usage: { inputTokens: 1, outputTokens: 1 }, finishReason: 'stop' }
          : answer(request),
    });
    const run = await analyzeDocuments(store, config({ concurrency: 1 }), { engine: 'llm', provider: fake });
    expect(run).toMatchObject({ analysed: 2, failed: 1, remaining: 1, stopped: null });
    expect((await sentimentRows(store)).map((r) => r.doc)).toEqual([
      'd1',
      'd2',
      'd3',
      'd4',
      'd5',
      'd6',
      'd8',
    ]);

    const dead = createFakeProvider({ fallback: { error: fakeHttpError(401) } });
    await expect(analyzeDocuments(store, config(), { engine: 'llm', provider: dead })).rejects.toThrow(
      /HTTP 401/,
    );
    await expect(analyzeDocuments(store, config(), { engine: 'lexicon', limit: 0 })).rejects.toThrow(
      /limit must be a positive integer/,
    );
  });

  it('says how to configure an LLM when none is', async () => {
    await expect(analyzeDocuments(store, config(), { engine: 'llm' })).rejects.toMatchObject({
      code: 'llm_not_configured',
      hint: expect.stringMatching(/llm.*provider/),
    });
  });
});
