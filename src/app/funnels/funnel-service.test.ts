import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import { generateDemoData } from '../../demo/index.js';
import { renderReport } from '../../report/index.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { runFunnel } from './funnel-service.js';
import { buildFunnelSection } from './report/funnel-section.js';

const demo = generateDemoData({ seed: 5, customers: 3000 });

describe.each(testStores('funnel service'))('funnel service on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    const spec = findTable('events') as TableSpec;
    await store.bulkInsert(
      'events',
      spec.columns,
      (demo.tables.events ?? []).map((row) => spec.columns.map((c) => (row[c.name] ?? null) as SqlValue)),
    );
    if (store.dialect === 'postgres') await store.execute('ANALYZE events');
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it('finds the planted mobile checkout drop-off as the one pain point, records a run, renders en/zh', async () => {
    const run = await runFunnel(store);
    expect(run.modelRunId).toMatch(/^run_/);
    const pains = run.painPoints?.painPoints ?? [];
    expect(pains.map((p) => `${p.segment}:${p.fromStep}`)).toEqual(['mobile:checkout']);
    expect(run.paths.toConversion.length).toBeGreaterThan(0);
    const section = buildFunnelSection(run);
    const html = renderReport(
      { title: { en: 't', zh: 't' }, generatedAt: new Date(0), sections: [section] },
      'zh',
    );
    expect(html).toContain('痛点');
    expect(html).not.toContain('NaN');
  }, 60_000);
});
