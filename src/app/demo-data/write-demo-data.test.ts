import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTable, type TableSpec } from '../../core/schema/index.js';
import { type DemoDataSet, generateDemoData } from '../../demo/index.js';
import { canonicalCell, csvQuote, type DemoFilesManifest, writeDemoData } from './write-demo-data.js';

/** Minimal RFC 4180 reader (quoted fields, doubled quotes, CRLF), independent of the ingest code. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) throw new Error('file does not end with CRLF');
  return records;
}

async function hashes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[path.slice(dir.length)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return out;
}

describe('csvQuote', () => {
  it('quotes only when RFC 4180 needs it (and empty strings, to tell them from null)', () => {
    expect(csvQuote('plain')).toBe('plain');
    expect(csvQuote('a,b')).toBe('"a,b"');
    expect(csvQuote('say "hi"')).toBe('"say ""hi"""');
    expect(csvQuote('two\nlines')).toBe('"two\nlines"');
    expect(csvQuote('')).toBe('""');
    expect(csvQuote(' padded')).toBe('" padded"');
  });
});

describe('writeDemoData', () => {
  let dataSet: DemoDataSet;
  let dir: string;
  let manifest: DemoFilesManifest;
  const dirs: string[] = [];
  const tempDir = async () => {
    const d = await mkdtemp(join(tmpdir(), 'mm-demo-'));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    dataSet = generateDemoData({ seed: 3, customers: 300 });
    dir = await tempDir();
    manifest = await writeDemoData(dataSet, dir);
  });
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('lists every loadable file in load order with its row count', async () => {
    const loadable = manifest.files.map((f) => f.file);
    expect(loadable.slice(0, 2)).toEqual(['customers_online.csv', 'customers_stores.csv']);
    expect(loadable).toContain('events.jsonl');
    expect(loadable.at(-1)).toBe('ground_truth.csv');
    expect(loadable.indexOf('orders.csv')).toBeLessThan(loadable.indexOf('order_lines.csv'));
    const manifestOnDisk = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifestOnDisk).toEqual(JSON.parse(JSON.stringify(manifest)));
    for (const entry of manifest.files) {
      const bytes = await readFile(join(dir, entry.file));
      if (entry.format === 'jsonl') {
        expect(bytes.toString('utf8').split('\n').filter(Boolean).length, entry.file).toBe(entry.rows);
        continue;
      }
      const text =
        entry.encoding === 'gbk' ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8').replace(/^\uFEFF/, '');
      expect(parseCsv(text).length - 1, entry.file).toBe(entry.rows);
    }
    const customers = manifest.files.filter((f) => f.table === 'customers').reduce((s, f) => s + f.rows, 0);
    expect(customers).toBe(300);
    expect(manifest.files.find((f) => f.file === 'orders.csv')?.rows).toBe(
      (dataSet.tables.orders?.length ?? 0) + (dataSet.rawOverrides.orders?.length ?? 0),
    );
  });

  it('round-trips the canonical CSV files cell by cell', async () => {
    for (const entry of manifest.files.filter((f) => f.format === 'csv' && f.encoding !== 'gbk')) {
      const table = findTable(entry.table) as TableSpec;
      const text = (await readFile(join(dir, entry.file), 'utf8')).replace(/^\uFEFF/, '');
      const [header, ...records] = parseCsv(text);
      expect(header).toEqual(table.columns.map((c) => c.name));
      const source =
        entry.table === 'ground_truth'
          ? dataSet.groundTruth
          : entry.table === 'customers'
            ? (dataSet.tables.customers ?? []).filter((r) => r.acquisition_channel !== 'store')
            : (dataSet.tables[entry.table] ?? []);
      // the last occurrence of an id is the clean row (a conflicting planted duplicate comes before it)
      const lastById = new Map<string, string[]>();
      for (const r of records) lastById.set(r[0] as string, r);
      for (const row of source) {
        const written = lastById.get(row.id as string);
        expect(written, `${entry.file} ${String(row.id)}`).toEqual(
          table.columns.map((c) => canonicalCell(row[c.name], c)),
        );
      }
    }
  });

  it('writes the BOM online export and the GBK POS export with Chinese names intact', async () => {
    const online = await readFile(join(dir, 'customers_online.csv'));
    expect([...online.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const stores = await readFile(join(dir, 'customers_stores.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(stores)).toThrow();
    const [header, ...records] = parseCsv(iconv.decode(stores, 'gbk'));
    const columns = header as string[];
    const inMemory = new Map((dataSet.tables.customers ?? []).map((c) => [c.id as string, c]));
    const storeRows = (dataSet.tables.customers ?? []).filter((c) => c.acquisition_channel === 'store');
    expect(records.length).toBe(storeRows.length);
    let chinese = 0;
    for (const record of records) {
      const get = (name: string) => record[columns.indexOf(name)] as string;
      const original = inMemory.get(get('id'));
      expect(get('name')).toBe(original?.name ?? '');
      if (/[\u4e00-\u9fff]/.test(get('name'))) chinese++;
      const signup = original?.signup_at as Date;
      expect(get('signup_at')).toBe(
        `${signup.getUTCFullYear()}年${signup.getUTCMonth() + 1}月${signup.getUTCDate()}日 ${signup.toISOString().slice(11, 16)}`,
      );
      if (original?.birth_date)
        expect(get('birth_date')).toBe((original.birth_date as string).replaceAll('-', '/'));
      expect(get('phone')).toBe(original?.phone ?? '');
    }
    expect(chinese).toBeGreaterThan(10);
  });

  it('emits the planted bad rows with their raw text in orders.csv', async () => {
    const [, ...records] = parseCsv(await readFile(join(dir, 'orders.csv'), 'utf8'));
    const columns = findTable('orders')?.columns.map((c) => c.name) ?? [];
    const at = (name: string) => columns.indexOf(name);
    expect(records.some((r) => r[at('total_amount')] === 'N/A')).toBe(true);
    expect(records.some((r) => /^\d{4}-02-30T/.test(r[at('ordered_at')] as string))).toBe(true);
    expect(records.some((r) => (r[at('total_amount')] as string).startsWith('-'))).toBe(true);
    expect(records.some((r) => r[at('customer_id')] === '')).toBe(true);
    expect(new Set(records.map((r) => r[0])).size).toBeLessThan(records.length);
  });

  it('writes events as JSON lines and the ground truth per kind', async () => {
    const lines = (await readFile(join(dir, 'events.jsonl'), 'utf8')).split('\n').filter(Boolean);
    const events = dataSet.tables.events ?? [];
    expect(lines.length).toBe(events.length);
    const first = JSON.parse(lines[0] as string);
    const firstEvent = events[0];
    if (!firstEvent) throw new Error('no events generated');
    expect(first.id).toBe(firstEvent.id);
    expect(first.ts).toBe((firstEvent.ts as Date).toISOString());
    expect(lines.some((l) => JSON.parse(l).customer_id === undefined)).toBe(true);
    let entries = 0;
    for (const ref of manifest.referenceFiles.filter((r) => r.format === 'json')) {
      const parsed = JSON.parse(await readFile(join(dir, ref.file), 'utf8')) as { key: string }[];
      expect(parsed.length).toBe(ref.rows);
      entries += parsed.length;
    }
    expect(entries).toBe(dataSet.groundTruth.length);
    const qa = (await readFile(join(dir, 'qa_set.jsonl'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(qa).toEqual(dataSet.qaSet);
  });

  it('writes byte-identical files for the same seed and different files for another seed', async () => {
    const again = await tempDir();
    await writeDemoData(generateDemoData({ seed: 3, customers: 300 }), again);
    expect(await hashes(again)).toEqual(await hashes(dir));
    const other = await tempDir();
    await writeDemoData(generateDemoData({ seed: 4, customers: 300 }), other);
    expect((await hashes(other))['/orders.csv']).not.toBe((await hashes(dir))['/orders.csv']);
  });
});
