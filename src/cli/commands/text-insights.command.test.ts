import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemoTables } from '../../app/testing/demo-tables.js';
import { demoVoiceConfig } from '../../app/text/demo-voice.js';
import { analyzeDocuments } from '../../app/text/text-analysis-service.js';
import { configFileName } from '../../core/config.js';
import { generateDemoData } from '../../demo/index.js';
import { openStore } from '../../store/open-store.js';
import { runCli } from '../testing/run-cli.js';

/**
 * `marketmind text insights` on a small demo workspace (1 500 customers ≈ 650 documents, analysed
 * with the lexicon engine), run in-process through main().
 */
const run = runCli;

afterEach(() => vi.restoreAllMocks());

describe('marketmind text insights', () => {
  let dir: string;
  let db: string;
  let runId: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-text-insights-'));
    db = join(dir, 'voice.duckdb');
    const config = { ...demoVoiceConfig(dir), dbPath: db };
    writeFileSync(join(dir, configFileName), `${JSON.stringify({ brands: config.brands }, null, 2)}\n`);
    const store = await openStore({ engine: 'duckdb', path: db });
    try {
      await store.migrate();
      await loadDemoTables(store, generateDemoData({ seed: 3, customers: 1500 }), ['documents', 'products']);
      runId = String((await analyzeDocuments(store, config, { engine: 'lexicon' })).modelRunId);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('--json prints the whole insights document with ISO dates, topics and aspect terms', async () => {
    const result = await run('text', 'insights', '--json', '--bucket', 'month', '--dir', dir, '--db', db);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.engine).toBe('lexicon');
    expect(doc.modelRunId).toBe(runId);
    expect(doc.ours).toBe('larkspur');
    expect(doc.dataWindow.start).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(doc.sentimentTrend.bucket).toBe('month');
    expect(doc.topics.bucket).toBe('month');
    expect(doc.topics.buckets).toEqual(doc.sentimentTrend.buckets.slice(0, doc.topics.buckets.length));
    expect(doc.topics.topics.length).toBeGreaterThanOrEqual(2);
    for (const topic of doc.topics.topics) {
      expect(topic.shareByBucket).toHaveLength(doc.topics.buckets.length);
      expect(topic.examples[0].ts).toMatch(/T.*Z$/);
    }
    expect(doc.topics.sampled).toBe(doc.topics.total);
    expect(doc.aspectTerms.terms.length).toBeGreaterThan(0);
    expect(doc.aspectTerms.terms[0]).toEqual({
      aspect: expect.any(String),
      term: expect.any(String),
      lang: expect.stringMatching(/^(zh|en)$/),
      score: expect.any(Number),
      support: expect.any(Number),
    });
  });

  it('prints a readable summary in English, and in Chinese with --lang zh', async () => {
    const en = await run('text', 'insights', '--dir', dir, '--db', db);
    expect(en.code, en.stderr).toBe(0);
    for (const part of [
      `text.analyze run ${runId}`,
      '== Sentiment trend (week, last 8)',
      '== Top drivers',
      '== Emerging terms',
      '== Spike alerts',
      '== Share of voice',
      '== Topics (spherical k-means',
      '== Candidate aspect terms',
    ])
      expect(en.stdout).toContain(part);
    const zh = await run('--lang', 'zh', 'text', 'insights', '--dir', dir, '--db', db);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('情感引擎 lexicon');
    expect(zh.stdout).toContain('== 主题');
  });

  it('reads one run with --run and rejects an unknown run or bucket with exit 2', async () => {
    const one = await run('text', 'insights', '--json', '--run', runId, '--dir', dir, '--db', db);
    expect(one.code, one.stderr).toBe(0);
    expect(JSON.parse(one.stdout).modelRunIds).toEqual([runId]);
    const unknown = await run('text', 'insights', '--run', 'run_nope', '--dir', dir, '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--run is "run_nope"; there is no text.analyze run with that id');
    const bucket = await run('text', 'insights', '--bucket', 'year', '--dir', dir, '--db', db);
    expect(bucket.code).toBe(2);
    expect(bucket.stderr).toContain('--bucket is "year"; allowed: day, week, month');
  });

  it('refuses a workspace that does not exist', async () => {
    const missing = join(dir, 'nope');
    const result = await run('text', 'insights', '--dir', missing);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('There is no Marketmind store');
  });
});
