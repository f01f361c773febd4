import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoSummary, runDemo } from '../../src/app/demo/run-demo.js';
import { silentProgress } from '../../src/app/progress.js';
import type { TableQualityReport } from '../../src/app/quality/quality-report.js';
import { checkTableQuality } from '../../src/app/quality/table-quality.js';
import { generateDemoData } from '../../src/demo/index.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';

/**
 * The demo's planted bad data must be found: rows that should be rejected end in quarantine
 * with the right reason, rows that should be flagged show up in the quality report, nothing else
 * is flagged as invalid.
 */

interface Planted {
  readonly table: string;
  readonly id: string;
  readonly problem: string;
  readonly expected: 'reject' | 'flag' | 'dedupe';
}

let summary: DemoSummary;
let store: Store;
let planted: Planted[];
let customers: TableQualityReport;
let orders: TableQualityReport;

beforeAll(async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'mm-recovery-')), 'ws');
  summary = await runDemo({
    dir,
    seed: 11,
    customers: 1500,
    locale: 'en',
    progress: silentProgress,
    openStore: async (path) => {
      const s = await openStore({ engine: 'duckdb', path });
      await s.migrate();
      return s;
    },
  });
  planted = (
    JSON.parse(readFileSync(join(summary.dataDir, 'ground_truth', 'planted_bad_row.json'), 'utf8')) as {
      value: Planted;
    }[]
  ).map((entry) => entry.value);
  store = await openStore({ engine: 'duckdb', path: summary.database });
  customers = await checkTableQuality(store, 'customers');
  orders = await checkTableQuality(store, 'orders');
}, 120_000);

afterAll(async () => {
  await store?.close();
});

const count = (problem: string): number => planted.filter((p) => p.problem === problem).length;
const found = (report: TableQualityReport, code: string, column?: string): number =>
  report.findings.find((f) => f.code === code && (column === undefined || f.column === column))?.count ?? 0;

describe('demo data: planted bad rows are recovered', () => {
  it('plants every kind of problem', () => {
    for (const problem of [
      'invalid_email',
      'invalid_phone',
      'negative_total',
      'impossible_date',
      'unknown_customer',
    ]) {
      expect(count(problem), problem).toBeGreaterThan(0);
    }
  });

  it('rejects exactly the rows planted for rejection, and read = accepted + rejected', () => {
    const orderImport = summary.tables.find((t) => t.table === 'orders');
    const toReject = planted.filter((p) => p.table === 'orders' && p.expected === 'reject').length;
    expect(orderImport?.rejected).toBe(toReject);
    for (const t of summary.tables) expect(t.accepted + t.rejected, t.table).toBe(t.read);
  });

  it('flags exactly the planted invalid emails and phones', () => {
    expect(found(customers, 'invalid_email')).toBe(count('invalid_email'));
    expect(found(customers, 'invalid_phone')).toBe(count('invalid_phone'));
  });

  it('flags exactly the planted orphan orders', () => {
    expect(found(orders, 'orphan_reference', 'customer_id')).toBe(count('unknown_customer'));
  });

  it('counts repeated ids and keeps the last occurrence, which is the clean row', async () => {
    const dedupe = planted.filter((p) => p.table === 'orders' && p.expected === 'dedupe');
    expect(summary.tables.find((t) => t.table === 'orders')?.duplicateIdsInInput).toBe(dedupe.length);
    const truth = new Map(
      generateDemoData({ seed: 11, customers: 1500 }).tables.orders?.map((o) => [o.id, o]),
    );
    for (const p of dedupe) {
      const [row] = await store.query('SELECT total_amount, customer_id FROM orders WHERE id = $1', [p.id]);
      expect(row, p.id).toMatchObject({
        total_amount: truth.get(p.id)?.total_amount,
        customer_id: truth.get(p.id)?.customer_id,
      });
    }
  });

  it('flags nothing else as a defect', () => {
    const serious = (report: TableQualityReport) =>
      new Set(report.findings.filter((f) => f.severity !== 'info').map((f) => f.code));
    expect([...serious(customers)].sort()).toEqual(['invalid_email', 'invalid_phone']);
    expect([...serious(orders)]).toEqual(['orphan_reference']);
  });
});
