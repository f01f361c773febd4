import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import { type DemoRow, generateDemoData } from '../../demo/index.js';
import type { SqlValue, Store } from '../../store/store.js';
import { closeTestStore, testStores } from '../../store/testing/test-stores.js';
import { loadTopPaths, type PathOptions, type PathRow } from './paths-sql.js';

/**
 * loadTopPaths against an independent JS computation of the documented definitions over the demo
 * events (seed 5, 1000 customers) plus hand-made edge sessions, on DuckDB always and PostgreSQL
 * when MARKETMIND_PG_URL is set.
 */

const demo = generateDemoData({ seed: 5, customers: 1000 });

function edge(id: string, session: string, type: string, iso: string, page: string | null = null): DemoRow {
  return {
    id,
    session_id: session,
    customer_id: null,
    event_type: type,
    page,
    product_id: null,
    ts: new Date(iso),
    device: 'desktop',
    channel: 'edge',
    value: null,
    properties: null,
  };
}

/** Edge sessions in 2030 (after the demo window), listed out of time order. */
const edgeRows: DemoRow[] = [
  // converts at once: empty path
  edge('y_01', 'p_direct', 'purchase', '2030-01-01T00:00:00Z'),
  edge('y_02', 'p_direct', 'page_view', '2030-01-01T00:05:00Z'),
  // repeats collapsed, events after the first conversion ignored, rows out of order
  edge('y_06', 'p_repeat', 'purchase', '2030-01-02T00:04:00Z'),
  edge('y_03', 'p_repeat', 'page_view', '2030-01-02T00:00:00Z', '/'),
  edge('y_04', 'p_repeat', 'page_view', '2030-01-02T00:01:00Z', '/a'),
  edge('y_05', 'p_repeat', 'search', '2030-01-02T00:02:00Z'),
  edge('y_07', 'p_repeat', 'checkout', '2030-01-02T00:05:00Z'),
  edge('y_08', 'p_repeat', 'purchase', '2030-01-02T00:06:00Z'),
  // a tie in time with the conversion: the event id decides (y_10 < y_11: before the purchase)
  edge('y_09', 'p_tie', 'page_view', '2030-01-03T00:00:00Z'),
  edge('y_11', 'p_tie', 'purchase', '2030-01-03T00:01:00Z'),
  edge('y_10', 'p_tie', 'search', '2030-01-03T00:01:00Z'),
  // abandoned
  edge('y_12', 'p_abandon', 'search', '2030-01-04T00:00:00Z'),
  edge('y_13', 'p_abandon', 'search', '2030-01-04T00:01:00Z'),
];

const events: DemoRow[] = [...(demo.tables.events ?? []), ...edgeRows];

async function load(store: Store): Promise<void> {
  const spec = findTable('events') as TableSpec;
  await store.bulkInsert(
    'events',
    spec.columns,
    events.map((row) => spec.columns.map((column) => (row[column.name] ?? null) as SqlValue)),
  );
}

const separator = '\u001f';

function referencePaths(
  options: Required<Pick<PathOptions, 'conversionEvent' | 'length' | 'label' | 'top' | 'collapseRepeats'>>,
) {
  const bySession = new Map<string, DemoRow[]>();
  for (const e of events) {
    const list = bySession.get(e.session_id as string) ?? [];
    list.push(e);
    bySession.set(e.session_id as string, list);
  }
  const counts = new Map<string, { converted: number; abandoned: number }>();
  let converted = 0;
  let abandoned = 0;
  for (const list of bySession.values()) {
    list.sort(
      (a, b) =>
        (a.ts as Date).getTime() - (b.ts as Date).getTime() || ((a.id as string) < (b.id as string) ? -1 : 1),
    );
    const firstConversion = list.findIndex((e) => e.event_type === options.conversionEvent);
    const before = firstConversion < 0 ? list : list.slice(0, firstConversion);
    const labels: string[] = [];
    let previous: string | null = null;
    for (const e of before) {
      const label =
        options.label === 'page'
          ? ((e.page as string | null) ?? (e.event_type as string))
          : (e.event_type as string);
      if (!(options.collapseRepeats && previous === label)) labels.push(label);
      previous = label;
    }
    const key = labels.slice(0, options.length).join(separator);
    const entry = counts.get(key) ?? { converted: 0, abandoned: 0 };
    if (firstConversion >= 0) {
      entry.converted++;
      converted++;
    } else {
      entry.abandoned++;
      abandoned++;
    }
    counts.set(key, entry);
  }
  const top = (outcome: 'converted' | 'abandoned', total: number): PathRow[] =>
    [...counts.entries()]
      .filter(([, c]) => c[outcome] > 0)
      .sort(([pa, a], [pb, b]) => b[outcome] - a[outcome] || (pa < pb ? -1 : pa > pb ? 1 : 0))
      .slice(0, options.top)
      .map(([path, c]) => ({
        path: path === '' ? [] : path.split(separator),
        sessions: c[outcome],
        share: c[outcome] / total,
        pathConversionRate: c.converted / (c.converted + c.abandoned),
      }));
  return {
    converted,
    abandoned,
    toConversion: top('converted', converted),
    toAbandonment: top('abandoned', abandoned),
  };
}

function expectRows(actual: readonly PathRow[], expected: readonly PathRow[]): void {
  expect(actual.map((r) => [r.path, r.sessions])).toEqual(expected.map((r) => [r.path, r.sessions]));
  actual.forEach((row, i) => {
    expect(row.share).toBeCloseTo(expected[i]?.share as number, 12);
    expect(row.pathConversionRate).toBeCloseTo(expected[i]?.pathConversionRate as number, 12);
  });
}

describe.each(testStores('paths SQL'))('loadTopPaths on %s', (_engine, open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await store.migrate();
    await load(store);
  }, 60_000);
  afterAll(() => closeTestStore(store));

  it.each([
    { conversionEvent: 'purchase', length: 4, label: 'event_type', top: 10, collapseRepeats: true },
    { conversionEvent: 'purchase', length: 3, label: 'page', top: 8, collapseRepeats: true },
    { conversionEvent: 'checkout', length: 5, label: 'event_type', top: 12, collapseRepeats: false },
  ] as const)('equals the JS reference on the demo events (%o)', async (options) => {
    const result = await loadTopPaths(store, options);
    const expected = referencePaths(options);
    expect(result.convertedSessions).toBe(expected.converted);
    expect(result.abandonedSessions).toBe(expected.abandoned);
    expect(result.convertedSessions).toBeGreaterThan(100);
    expectRows(result.toConversion, expected.toConversion);
    expectRows(result.toAbandonment, expected.toAbandonment);
  });

  it('handles conversion first, repeats, events after conversion, ties and abandonment (edge sessions)', async () => {
    const result = await loadTopPaths(store, {
      top: 1000,
      length: 5,
      from: new Date('2030-01-01T00:00:00Z'),
    });
    expect(result.convertedSessions).toBe(3);
    expect(result.abandonedSessions).toBe(1);
    expect(result.toConversion).toEqual([
      { path: ['page_view', 'search'], sessions: 2, share: 2 / 3, pathConversionRate: 1 },
      { path: [], sessions: 1, share: 1 / 3, pathConversionRate: 1 },
    ]);
    expect(result.toAbandonment).toEqual([
      { path: ['search'], sessions: 1, share: 1, pathConversionRate: 0 },
    ]);
    const pages = await loadTopPaths(store, {
      label: 'page',
      collapseRepeats: false,
      from: new Date('2030-01-02T00:00:00Z'),
      to: new Date('2030-01-03T00:00:00Z'),
    });
    expect(pages.toConversion).toEqual([
      { path: ['/', '/a', 'search'], sessions: 1, share: 1, pathConversionRate: 1 },
    ]);
    const none = await loadTopPaths(store, {
      conversionEvent: 'never_happens',
      from: new Date('2030-01-04T00:00:00Z'),
    });
    expect(none).toMatchObject({ convertedSessions: 0, abandonedSessions: 1, toConversion: [] });
  });

  it('rejects bad options with InputError', async () => {
    const bad: unknown[] = [
      { conversionEvent: '' },
      { length: 0 },
      { length: 2.5 },
      { top: 0 },
      { label: 'url' },
      { collapseRepeats: 'yes' },
      { from: new Date('2030-01-02'), to: new Date('2030-01-01') },
    ];
    for (const options of bad) {
      await expect(loadTopPaths(store, options as PathOptions)).rejects.toBeInstanceOf(InputError);
    }
  });
});
