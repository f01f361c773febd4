import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { findTable, rowSchema } from '../core/schema/index.js';
import { generateDemoData } from './generate-demo-data.js';
import type { DemoDataSet, DemoRow } from './types.js';

const data = generateDemoData({ seed: 11, customers: 600 });

function digest(dataSet: DemoDataSet): string {
  const hash = createHash('sha256');
  for (const [name, rows] of Object.entries(dataSet.tables)) hash.update(name).update(JSON.stringify(rows));
  return hash
    .update(JSON.stringify(dataSet.groundTruth))
    .update(JSON.stringify(dataSet.rawOverrides))
    .digest('hex');
}

function truth(kind: string): DemoRow[] {
  return data.groundTruth.filter((row) => row.kind === kind);
}

function ids(table: string): Set<string> {
  return new Set((data.tables[table] ?? []).map((row) => row.id as string));
}

describe('generateDemoData: shape', () => {
  it('fills every generated table with rows that validate against the data model', () => {
    const expected = [
      'customers',
      'identities',
      'products',
      'orders',
      'order_lines',
      'events',
      'campaigns',
      'campaign_stats',
      'touchpoints',
      'documents',
      'kb_articles',
      'experiments',
      'assignments',
      'consents',
      'dsr_requests',
    ];
    expect(Object.keys(data.tables).sort()).toEqual([...expected].sort());
    for (const [name, rows] of Object.entries(data.tables)) {
      const table = findTable(name);
      expect(table, name).toBeDefined();
      if (!table) continue;
      expect(rows.length, name).toBeGreaterThan(0);
      const schema = rowSchema(table);
      for (const row of rows) {
        const result = schema.safeParse(row);
        if (!result.success) throw new Error(`${name} row ${String(row.id)}: ${result.error.message}`);
      }
      expect(new Set(rows.map((r) => r.id)).size, `${name} ids unique`).toBe(rows.length);
    }
    const truthSchema = rowSchema(findTable('ground_truth') as NonNullable<ReturnType<typeof findTable>>);
    for (const row of data.groundTruth) expect(truthSchema.safeParse(row).success, String(row.id)).toBe(true);
    expect(new Set(data.groundTruth.map((r) => r.id)).size).toBe(data.groundTruth.length);
  });

  it('has exactly the requested number of customer records and ~200 products in 8 categories', () => {
    expect(data.tables.customers?.length).toBe(600);
    expect(data.tables.products?.length).toBe(200);
    expect(new Set(data.tables.products?.map((p) => p.category)).size).toBe(8);
    expect(data.options).toEqual({ seed: 11, customers: 600, start: '2023-01-01', months: 24 });
  });

  it('keeps references intact (no orphans outside the planted bad rows)', () => {
    const customers = ids('customers');
    const products = ids('products');
    const orders = ids('orders');
    const campaigns = ids('campaigns');
    for (const o of data.tables.orders ?? []) expect(customers.has(o.customer_id as string)).toBe(true);
    for (const l of data.tables.order_lines ?? []) {
      expect(orders.has(l.order_id as string)).toBe(true);
      expect(products.has(l.product_id as string)).toBe(true);
    }
    for (const e of data.tables.events ?? []) {
      if (e.customer_id !== null) expect(customers.has(e.customer_id as string)).toBe(true);
      if (e.product_id !== null) expect(products.has(e.product_id as string)).toBe(true);
    }
    for (const t of data.tables.touchpoints ?? []) {
      expect(customers.has(t.customer_id as string)).toBe(true);
      if (t.campaign_id !== null) expect(campaigns.has(t.campaign_id as string)).toBe(true);
    }
    for (const table of ['identities', 'assignments', 'consents']) {
      for (const row of data.tables[table] ?? [])
        expect(customers.has(row.customer_id as string), table).toBe(true);
    }
  });

  it('prices order lines to add up to the order total, in CNY for zh and USD for en customers', () => {
    const locale = new Map((data.tables.customers ?? []).map((c) => [c.id, c.locale]));
    const lineSum = new Map<string, number>();
    for (const l of data.tables.order_lines ?? []) {
      const net = (l.quantity as number) * (l.unit_price as number) - (l.discount_amount as number);
      lineSum.set(l.order_id as string, (lineSum.get(l.order_id as string) ?? 0) + net);
    }
    for (const o of data.tables.orders ?? []) {
      expect(lineSum.get(o.id as string)).toBeCloseTo(o.total_amount as number, 6);
      expect(o.currency).toBe(locale.get(o.customer_id as string) === 'zh' ? 'CNY' : 'USD');
    }
    const statuses = new Set(data.tables.orders?.map((o) => o.status));
    expect(statuses).toContain('completed');
    expect(statuses).toContain('returned');
    expect(statuses).toContain('cancelled');
  });

  it('mixes zh (~60 %) and en customers, channels and countries', () => {
    const customers = data.tables.customers ?? [];
    const zh = customers.filter((c) => c.locale === 'zh').length / customers.length;
    expect(zh).toBeGreaterThan(0.5);
    expect(zh).toBeLessThan(0.7);
    expect(new Set(customers.map((c) => c.acquisition_channel))).toEqual(
      new Set(['online', 'store', 'miniprogram']),
    );
    const countries = new Set(customers.map((c) => c.country));
    expect(countries).toContain('CN');
    expect(countries.size).toBeGreaterThan(4);
  });

  it('plants duplicate identities and records every customer → person', () => {
    const dup = truth('duplicate_identity');
    expect(dup.length).toBe(600);
    const persons = new Map<string, string[]>();
    for (const row of dup) {
      const value = row.value as { personId: string };
      persons.set(value.personId, [...(persons.get(value.personId) ?? []), row.key as string]);
    }
    const multi = [...persons.values()].filter((list) => list.length > 1);
    expect(multi.length).toBeGreaterThan(10);
    expect(multi.length).toBeLessThan(60);
    const byId = new Map((data.tables.customers ?? []).map((c) => [c.id as string, c]));
    for (const list of multi) {
      const channels = list.map((id) => byId.get(id)?.acquisition_channel);
      expect(new Set(channels).size, 'duplicates sit in different channels').toBe(list.length);
    }
    const secondaries = dup.filter((row) => !(row.value as { primary: boolean }).primary);
    expect(secondaries.some((row) => (row.value as { variants: string[] }).variants.length > 0)).toBe(true);
  });

  it('lists every planted bad row and its raw override', () => {
    const bad = truth('planted_bad_row');
    const problems = new Set(bad.map((row) => (row.value as { problem: string }).problem));
    for (const p of [
      'negative_total',
      'impossible_date',
      'non_numeric_amount',
      'missing_customer_id',
      'unknown_customer',
      'duplicate_id_exact',
      'duplicate_id_conflict',
      'invalid_email',
      'invalid_phone',
    ]) {
      expect(problems, p).toContain(p);
    }
    const overrides = data.rawOverrides.orders ?? [];
    expect(overrides.length).toBe(
      bad.filter((row) => (row.value as { table: string }).table === 'orders').length,
    );
    const orderIds = ids('orders');
    for (const o of overrides) expect(orderIds.has(o.afterId)).toBe(true);
    const impossible = overrides.find((o) => o.cellText?.ordered_at);
    expect(impossible?.cellText?.ordered_at).toMatch(/^\d{4}-02-30T/);
    expect(overrides.some((o) => o.cellText?.total_amount === 'N/A')).toBe(true);
    expect(overrides.some((o) => (o.row.total_amount as number) < 0)).toBe(true);
  });

  it('has documents in zh and en, a ~30-article knowledge base and a QA set', () => {
    const docs = data.tables.documents ?? [];
    expect(new Set(docs.map((d) => d.lang))).toEqual(new Set(['zh', 'en']));
    expect(new Set(docs.map((d) => d.source))).toEqual(new Set(['review', 'social', 'news', 'ticket']));
    expect(docs.length / 600).toBeGreaterThan(0.25);
    expect(docs.length / 600).toBeLessThan(0.7);
    const kb = data.tables.kb_articles ?? [];
    expect(kb.length).toBeGreaterThanOrEqual(30);
    const bodies = new Map(kb.map((a) => [a.id as string, a.body as string]));
    const answerable = data.qaSet.filter((q) => q.goldArticleId !== null);
    expect(answerable.length).toBeGreaterThanOrEqual(60);
    expect(data.qaSet.length - answerable.length).toBeGreaterThanOrEqual(15);
    for (const q of answerable) {
      expect(bodies.get(q.goldArticleId as string), q.id).toContain(q.answerContains);
      expect(q.goldArticleId?.startsWith(`kb_${q.lang}_`)).toBe(true);
    }
  });
});

describe('generateDemoData: determinism and options', () => {
  it('is the same for the same seed and differs for another seed', () => {
    const again = generateDemoData({ seed: 11, customers: 600 });
    expect(digest(again)).toBe(digest(data));
    expect(digest(generateDemoData({ seed: 12, customers: 600 }))).not.toBe(digest(data));
  });

  it('honours start and months, and rejects bad options', () => {
    const small = generateDemoData({ seed: 1, customers: 50, start: '2024-03-01', months: 3 });
    for (const o of small.tables.orders ?? []) {
      const t = (o.ordered_at as Date).getTime();
      expect(t).toBeGreaterThanOrEqual(Date.UTC(2024, 2, 1));
      expect(t).toBeLessThan(Date.UTC(2024, 5, 1));
    }
    expect(() => generateDemoData({ seed: 1, customers: 0 })).toThrow(InputError);
    expect(() => generateDemoData({ seed: 1.5, customers: 10 })).toThrow(InputError);
    expect(() => generateDemoData({ seed: 1, customers: 10, start: '2023-02-30' })).toThrow(InputError);
  });
});
