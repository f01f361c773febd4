import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lintPiece } from '../../content/index.js';
import { type LoadedConfig, parseConfig } from '../../core/config.js';
import { InputError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import type { Store } from '../../store/store.js';
import { listContent, setContentStatus, storedPiece } from './content-review.js';
import { generateContent, lintOptions } from './content-service.js';

/** Template generation without any LLM, and the draft → approved → sent workflow with its lint gate. */

const cfg: LoadedConfig = {
  ...parseConfig(
    { brand: { name: { en: 'Larkspur', zh: '云雀' }, bannedWords: { en: ['cheap'], zh: ['便宜货'] } } },
    'test',
  ),
  dir: process.cwd(),
  dbPath: ':memory:',
};

describe('content without an LLM, and its review', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore({ engine: 'duckdb', path: ':memory:' });
    await store.migrate();
    await store.execute(
      `INSERT INTO products (id, sku, name, name_zh, category, brand, price, cost, currency, description)
       VALUES ('p1', 'S1', 'Trail shoes', '越野跑鞋', 'shoes', 'Larkspur', 899, 300, 'CNY', 'material: mesh; weight: 260 g')`,
    );
  });
  afterEach(async () => {
    await store.close();
  });

  it('writes labelled template content that passes lint, in both languages, and stores drafts', async () => {
    for (const locale of ['en', 'zh'] as const) {
      const result = await generateContent(store, cfg, {
        kind: 'email',
        locale,
        productId: 'p1',
        occasion: 'win_back',
        offer: { discountPercent: 15, couponSlot: true },
        variants: 3,
        seed: 7,
        engine: 'auto',
      });
      expect(result.engine).toBe('template');
      expect(result.notes).toContain('No LLM configured: template engine used.');
      expect(result.pieces).toHaveLength(3);
      for (const p of result.pieces) {
        expect(p.lint.passed).toBe(true);
        expect(p.piece.source).toMatch(/^template:email\./);
      }
    }
    const stored = await listContent(store, { status: 'draft' });
    expect(stored).toHaveLength(6);
    expect(new Set(stored.map((s) => s.engine))).toEqual(new Set(['template']));
    const runs = await store.query("SELECT COUNT(*) AS n FROM model_runs WHERE kind = 'content.generate'");
    expect(Number(runs[0]?.n)).toBe(2);
  });

  it('refuses bad requests with the reason', async () => {
    await expect(
      generateContent(store, cfg, {
        kind: 'description',
        locale: 'en',
        variants: 1,
        seed: 1,
        engine: 'auto',
      }),
    ).rejects.toThrow(/needs a product/);
    await expect(
      generateContent(store, cfg, {
        kind: 'ad',
        format: 'email',
        locale: 'en',
        variants: 1,
        seed: 1,
        engine: 'auto',
      }),
    ).rejects.toThrow(/not a format of ad/);
    await expect(
      generateContent(store, cfg, {
        kind: 'ad',
        locale: 'en',
        productId: 'nope',
        variants: 1,
        seed: 1,
        engine: 'auto',
      }),
    ).rejects.toThrow(/no product with id "nope"/);
    await expect(
      generateContent(store, cfg, { kind: 'ad', locale: 'en', variants: 1, seed: 1, engine: 'llm' }),
    ).rejects.toThrow(/needs an LLM/);
  });

  it('approves only lint-clean pieces, all or nothing, and sends only approved ones', async () => {
    const result = await generateContent(store, cfg, {
      kind: 'ad',
      format: 'sms',
      locale: 'zh',
      productId: 'p1',
      occasion: 'promotion',
      variants: 2,
      seed: 1,
      engine: 'template',
    });
    const [a, b] = result.pieces.map((p) => p.id) as [string, string];
    // a reviewer edits piece b into something non-compliant
    const bad = { text: '全网最低价，便宜货清仓！' };
    await store.execute(`UPDATE generated_content SET details = $1, text = $2 WHERE id = $3`, [
      { fields: bad },
      bad.text,
      b,
    ]);
    await expect(setContentStatus(store, cfg, [a], 'approved')).rejects.toThrow(/--reviewer/);
    const refused = setContentStatus(store, cfg, [a, b], 'approved', 'lin');
    await expect(refused).rejects.toBeInstanceOf(InputError);
    await expect(refused).rejects.toThrow(/fails lint/);
    // all or nothing: a is still a draft
    expect((await listContent(store)).find((c) => c.id === a)?.status).toBe('draft');
    await expect(setContentStatus(store, cfg, [a], 'sent')).rejects.toThrow(/only from approved/);
    await setContentStatus(store, cfg, [a], 'approved', 'lin');
    await setContentStatus(store, cfg, [a], 'sent');
    await expect(setContentStatus(store, cfg, ['missing'], 'rejected')).rejects.toThrow(
      /no generated content/,
    );
    // every approved or sent piece passes lint
    const released = [
      ...(await listContent(store, { status: 'approved' })),
      ...(await listContent(store, { status: 'sent' })),
    ];
    expect(released.map((c) => c.id)).toEqual([a]);
    for (const c of released) expect(lintPiece(storedPiece(c), lintOptions(cfg)).passed).toBe(true);
  });
});
