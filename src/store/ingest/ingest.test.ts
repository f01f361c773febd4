import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import type { Store } from '../store.js';
import { type CsvRecord, CsvRecordScanner } from './csv-records.js';
import { ingestFiles } from './ingest.js';
import { failingStore } from './testing/failing-store.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mm-ingest-'));
  store = await openDuckDbStore({ path: ':memory:' });
  await store.migrate();
});

afterEach(async () => {
  await store.close();
});

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const quarantineDir = () => join(dir, 'quarantine');

function readQuarantine(path: string): { header: string[]; rows: string[][] } {
  const scanner = new CsvRecordScanner({ delimiter: ',' });
  const rows: CsvRecord[] = [];
  scanner.push(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), rows);
  scanner.end(rows);
  return { header: scanner.header?.fields ?? [], rows: rows.map((r) => r.fields) };
}

const ordersHeader = 'id,customer_id,ordered_at,channel,status,currency,total_amount,discount_amount';

describe('ingestFiles: quarantine arithmetic', () => {
  it('counts exactly and quarantines every bad row with all its reasons', async () => {
    const path = file(
      'orders.csv',
      [
        ordersHeader,
        'o1,c1,2023-03-05 10:00:00,online,completed,CNY,"¥1,234.50",0',
        'o2,c2,2023-02-30,online,completed,CNY,10,', // impossible date
        'o3,c3,2023/03/05,Pigeon,completed,CNY,-4,', // bad enum + negative
        '',
        'o4,c4,2023年3月5日,STORE,pending,CNY,88,1.5',
        'o5,c5,2023-03-05', // ragged
        ',c6,2023-03-05,online,completed,CNY,1,', // missing id
        'o7,c7,"2023-03-05",app,completed,CNY,"12,50",0',
        'o8,c8,2023-03-05,app,"completed"x,CNY,1,0', // stray quote
      ].join('\r\n'),
    );
    const result = await ingestFiles(store, {
      table: 'orders',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result).toMatchObject({
      read: 8,
      accepted: 3,
      rejected: 5,
      inserted: 3,
      updated: 0,
      duplicateIdsInInput: 0,
    });
    expect(result.files[0]).toMatchObject({
      read: 8,
      accepted: 3,
      rejected: 5,
      encoding: 'utf-8',
      delimiter: ',',
    });
    expect(result.issuesByReason).toEqual({
      invalid_timestamp: 1,
      invalid_enum: 1,
      negative: 1,
      wrong_field_count: 1,
      missing_required: 1,
      stray_quote: 1,
    });
    expect(result.quarantine).toMatch(/orders-imp_\w+\.quarantine\.csv$/);
    const q = readQuarantine(result.quarantine as string);
    expect(q.header).toEqual(['file', 'row_number', 'line', 'column', 'reason', 'original']);
    expect(q.rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['2', '3', 'ordered_at'],
      ['3', '4', 'channel;total_amount'],
      ['5', '7', ''],
      ['6', '8', 'id'],
      ['8', '10', ''],
    ]);
    expect(q.rows[1]?.[4]).toBe(
      'channel: invalid_enum (expected one of online, store, miniprogram, app, marketplace, phone, other, got "Pigeon"); total_amount: negative (must not be negative, got "-4")',
    );
    expect(q.rows[1]?.[5]).toBe('o3,c3,2023/03/05,Pigeon,completed,CNY,-4,');
    expect(q.rows[4]?.[5]).toBe('o8,c8,2023-03-05,app,"completed"x,CNY,1,0');
    const rows = await store.query('SELECT id, channel, total_amount, ordered_at FROM orders ORDER BY id');
    expect(rows).toEqual([
      { id: 'o1', channel: 'online', total_amount: 1234.5, ordered_at: new Date('2023-03-05T10:00:00Z') },
      { id: 'o4', channel: 'store', total_amount: 88, ordered_at: new Date('2023-03-05T00:00:00Z') },
      { id: 'o7', channel: 'app', total_amount: 12.5, ordered_at: new Date('2023-03-05T00:00:00Z') },
    ]);
    const [imported] = await store.query(
      'SELECT table_name, "read", accepted, rejected, quarantine_path FROM imports',
    );
    expect(imported).toEqual({
      table_name: 'orders',
      read: 8,
      accepted: 3,
      rejected: 5,
      quarantine_path: result.quarantine,
    });
    expect(readdirSync(quarantineDir()).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes no quarantine file when nothing is rejected', async () => {
    const path = file('ok.csv', `${ordersHeader}\no1,c1,2023-03-05,online,completed,CNY,1,0\n`);
    const result = await ingestFiles(store, {
      table: 'orders',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result.quarantine).toBeNull();
    expect(existsSync(quarantineDir())).toBe(false);
  });
});

describe('ingestFiles: encodings and dialects', () => {
  const zh = 'id,name,city,signup_at\nc1,张伟,北京市,2023年3月5日\nc2,王芳,上海市,2023年3月6日 14:30\n';

  it.each([
    ['utf-8', Buffer.from(zh, 'utf8')],
    ['utf-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zh, 'utf8')])],
    ['gbk', iconv.encode(zh, 'gbk')],
    ['gb18030', iconv.encode(zh, 'gb18030')],
  ])('reads %s with a Chinese name and date', async (label, bytes) => {
    const path = file(`customers-${label.replaceAll(' ', '-')}.csv`, bytes);
    const result = await ingestFiles(store, {
      table: 'customers',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result).toMatchObject({ read: 2, accepted: 2, rejected: 0 });
    expect(result.files[0]?.encoding).toBe(label.startsWith('utf') ? 'utf-8' : 'gb18030');
    const rows = await store.query('SELECT id, name, city, signup_at FROM customers ORDER BY id');
    expect(rows).toEqual([
      { id: 'c1', name: '张伟', city: '北京市', signup_at: new Date('2023-03-05T00:00:00Z') },
      { id: 'c2', name: '王芳', city: '上海市', signup_at: new Date('2023-03-06T14:30:00Z') },
    ]);
  });

  it('honours an encoding override', async () => {
    const path = file('c.csv', iconv.encode(zh, 'gbk'));
    const result = await ingestFiles(store, {
      table: 'customers',
      files: [path],
      encoding: 'GBK',
      quarantineDir: quarantineDir(),
    });
    expect(result.files[0]?.encoding).toBe('gbk');
    expect(result.accepted).toBe(2);
  });

  it('detects a semicolon delimiter with European amounts and day-first dates', async () => {
    const path = file(
      'eu.csv',
      'id;customer_id;ordered_at;total_amount\no1;c1;25/12/2023;1.234,56\no2;c2;05/01/2024;"7,5"\no3;c3;01/02/2024;€ 3\n',
    );
    const result = await ingestFiles(store, {
      table: 'orders',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result.files[0]?.delimiter).toBe(';');
    const rows = await store.query('SELECT id, ordered_at, total_amount FROM orders ORDER BY id');
    expect(rows).toEqual([
      { id: 'o1', ordered_at: new Date('2023-12-25T00:00:00Z'), total_amount: 1234.56 },
      { id: 'o2', ordered_at: new Date('2024-01-05T00:00:00Z'), total_amount: 7.5 },
      { id: 'o3', ordered_at: new Date('2024-02-01T00:00:00Z'), total_amount: 3 },
    ]);
  });

  it('keeps quoted newlines inside a value and reads gzip and TSV files', async () => {
    const tsv = 'id\tsource\ttext\tts\nd1\treview\t"Great,\nwould buy again"\t2023-03-05T08:00:00Z\n';
    const path = file('docs.tsv.gz', gzipSync(Buffer.from(tsv)));
    const result = await ingestFiles(store, {
      table: 'documents',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result).toMatchObject({ read: 1, accepted: 1 });
    expect(result.files[0]?.delimiter).toBe('\t');
    const [row] = await store.query('SELECT text FROM documents');
    expect(row?.text).toBe('Great,\nwould buy again');
  });
});

describe('ingestFiles: mapping', () => {
  const source = '订单号,客户,下单时间,金额,备注\nA1,C1,2023-03-05,100,x\n';

  it('maps columns with --map pairs', async () => {
    const path = file('zh.csv', source);
    const result = await ingestFiles(store, {
      table: 'orders',
      files: [path],
      mapping: { 订单号: 'id', 客户: 'customer_id', 下单时间: 'ordered_at', 金额: 'total_amount' },
      quarantineDir: quarantineDir(),
    });
    expect(result.accepted).toBe(1);
    expect(result.notes.join('\n')).toContain('备注');
    expect(await store.query('SELECT id, customer_id, total_amount FROM orders')).toEqual([
      { id: 'A1', customer_id: 'C1', total_amount: 100 },
    ]);
  });

  it('maps columns and fills defaults from a mapping file', async () => {
    const path = file('zh.csv', source);
    const mappingFile = file(
      'map.json',
      JSON.stringify({
        columns: { 订单号: 'id', 客户: 'customer_id', 下单时间: 'ordered_at', 金额: 'total_amount' },
        defaults: { currency: 'CNY', channel: 'Online' },
      }),
    );
    await ingestFiles(store, { table: 'orders', files: [path], mappingFile, quarantineDir: quarantineDir() });
    expect(await store.query('SELECT currency, channel FROM orders')).toEqual([
      { currency: 'CNY', channel: 'online' },
    ]);
  });

  it('refuses a file without a required column before writing anything', async () => {
    const path = file('bad.csv', 'id,amount\no1,3\n');
    await expect(
      ingestFiles(store, { table: 'orders', files: [path], quarantineDir: quarantineDir() }),
    ).rejects.toThrow(/customer_id, ordered_at, total_amount.*'id', 'amount'/);
    expect(await store.query('SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
  });
});

// Upsert on id and append-only tables: ingest.contract.ts (DuckDB exact and fast paths, PostgreSQL).

describe('ingestFiles: JSON Lines and Parquet', () => {
  it('reads JSON Lines with native types and rejects bad lines', async () => {
    const path = file(
      'events.jsonl',
      [
        '{"id":"e1","session_id":"s1","event_type":"page_view","ts":"2023-03-05T10:00:00Z","value":1.5,"properties":{"page":"/"}}',
        '{"id":"e2","session_id":"s1","event_type":"purchase","ts":1678026600,"value":"¥88"}',
        '{"id":"e3", broken',
        '[1,2]',
        '',
        '{"id":"e4","session_id":"s2","event_type":"search","ts":"2023-03-05","device":"Mobile"}',
      ].join('\n'),
    );
    const result = await ingestFiles(store, {
      table: 'events',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result).toMatchObject({ read: 5, accepted: 3, rejected: 2 });
    expect(result.issuesByReason).toEqual({ invalid_json: 1, not_an_object: 1 });
    expect(await store.query('SELECT id, ts, value, device, properties FROM events ORDER BY id')).toEqual([
      { id: 'e1', ts: new Date('2023-03-05T10:00:00Z'), value: 1.5, device: null, properties: { page: '/' } },
      { id: 'e2', ts: new Date('2023-03-05T14:30:00Z'), value: 88, device: null, properties: null },
      { id: 'e4', ts: new Date('2023-03-05T00:00:00Z'), value: null, device: 'mobile', properties: null },
    ]);
  });

  it('reads Parquet written by DuckDB', async () => {
    const path = join(dir, 'products.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM (VALUES
         ('p1', 'SKU-1', 'Tea', '绿茶', 'drinks', 12.5::DECIMAL(10,2), DATE '2023-03-05'),
         ('p2', 'SKU-2', 'Cup', NULL, 'kitchen', -1.0::DECIMAL(10,2), DATE '2023-03-06'))
         AS t(id, sku, name, name_zh, category, price, launched_at)) TO '${path}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const result = await ingestFiles(store, {
      table: 'products',
      files: [path],
      quarantineDir: quarantineDir(),
    });
    expect(result).toMatchObject({ read: 2, accepted: 1, rejected: 1, issuesByReason: { negative: 1 } });
    expect(result.files[0]?.format).toBe('parquet');
    expect(await store.query('SELECT id, name_zh, price, launched_at FROM products')).toEqual([
      { id: 'p1', name_zh: '绿茶', price: 12.5, launched_at: '2023-03-05' },
    ]);
    const q = readQuarantine(result.quarantine as string);
    expect(JSON.parse(q.rows[0]?.[5] ?? '{}')).toMatchObject({ id: 'p2', price: -1 });
  });
});

describe('ingestFiles: worker thread', () => {
  it('gives the same result, rows and quarantine as the inline path', async () => {
    const lines = [ordersHeader];
    for (let i = 0; i < 3000; i += 1) {
      const amount = i % 13 === 0 ? '-1' : i % 11 === 0 ? '"¥1,000.50"' : `${i}.25`;
      const date = i % 17 === 0 ? '2023-02-30' : '2023年3月5日 10:00';
      lines.push(`o${i % 2500},c${i},${date},online,completed,CNY,${amount},0`);
    }
    const path = file('orders.csv', lines.join('\n'));
    const other = await openDuckDbStore({ path: ':memory:' });
    await other.migrate();
    try {
      const inline = await ingestFiles(store, {
        table: 'orders',
        files: [path],
        quarantineDir: join(dir, 'a'),
        batchSize: 500,
      });
      const worker = await ingestFiles(other, {
        table: 'orders',
        files: [path],
        quarantineDir: join(dir, 'b'),
        batchSize: 500,
        workerMinBytes: 0,
      });
      const strip = ({ importId, durationMs, quarantine, ...rest }: typeof inline) => rest;
      expect(strip(worker)).toEqual(strip(inline));
      expect(inline.rejected).toBeGreaterThan(100);
      expect(inline.duplicateIdsInInput).toBeGreaterThan(0);
      const all = 'SELECT * FROM orders ORDER BY id';
      expect(await other.query(all)).toEqual(await store.query(all));
      expect(readQuarantine(worker.quarantine as string)).toEqual(
        readQuarantine(inline.quarantine as string),
      );
    } finally {
      await other.close();
    }
  });
});

describe('ingestFiles: atomicity and input errors', () => {
  it('leaves the store unchanged and writes no quarantine file when the import fails half-way', async () => {
    const before = file('before.csv', `${ordersHeader}\no0,c0,2023-03-05,online,completed,CNY,5,0\n`);
    await ingestFiles(store, { table: 'orders', files: [before], quarantineDir: quarantineDir() });
    const lines = [ordersHeader];
    for (let i = 1; i <= 50; i += 1)
      lines.push(`o${i},c${i},2023-03-05,online,completed,CNY,${i % 7 === 0 ? -1 : i},0`);
    lines.push('o0,c0,2023-03-05,online,completed,CNY,999,0');
    const path = file('big.csv', lines.join('\n'));
    const qdir = join(dir, 'q2');
    await expect(
      ingestFiles(
        failingStore(store, (_table, call) => call === 2),
        {
          table: 'orders',
          files: [path],
          quarantineDir: qdir,
          batchSize: 10,
        },
      ),
    ).rejects.toThrow(/injected failure/);
    expect(await store.query('SELECT id, total_amount FROM orders')).toEqual([{ id: 'o0', total_amount: 5 }]);
    expect(await store.query('SELECT count(*) AS n FROM imports')).toEqual([{ n: 1 }]);
    expect(existsSync(qdir) ? readdirSync(qdir) : []).toEqual([]);
    const tables = await store.query(
      "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'mm_ingest%'",
    );
    expect(tables).toEqual([]);
  });

  it('names the problem for unusable inputs', async () => {
    const q = quarantineDir();
    await expect(ingestFiles(store, { table: 'nope', files: ['x.csv'], quarantineDir: q })).rejects.toThrow(
      /orders/,
    );
    await expect(
      ingestFiles(store, { table: 'customer_scores', files: ['x.csv'], quarantineDir: q }),
    ).rejects.toThrow(InputError);
    await expect(
      ingestFiles(store, { table: 'orders', files: [join(dir, 'missing.csv')], quarantineDir: q }),
    ).rejects.toThrow(/missing\.csv/);
    await expect(
      ingestFiles(store, { table: 'orders', files: [file('empty.csv', '')], quarantineDir: q }),
    ).rejects.toThrow(/empty\.csv is empty/);
    await expect(
      ingestFiles(store, { table: 'orders', files: [file('blank.csv', '\n\r\n\n')], quarantineDir: q }),
    ).rejects.toThrow(/no header/);
    await expect(
      ingestFiles(store, { table: 'orders', files: [file('x.xlsx', 'x')], quarantineDir: q }),
    ).rejects.toThrow(/format/);
  });

  it('reports progress and ingests several files in one transaction', async () => {
    const a = file('a.csv', `${ordersHeader}\no1,c1,2023-03-05,online,completed,CNY,1,0\n`);
    const b = file('b.jsonl', '{"id":"o2","customer_id":"c2","ordered_at":"2023-03-05","total_amount":2}\n');
    const seen: string[] = [];
    const result = await ingestFiles(store, {
      table: 'orders',
      files: [a, b],
      quarantineDir: quarantineDir(),
      onProgress: (p) => seen.push(`${p.file}:${p.records}`),
    });
    expect(result.files.map((f) => [f.format, f.read])).toEqual([
      ['csv', 1],
      ['jsonl', 1],
    ]);
    expect(seen).toEqual([`${a}:1`, `${b}:1`]);
  });
});
