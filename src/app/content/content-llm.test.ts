import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtInPrompts, promptIdByKind } from '../../content/index.js';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { formatPromptFile } from '../../core/prompt-file.js';
import { startOpenAiTestServer, type TestServer } from '../../llm/testing/openai-test-server.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { generateContent } from './content-service.js';

/**
 * The LLM path of content generation over real HTTP against the local OpenAI-compatible test
 * server: planted personal data never reaches the wire (every request body is searched), the
 * response cache makes a repeated run issue zero calls, and a budget stops new calls (the piece
 * then comes from the template engine, with a note).
 */

const planted = {
  email: 'jane.roe@example.com',
  phone: '13800138000',
  phoneSpaced: '138 0013 8000',
  cnId: '11010519491231002X',
  card: '4111 1111 1111 1111',
};

// A product whose description carries personal data (a supplier contact pasted into the PIM).
const productRow = [
  'p1',
  'SKU-1',
  'Merino scarf',
  '美利奴羊毛围巾',
  'accessories',
  'Larkspur',
  39,
  12,
  'USD',
  null,
  `material: merino wool; supplier contact: ${planted.email}, ${planted.phoneSpaced}; id ${planted.cnId}; card ${planted.card}`,
];

const goodAnswer = JSON.stringify({
  variants: [
    { headline: 'Soft merino, warm days', description: 'Light, warm and easy to care for. Order today.' },
  ],
});

function config(extra: Record<string, unknown>, url: string): LoadedConfig {
  return {
    ...parseConfig(
      {
        llm: { provider: 'openai-compatible', baseUrl: url, model: 'test-model', ...extra },
        brand: { name: { en: 'Larkspur', zh: '云雀' } },
      },
      'test',
    ),
    dir: process.cwd(),
    dbPath: ':memory:',
  };
}

describe('content generation through an LLM over HTTP', () => {
  let server: TestServer;
  let store: Store;

  beforeAll(async () => {
    server = await startOpenAiTestServer({ reply: () => ({ text: goodAnswer }) });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(async () => {
    store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await store.execute(
      `INSERT INTO products (id, sku, name, name_zh, category, brand, price, cost, currency, launched_at, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      productRow,
    );
    server.setReply(() => ({ text: goodAnswer }));
  });
  afterEach(async () => {
    await store.close();
  });

  const options = {
    kind: 'ad' as const,
    format: 'search_ad' as const,
    locale: 'en' as const,
    productId: 'p1',
    variants: 1,
    seed: 3,
    engine: 'auto' as const,
  };

  it('sends no planted personal data: every request body is searched', async () => {
    const before = server.requests.length;
    const result = await generateContent(store, config({}, server.url), options);
    expect(result.engine).toBe('openai-compatible/test-model');
    const sent = server.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    const wire = sent.map((r) => r.rawBody).join('\n');
    // the product's other facts did go out (so the test is not vacuous) …
    expect(wire).toContain('merino wool');
    // … but none of the personal data, in any spelling
    for (const value of Object.values(planted)) expect(wire).not.toContain(value);
    expect(wire.replace(/\D/g, '')).not.toContain('4111111111111111');
    const calls = await store.query('SELECT * FROM llm_calls');
    expect(calls.length).toBeGreaterThan(0);
    const redactions = calls[0]?.redactions as Record<string, number>;
    expect(redactions.email).toBeGreaterThanOrEqual(1);
    expect(redactions.phone).toBeGreaterThanOrEqual(1);
    // the call log and cache hold hashes and answers, never the prompt
    const stored = JSON.stringify([calls, await store.query('SELECT * FROM llm_cache')]);
    for (const value of Object.values(planted)) expect(stored).not.toContain(value);
    expect(String(calls[0]?.prompt_hash)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a repeated run from the cache: zero provider calls', async () => {
    const cfg = config({}, server.url);
    const first = await generateContent(store, cfg, options);
    const before = server.requests.length;
    const second = await generateContent(store, cfg, options);
    expect(server.requests.length).toBe(before);
    expect(second.llm?.providerCalls).toBe(0);
    expect(second.llm?.cachedCalls).toBeGreaterThan(0);
    expect(second.pieces.map((p) => p.piece.fields)).toEqual(first.pieces.map((p) => p.piece.fields));
  });

  it('stops calling once the run budget is spent, and falls back to templates with a note', async () => {
    // an answer that fails lint needs a repair call; the first call already spent the budget
    server.setReply(() => ({
      text: JSON.stringify({
        variants: [{ headline: 'The best scarf ever made', description: 'Clinically proven to cure colds.' }],
      }),
    }));
    const cfg = config(
      {
        prices: {
          'test-model': { inputPerMillion: 1_000_000, outputPerMillion: 1_000_000, currency: 'USD' },
        },
        budgetPerRun: 1,
      },
      server.url,
    );
    const before = server.requests.length;
    const result = await generateContent(store, cfg, { ...options, seed: 99 });
    expect(server.requests.length - before).toBe(1);
    expect(result.engine).toBe('template');
    expect(result.notes.join(' ')).toContain('llm_budget_exceeded');
    const stops = await store.query("SELECT COUNT(*) AS n FROM llm_calls WHERE status = 'budget_exceeded'");
    expect(Number(stops[0]?.n)).toBe(1);
  });

  it('uses a prompt override from llm.promptsDir and records its version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-prompts-'));
    try {
      const builtIn = builtInPrompts.get(`${promptIdByKind.ad}.en`);
      if (!builtIn) throw new Error('no built-in ad prompt');
      const override = {
        ...builtIn,
        version: builtIn.version + 6,
        system: `${builtIn.system}\nHOUSE-STYLE-MARKER`,
      };
      await writeFile(join(dir, `${builtIn.id}.en.md`), formatPromptFile(override));
      const before = server.requests.length;
      const result = await generateContent(store, config({ promptsDir: dir }, server.url), {
        ...options,
        seed: 8,
      });
      expect(result.pieces[0]?.piece.source).toBe(`${builtIn.id}@${override.version}`);
      expect(
        server.requests
          .slice(before)
          .map((r) => r.rawBody)
          .join(''),
      ).toContain('HOUSE-STYLE-MARKER');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('repairs a piece that fails lint with a second call', async () => {
    let calls = 0;
    server.setReply(() => {
      calls += 1;
      return calls === 1
        ? {
            text: JSON.stringify({
              variants: [{ headline: 'The No.1 scarf', description: 'Clinically proven to cure colds.' }],
            }),
          }
        : { text: goodAnswer };
    });
    const result = await generateContent(store, config({}, server.url), { ...options, seed: 5 });
    expect(calls).toBe(2);
    expect(result.pieces[0]?.repairedBy).toEqual(['llm']);
    expect(result.pieces[0]?.lint.passed).toBe(true);
  });
});
