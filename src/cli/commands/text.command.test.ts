import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { configFileName } from '../../core/config.js';
import { startOpenAiTestServer, type TestServer } from '../../llm/testing/openai-test-server.js';
import { openStore } from '../../store/open-store.js';
import { runCli } from '../testing/run-cli.js';

/**
 * `marketmind text analyze --engine llm --limit` and `marketmind text summarize`, run in-process
 * like main() does, against a small workspace and the local OpenAI-compatible test server.
 */
const run = runCli;

afterEach(() => vi.restoreAllMocks());

const texts = [
  'The delivery was very slow and the courier never called.',
  'Shipping took ten days, far too slow for an express order.',
  '物流太慢了，等了整整一个星期才到货。',
  'Great quality fabric and careful stitching on the shirt.',
  '质量很好，做工精细，非常满意这次购买。',
];

describe('marketmind text analyze --engine llm and text summarize', () => {
  let dir: string;
  let db: string;
  let server: TestServer;
  const llmConfig = (url: string | null) =>
    writeFileSync(
      join(dir, configFileName),
      `${JSON.stringify({ brands: [{ key: 'larkspur', en: ['Larkspur'], zh: ['云雀'], ours: true }], ...(url ? { llm: { provider: 'openai-compatible', baseUrl: url, model: 'test-model', maxRetries: 0 } } : {}) }, null, 2)}\n`,
    );
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-text-cmd-'));
    db = join(dir, 'voice.duckdb');
    const store = await openStore({ engine: 'duckdb', path: db });
    try {
      await store.migrate();
      for (const [i, text] of texts.entries())
        await store.execute(
          `INSERT INTO documents (id, source, text, brand, ts) VALUES ($1, 'review', $2, 'Larkspur', $3)`,
          [`d${i + 1}`, text, new Date(Date.UTC(2026, 4, i + 1))],
        );
    } finally {
      await store.close();
    }
    server = await startOpenAiTestServer({
      reply: (request) => {
        const body = request.body as { messages: { role: string; content: string }[] };
        const all = body.messages.map((m) => m.content).join('\n');
        if (all.includes('quotes'))
          return { text: JSON.stringify({ claims: [{ text: 'Delivery is slow', quotes: ['q1'] }] }) };
        const negative = /slow|慢/.test(all.split('<data name="review">')[1] ?? '');
        return {
          text: JSON.stringify({
            label: negative ? 'negative' : 'positive',
            score: negative ? -0.7 : 0.7,
            confidence: 0.9,
            aspects: [],
          }),
        };
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses the LLM engine without an LLM, then analyses with it up to --limit', async () => {
    llmConfig(null);
    const refused = await run('text', 'analyze', '--engine', 'llm', '--dir', dir, '--db', db);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/none is configured/);
    llmConfig(server.url);
    const first = await run(
      'text',
      'analyze',
      '--engine',
      'llm',
      '--limit',
      '3',
      '--json',
      '--dir',
      dir,
      '--db',
      db,
    );
    expect(first.code, first.stderr).toBe(0);
    const run1 = JSON.parse(first.stdout);
    expect(run1).toMatchObject({ engine: 'openai-compatible/test-model', analysed: 3, remaining: 2 });
    expect(run1.stopped.reason).toBe('limit');
    const second = await run('text', 'analyze', '--engine', 'llm', '--dir', dir, '--db', db);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/engine openai-compatible\/test-model\): 2 documents analysed/);
    expect(second.stdout).toMatch(/LLM: 2 calls/);

    const summary = await run(
      'text',
      'summarize',
      '--aspect',
      'logistics',
      '--lang',
      'en',
      '--dir',
      dir,
      '--db',
      db,
    );
    expect(summary.code, summary.stderr).toBe(0);
    expect(summary.stdout).toContain(
      'Abstractive summary (grounded in quotes), engine openai-compatible/test-model',
    );
    expect(summary.stdout).toContain('Delivery is slow [q1].');
    expect(summary.stdout).toMatch(/\[q1\] .+ \(d\d, 2026-05-0\d\)/);

    const extractive = await run(
      'text',
      'summarize',
      '--engine',
      'extractive',
      '--lang',
      'zh',
      '--to',
      '2026-05-03',
      '--json',
      '--dir',
      dir,
      '--db',
      db,
    );
    expect(extractive.code, extractive.stderr).toBe(0);
    const doc = JSON.parse(extractive.stdout);
    expect(doc).toMatchObject({ kind: 'extractive', engine: 'extractive:mmr', lang: 'zh', documents: 3 });
    const bad = await run('text', 'summarize', '--lang', 'fr', '--dir', dir, '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--lang is "fr"/);
  });
});

describe('marketmind text train-sentiment', () => {
  it('trains with the default exact vocabulary and names the strongest n-grams, or hashed on request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-train-cmd-'));
    const db = join(dir, 'voice.duckdb');
    const good = ['质量很好', '非常满意', 'great quality', 'love it', '物流很快'];
    const bad = ['质量太差', '很失望', 'terrible quality', 'hate it', '物流太慢'];
    const rows = [1, 2, 3, 4, 5, 6].flatMap((k) => [
      ...good.map((t) => `"${t} ${k}",positive`),
      ...bad.map((t) => `"${t} ${k}",negative`),
    ]);
    writeFileSync(join(dir, 'labelled.csv'), `text,label\n${rows.join('\n')}\n`);
    const args = ['--input', join(dir, 'labelled.csv'), '--text-col', 'text', '--label-col', 'label'];
    const exact = await run('text', 'train-sentiment', ...args, '--c', '4', '--dir', dir, '--db', db);
    expect(exact.code, exact.stderr).toBe(0);
    expect(exact.stdout).toMatch(/features: word 1–2 \+ char 1–3-grams, \d+ n-grams in ≥ 2 texts, nb-tfidf/);
    expect(exact.stdout).toMatch(/strongest for positive: .*"(满意|很好|great|love)/);
    const hashed = await run(
      'text',
      'train-sentiment',
      ...args,
      '--hashed',
      '--weighting',
      'tfidf',
      '--json',
      '--dir',
      dir,
      '--db',
      db,
    );
    expect(hashed.code, hashed.stderr).toBe(0);
    const result = JSON.parse(hashed.stdout);
    expect(result).toMatchObject({ weighting: 'tfidf', columns: 1 << 20, topFeatures: null });
    expect(result.features.vocabulary).toBe('hashed');
    const badOption = await run(
      'text',
      'train-sentiment',
      ...args,
      '--min-df',
      '0',
      '--dir',
      dir,
      '--db',
      db,
    );
    expect(badOption.code).toBe(2);
  }, 60_000);
});
