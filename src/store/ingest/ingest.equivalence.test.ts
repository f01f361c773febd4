import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrdersCsv } from '../../../bench/ingest/generate-orders.js';
import { writeDemoData } from '../../app/demo-data/write-demo-data.js';
import { generateDemoData } from '../../demo/generate-demo-data.js';
import type { IngestOptions, IngestResult } from './ingest.js';
import { EngineComparison } from './testing/engine-comparison.js';

/**
 * The fast path (DuckDB reads and coerces) against the exact path (JavaScript), which is the
 * authority: for every input, two fresh DuckDB stores — one per engine — must end with the same
 * table contents, the same counts (read, accepted, rejected, inserted, updated, duplicate ids,
 * reasons) and the same quarantine records (row number, physical line, columns, reasons,
 * original text). Inputs: the ingest test fixtures, the benchmark generator's output, the demo
 * data set's CSV files, and random CSV files with canonical and non-canonical values, bad values,
 * duplicates, empty cells, quoted delimiters and line breaks, malformed quoting, blank lines,
 * CRLF, BOMs and several delimiters. Where the fast path is not eligible or gives up, the file is
 * loaded by the exact path and the comparison still holds; the tests also check that the fast
 * path did run where it should.
 */

let harness: EngineComparison;

beforeAll(async () => {
  harness = await EngineComparison.open();
});

afterAll(async () => {
  await harness.close();
});

const file = (name: string, content: string | Buffer) => harness.file(name, content);
const reset = (table: string) => harness.reset(table);
/** Both engines, same outcome asserted; the fast run's result. */
const compareEngines = async (options: Omit<IngestOptions, 'quarantineDir' | 'engine'>) =>
  (await harness.compare(options)) as IngestResult;

const ordersHeader = 'id,customer_id,ordered_at,channel,status,currency,total_amount,discount_amount';

describe('fast path = exact path on the ingest fixtures', () => {
  it('quarantine arithmetic file (falls back: ragged line and stray quote)', async () => {
    await reset('orders');
    const path = file(
      'orders.csv',
      [
        ordersHeader,
        'o1,c1,2023-03-05 10:00:00,online,completed,CNY,"¥1,234.50",0',
        'o2,c2,2023-02-30,online,completed,CNY,10,',
        'o3,c3,2023/03/05,Pigeon,completed,CNY,-4,',
        '',
        'o4,c4,2023年3月5日,STORE,pending,CNY,88,1.5',
        'o5,c5,2023-03-05',
        ',c6,2023-03-05,online,completed,CNY,1,',
        'o7,c7,"2023-03-05",app,completed,CNY,"12,50",0',
        'o8,c8,2023-03-05,app,"completed"x,CNY,1,0',
      ].join('\r\n'),
    );
    const result = await compareEngines({ table: 'orders', files: [path] });
    expect(result.files[0]?.engine).toBe('exact');
    expect(result.files[0]?.fastPathSkipped).toMatch(/rejected|aborted|failed/);
  });

  it('the same file without its ragged and malformed lines takes the fast path', async () => {
    await reset('orders');
    const path = file(
      'orders.csv',
      [
        ordersHeader,
        'o1,c1,2023-03-05 10:00:00,online,completed,CNY,"¥1,234.50",0',
        'o2,c2,2023-02-30,online,completed,CNY,10,',
        'o3,c3,2023/03/05,Pigeon,completed,CNY,-4,',
        '',
        'o4,c4,2023年3月5日,STORE,pending,CNY,88,1.5',
        ',c6,2023-03-05,online,completed,CNY,1,',
        'o7,c7,"2023-03-05",app,completed,CNY,"12,50",0',
        'o8,c8, "2023-03-05",app,completed,CNY,1,0',
        '',
      ].join('\r\n'),
    );
    const result = await compareEngines({ table: 'orders', files: [path] });
    expect(result.files[0]?.engine).toBe('fast');
    expect(result).toMatchObject({ read: 7, rejected: 4 });
  });

  it('Chinese customers in UTF-8, UTF-8 with BOM, GBK and GB18030 (transcoded to a temporary UTF-8 file)', async () => {
    const zh =
      'id,name,city,signup_at\nc1,张伟,北京市,2023年3月5日\nc2,王芳,上海市,2023年3月6日 14:30\nc3,\u00a0李娜,广州市,x\n';
    const copies = () => readdirSync(tmpdir()).filter((n) => n.startsWith('marketmind-utf8_'));
    const before = copies();
    for (const bytes of [
      Buffer.from(zh),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(zh)]),
      iconv.encode(zh, 'gbk'),
      iconv.encode(zh, 'gb18030'),
    ]) {
      await reset('customers');
      const result = await compareEngines({ table: 'customers', files: [file('c.csv', bytes)] });
      expect(result.files[0]?.engine).toBe('fast');
      expect(result).toMatchObject({ read: 3, rejected: 1 });
    }
    expect(copies()).toEqual(before);
  });

  it('semicolons, European amounts, day-first dates, a mapping file with defaults', async () => {
    await reset('orders');
    const eu = file(
      'eu.csv',
      'id;customer_id;ordered_at;total_amount\no1;c1;25/12/2023;1.234,56\no2;c2;05/01/2024;"7,5"\no3;c3;01/02/2024;€ 3\n',
    );
    expect((await compareEngines({ table: 'orders', files: [eu] })).files[0]?.engine).toBe('fast');
    await reset('orders');
    const zh = file('zh.csv', '订单号,客户,下单时间,金额,备注\nA1,C1,2023-03-05,100,x\nA2,C2,,5,y\n');
    const mappingFile = file(
      'map.json',
      JSON.stringify({
        columns: { 订单号: 'id', 客户: 'customer_id', 下单时间: 'ordered_at', 金额: 'total_amount' },
        defaults: { currency: 'CNY', channel: 'Online', ordered_at: '2023-01-01 08:00' },
      }),
    );
    await compareEngines({ table: 'orders', files: [zh], mappingFile });
  });

  it('TSV in gzip with a quoted line break (exact) next to a fast CSV', async () => {
    await reset('documents');
    const { gzipSync } = await import('node:zlib');
    const tsv = 'id\tsource\ttext\tts\nd1\treview\t"Great,\nwould buy again"\t2023-03-05T08:00:00Z\n';
    const csv =
      'id,source,text,ts,rating\nd2,Review,"Nice, ""really""",2023-03-05T08:00:00Z,4.5\nd3,news,  spaced  ,2023-03-05,x\n';
    const result = await compareEngines({
      table: 'documents',
      files: [file('docs.tsv.gz', gzipSync(Buffer.from(tsv))), file('docs.csv', csv)],
    });
    expect(result.files.map((f) => f.engine)).toEqual(['exact', 'fast']);
  });

  it('upsert on re-import, last duplicate wins, unmapped columns kept', async () => {
    await reset('orders');
    const first = file(
      'a.csv',
      `${ordersHeader}\no1,c1,2023-03-05,online,completed,CNY,10,1\no2,c2,2023-03-05,app,pending,CNY,20,\n`,
    );
    await compareEngines({ table: 'orders', files: [first] });
    const second = file(
      'b.csv',
      'id,customer_id,ordered_at,total_amount\no2,c2,2023-03-06,21\no3,c3,2023-03-06,30\no2,c2,2023-03-07,22\n',
    );
    const result = await compareEngines({ table: 'orders', files: [second, second] });
    expect(result).toMatchObject({ inserted: 1, updated: 1, duplicateIdsInInput: 4 });
  });

  it('append-only consents: identical re-import is a no-op, changes are rejected', async () => {
    await reset('consents');
    const header = 'id,customer_id,channel,purpose,granted,ts';
    const first = file(
      'c1.csv',
      `${header}\nk1,c1,email,marketing,yes,2023-03-05\nk2,c1,sms,marketing,no,2023-03-05\n`,
    );
    await compareEngines({ table: 'consents', files: [first] });
    await compareEngines({ table: 'consents', files: [first] });
    const changed = file(
      'c2.csv',
      `${header}\nk1,c1,email,marketing,no,2023-03-06\nk3,c2,email,marketing,yes,2023-03-06\nk3,c2,email,marketing,no,2023-03-07\n`,
    );
    const result = await compareEngines({ table: 'consents', files: [changed] });
    expect(result.issuesByReason).toEqual({ append_only_conflict: 2 });
    expect(result.files[0]?.engine).toBe('fast');
  });
});

describe('fast path = exact path on generated data', () => {
  it('the benchmark generator (10k orders)', async () => {
    await reset('orders');
    const path = join(harness.dir, 'bench-orders.csv');
    await generateOrdersCsv(path, 10_000, 7);
    const result = await compareEngines({ table: 'orders', files: [path] });
    expect(result.files[0]?.engine).toBe('fast');
    expect(result.rejected).toBeGreaterThan(20);
    expect(result.duplicateIdsInInput).toBeGreaterThan(5);
  });

  it('the demo data set (500 customers): every CSV file', async () => {
    const out = join(harness.dir, 'demo');
    const manifest = await writeDemoData(generateDemoData({ seed: 11, customers: 500 }), out);
    const csvs = manifest.files.filter((f) => f.format === 'csv');
    expect(csvs.map((f) => f.file)).toEqual(expect.arrayContaining(['orders.csv', 'customers_online.csv']));
    let fast = 0;
    for (const entry of csvs) {
      await reset(entry.table);
      const result = await compareEngines({ table: entry.table, files: [join(out, entry.file)] });
      if (result.files[0]?.engine === 'fast') fast += 1;
      if (['orders.csv', 'customers_online.csv', 'customers_stores.csv'].includes(entry.file)) {
        expect(result.files[0]?.engine, entry.file).toBe('fast');
      }
    }
    expect(fast).toBeGreaterThan(csvs.length / 2);
  }, 60_000);
});

const pick = <T>(...values: T[]) => fc.constantFrom(...values);
const oneOf = (...values: string[]) => fc.constantFrom(...values);
const anyText = fc.string({ maxLength: 6, unit: 'grapheme' });

/** Mostly canonical values (so rows reach the SQL path), sometimes anything else. */
const mostly = (canonical: fc.Arbitrary<string>, other: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 5, arbitrary: canonical }, { weight: 1, arbitrary: other });

const orderColumns: Record<string, fc.Arbitrary<string>> = {
  id: mostly(oneOf('o1', 'o2', 'o3', 'o4', 'o5', 'o6'), oneOf('', ' o1', 'o 2', 'o"7')),
  customer_id: mostly(oneOf('c1', 'c2', '张伟', 'c,4'), oneOf('', ' c3 ', '\u3000c5')),
  ordered_at: mostly(
    oneOf(
      '2023-03-05',
      '2023-03-05 10:11:12',
      '2023-03-05T10:11:12Z',
      '2023-03-05T10:11:12.5+08:00',
      '2023/3/5 9:05',
      '2023年3月5日 14:30',
    ),
    oneOf('05/03/2023', '2023-02-30', '2023-03-05 24:00', 'Mar 5, 2023', '1678026600', '', 'soon'),
  ),
  channel: mostly(oneOf('online', 'Online', 'STORE', 'app', ''), oneOf('pigeon', ' app', 'marKet')),
  status: mostly(oneOf('completed', 'Pending', ''), oneOf('nope')),
  currency: mostly(oneOf('CNY', 'usd', ''), anyText),
  total_amount: mostly(
    oneOf('12.5', '0', '¥1,234.50', '$7', '1858.31'),
    oneOf('-3', '1,5', '1e3', '(4)', '', 'abc', '12.50元', '-0'),
  ),
  discount_amount: mostly(oneOf('', '1', '0.5', '¥0.99'), oneOf('-1', 'x')),
  promotion_id: mostly(oneOf('', 'p1', 'a "quoted" word'), fc.oneof(anyText, oneOf('x\ny'))),
};

const consentColumns: Record<string, fc.Arbitrary<string>> = {
  id: oneOf('k1', 'k2', 'k3', 'k4'),
  customer_id: oneOf('c1', 'c2'),
  channel: mostly(oneOf('email', 'sms'), oneOf('')),
  purpose: oneOf('marketing', 'analytics'),
  granted: mostly(oneOf('yes', 'no', 'TRUE', 'f', '是', '否'), oneOf('maybe', '')),
  ts: mostly(oneOf('2023-03-05', '2023-03-05 10:00:00', '2023/03/06'), oneOf('2023-13-01', '6 Mar 2023')),
  source: mostly(oneOf('web', ''), anyText),
};

const customerColumns: Record<string, fc.Arbitrary<string>> = {
  id: oneOf('u1', 'u2', 'u3'),
  name: mostly(oneOf('张伟', 'Ann Example', "O'Brien, Pat"), anyText),
  gender: mostly(oneOf('female', 'Male', 'unknown', ''), oneOf('x')),
  birth_date: mostly(
    oneOf('1988-03-05', '1988/3/5', '', '1988-03-05T23:00:00-05:00'),
    oneOf('1988-02-30', '05.03.1988'),
  ),
  locale: mostly(oneOf('zh', 'EN', ''), oneOf('fr')),
  signup_at: mostly(oneOf('2023-03-05', '2023-03-05 14:30', '2023年3月5日'), oneOf('', 'x')),
  attributes: mostly(oneOf(''), oneOf('{"a":1}', '[1,2]', '{bad', '"text"')),
};

interface FileSpec {
  readonly encoding: 'utf-8' | 'gbk';
  readonly delimiter: string;
  readonly newline: string;
  readonly bom: boolean;
  readonly header: string[];
  readonly lines: string[];
  readonly trailingNewline: boolean;
}

function csvField(
  value: string,
  delimiter: string,
  style: 'auto' | 'always' | 'space-before' | 'space-after',
): string {
  const needs =
    value.includes(delimiter) || value.includes('"') || value.includes('\n') || value.includes('\r');
  const quoted = `"${value.replaceAll('"', '""')}"`;
  if (style === 'always') return quoted;
  if (style === 'space-before') return ` ${quoted}`;
  if (style === 'space-after') return `${quoted} `;
  return needs ? quoted : value;
}

type Defect = 'none' | 'blank' | 'ragged' | 'stray' | 'spaces' | 'multiline' | 'crlf-only' | 'quoted';

/** A random file: one kind of structural defect (or none) on some of its rows. */
function fileArb(columns: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<FileSpec> {
  const names = Object.keys(columns);
  const defects: Defect[] = [
    'none',
    'none',
    'none',
    'quoted',
    'spaces',
    'spaces',
    'blank',
    'ragged',
    'stray',
    'multiline',
    'crlf-only',
  ];
  return fc
    .record({
      encoding: pick('utf-8' as const, 'utf-8' as const, 'utf-8' as const, 'gbk' as const),
      delimiter: pick(',', ',', ';', '\t', '|'),
      newline: pick('\n', '\n', '\r\n'),
      bom: fc.boolean(),
      trailingNewline: fc.boolean(),
      order: fc.shuffledSubarray(names, { minLength: names.length, maxLength: names.length }),
      extraColumn: fc.boolean(),
      defect: fc.constantFrom(...defects),
      rows: fc.array(
        fc.record({
          values: fc.tuple(...names.map((n) => columns[n] as fc.Arbitrary<string>)),
          defective: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
          column: fc.nat(),
        }),
        { maxLength: 30 },
      ),
    })
    .map((spec) => {
      const d = spec.delimiter;
      const header = [...spec.order, ...(spec.extraColumn ? ['note'] : [])];
      const lines: string[] = [];
      for (const row of spec.rows) {
        const byName = new Map(names.map((n, i) => [n, row.values[i] as string]));
        const cells = header.map((h) => (h === 'note' ? 'x' : (byName.get(h) ?? '')));
        const defect = row.defective ? spec.defect : 'none';
        if (defect === 'blank') {
          lines.push('');
          continue;
        }
        const at = row.column % cells.length;
        let fields = cells.map((c) => csvField(c, d, defect === 'quoted' ? 'always' : 'auto'));
        if (defect === 'ragged') fields = fields.slice(0, -1);
        if (defect === 'stray') fields[at] = `${fields[at]}"x`;
        if (defect === 'spaces')
          fields[at] = csvField(cells[at] ?? '', d, at % 2 === 0 ? 'space-before' : 'space-after');
        if (defect === 'multiline') fields[at] = csvField(`a\nb${d}c`, d, 'auto');
        const line = fields.join(d);
        lines.push(defect === 'crlf-only' ? `${line}\r` : line);
      }
      return {
        encoding: spec.encoding,
        delimiter: d,
        newline: spec.newline,
        bom: spec.bom,
        header,
        lines,
        trailingNewline: spec.trailingNewline,
      };
    });
}

function render(spec: FileSpec): Buffer {
  const text =
    [spec.header.join(spec.delimiter), ...spec.lines].join(spec.newline) +
    (spec.trailingNewline ? spec.newline : '');
  if (spec.encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text);
  return spec.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

describe('fast path = exact path on random CSV files (property)', () => {
  it.each([
    ['orders', orderColumns, 40],
    ['consents', consentColumns, 20],
    ['customers', customerColumns, 20],
  ] as const)(
    '%s',
    async (table, columns, numRuns) => {
      let fast = 0;
      let runs = 0;
      const seed = file(
        `${table}-seed.csv`,
        render({
          encoding: 'utf-8',
          delimiter: ',',
          newline: '\n',
          bom: false,
          header: Object.keys(columns),
          lines: [],
          trailingNewline: true,
        }),
      );
      await fc.assert(
        fc.asyncProperty(fileArb(columns), fc.boolean(), async (spec, withExisting) => {
          runs += 1;
          await reset(table);
          if (withExisting) {
            // Existing rows: both stores get the same first import, then the compared one.
            const first = file(`${table}-first.csv`, render({ ...spec, lines: spec.lines.slice(0, 5) }));
            await compareEngines({ table, files: [first] });
          }
          const path = file(`${table}.csv`, render(spec));
          const result = await compareEngines({ table, files: [path, seed] });
          if (result?.files[0]?.engine === 'fast') fast += 1;
        }),
        { numRuns },
      );
      // Most generated files are well-formed enough for the fast path: make sure it really ran.
      expect(fast).toBeGreaterThan(runs * 0.3);
    },
    120_000,
  );
});
