import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { startOpenAiTestServer } from '../../llm/testing/openai-test-server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { trainSentimentFromFile } from './sentiment-models.js';
import { analyzeDocuments } from './text-analysis-service.js';
import { evaluateSentimentEngines } from './text-eval.js';

/** The VOC use cases on a small store: incremental analysis, bad documents, training and evaluation. */

const config = (extra: Record<string, unknown> = {}): LoadedConfig => ({
  ...parseConfig(
    {
      brand: { name: { en: 'Larkspur', zh: '云雀' } },
      brands: [
        { key: 'larkspur', en: ['Larkspur'], zh: ['云雀'], ours: true, exclude: ['一只云雀'] },
        { key: 'fernhill', en: ['Fernhill'], zh: ['蕨山'] },
      ],
      ...extra,
    },
    'test',
  ),
  dir: process.cwd(),
  dbPath: ':memory:',
});

const documents: [string, string, string | null][] = [
  ['d1', '云雀的质量很好，但是物流太慢了', 'zh'],
  ['d2', 'Fernhill shoes are cheap but the quality is terrible.', 'en'],
  ['d3', '', null],
  ['d4', '😊😊👍', null],
  ['d5', '<p>Great <b>service</b> &amp; fast delivery!</p>', 'en'],
  ['d6', `价格便宜${'。非常满意'.repeat(3000)}`, 'zh'],
  ['d7', 'Larkspur 的包装很精美 but shipping was slow', null],
  ['d8', '窗外一只云雀在唱歌。', 'zh'],
  ['d9', 'bad \uFFFD bytes \uFFFD here, awful', 'en'],
];

async function insert(store: Store, rows: typeof documents) {
  for (const [id, text, lang] of rows)
    await store.execute(
      `INSERT INTO documents (id, source, lang, text, brand, ts) VALUES ($1, 'review', $2, $3, 'Larkspur', $4)`,
      [id, lang, text, new Date('2026-05-01T10:00:00Z')],
    );
}

describe('text analysis', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  it('analyses every document, survives bad ones, and only new documents on the next run', async () => {
    await insert(store, documents);
    const run = await analyzeDocuments(store, config());
    expect(run.analysed).toBe(documents.length);
    expect(run.engine).toBe('lexicon');
    expect(run.truncated).toBe(1);
    const sentiment = new Map(
      (await store.query("SELECT doc_id, label FROM doc_insights WHERE kind = 'sentiment'")).map((r) => [
        String(r.doc_id),
        String(r.label),
      ]),
    );
    expect(sentiment.get('d2')).toBe('negative');
    expect(sentiment.get('d3')).toBe('unknown');
    expect(sentiment.get('d4')).toBe('unknown');
    expect(sentiment.get('d5')).toBe('positive');
    expect(sentiment.get('d9')).toBe('negative');
    const aspects = await store.query(
      "SELECT doc_id, label, details FROM doc_insights WHERE kind = 'aspect' AND doc_id = 'd1'",
    );
    const polarity = Object.fromEntries(
      aspects.map((a) => [String(a.label), (a.details as { polarity: string }).polarity]),
    );
    expect(polarity).toMatchObject({ quality: 'positive', logistics: 'negative' });
    const mentions = await store.query(
      "SELECT doc_id, label FROM doc_insights WHERE kind = 'brand_mention' ORDER BY doc_id",
    );
    expect(mentions.map((m) => `${m.doc_id}:${m.label}`)).toEqual([
      'd1:larkspur',
      'd2:fernhill',
      'd7:larkspur',
    ]);
    const attributed = await store.query(
      "SELECT label FROM doc_insights WHERE kind = 'brand_aspect' AND doc_id = 'd2'",
    );
    expect(attributed.map((a) => String(a.label))).toContain('fernhill:quality');

    const again = await analyzeDocuments(store, config());
    expect(again).toMatchObject({ analysed: 0, skipped: documents.length, modelRunId: null });
    await insert(store, [['d10', '客服态度很差', 'zh']]);
    const next = await analyzeDocuments(store, config());
    expect(next.analysed).toBe(1);
    const full = await analyzeDocuments(store, config(), { full: true });
    expect(full.analysed).toBe(documents.length + 1);
    const perDoc = await store.query(
      "SELECT doc_id, COUNT(*) AS n FROM doc_insights WHERE kind = 'sentiment' GROUP BY doc_id HAVING COUNT(*) > 1",
    );
    expect(perDoc).toEqual([]);

    // limited full re-analyses walk through the corpus, least recently analysed first
    const seen: string[] = [];
    for (let round = 0; round < 3; round++) {
      const partial = await analyzeDocuments(store, config(), { full: true, limit: 4 });
      const rows = await store.query(
        "SELECT doc_id FROM doc_insights WHERE model_run_id = $1 AND kind = 'sentiment'",
        [partial.modelRunId],
      );
      seen.push(...rows.map((r) => String(r.doc_id)));
    }
    expect(new Set(seen).size).toBe(Math.min(12, documents.length + 1));
  });

  it('trains on a labelled file, uses the model, and compares engines (the LLM over HTTP)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-text-'));
    const server = await startOpenAiTestServer({
      reply: (request) => {
        const messages = (request.body as { messages: { role: string; content: string }[] }).messages;
        const review = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
        const negative = /差|慢|terrible|broke|awful|失望/i.test(review);
        return {
          text: JSON.stringify({
            label: negative ? 'negative' : 'positive',
            score: negative ? -0.8 : 0.8,
            confidence: 0.9,
          }),
        };
      },
    });
    try {
      const good = [
        '质量很好，非常满意',
        '物流很快，推荐购买',
        'Great quality, love it',
        'Fast delivery and works well',
        '包装精美，性价比高',
        'Excellent service, will buy again',
      ];
      const bad = [
        '质量太差了，很失望',
        '物流太慢，客服也不理人',
        'Terrible quality, it broke',
        'Awful service, never again',
        '包装破损，退货了',
        'Slow delivery and a broken box',
      ];
      const rows = Array.from({ length: 10 }, (_, k) => [
        ...good.map((t) => `"${t} ${k}",positive`),
        ...bad.map((t) => `"${t} ${k}",negative`),
      ]).flat();
      const file = join(dir, 'labelled.csv');
      await writeFile(file, `text,label\n${rows.join('\n')}\n`);
      const trained = await trainSentimentFromFile(store, file, {
        textColumn: 'text',
        labelColumn: 'label',
        c: 4,
      });
      expect(trained.trainedOn).toBe(120);
      expect(trained.validation.accuracy).toBeGreaterThan(0.8);

      const evalFile = join(dir, 'eval.csv');
      await writeFile(
        evalFile,
        'text,label\n质量很好,1\n太差了很失望,0\nGreat quality,1\nTerrible and broke,0\n',
      );
      const result = await evaluateSentimentEngines(
        store,
        config({ llm: { provider: 'openai-compatible', baseUrl: server.url, model: 'test-model' } }),
        evalFile,
        { textColumn: 'text', labelColumn: 'label', engines: ['lexicon', 'trained', 'llm'] },
      );
      expect(result.engines.map((e) => e.engine)).toEqual([
        'lexicon',
        `trained:${trained.modelRunId}`,
        'openai-compatible/test-model',
      ]);
      for (const e of result.engines) expect([e.engine, e.report?.accuracy]).toEqual([e.engine, 1]);
      expect(result.engines[2]?.llm?.calls).toBe(4);

      await insert(store, [['t1', '质量太差了', 'zh']]);
      const run = await analyzeDocuments(store, config(), { engine: 'trained' });
      expect(run.engine).toBe(`trained:${trained.modelRunId}`);

      await writeFile(join(dir, 'bad.csv'), 'text,label\nok,positive\n,negative\n');
      await expect(
        trainSentimentFromFile(store, join(dir, 'bad.csv'), { textColumn: 'text', labelColumn: 'label' }),
      ).rejects.toThrow(/row \d: text is empty/);
      await expect(
        trainSentimentFromFile(store, evalFile, { textColumn: 'review', labelColumn: 'label' }),
      ).rejects.toThrow(/no column "review"/);
      await writeFile(join(dir, 'odd.csv'), 'text,label\nfine,maybe\n');
      await expect(
        evaluateSentimentEngines(store, config(), join(dir, 'odd.csv'), {
          textColumn: 'text',
          labelColumn: 'label',
          engines: ['lexicon'],
        }),
      ).rejects.toThrow(/"maybe" are not sentiment labels/);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses the trained engine when there is no model', async () => {
    await expect(analyzeDocuments(store, config(), { engine: 'trained' })).rejects.toThrow(
      /no trained sentiment model/,
    );
  });
});
