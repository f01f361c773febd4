import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import { type FastCsvDecision, lineEndings, planFastCsv } from './fast-plan.js';
import { ingestFiles } from './ingest.js';
import type { OpenedSource } from './source-types.js';
import { openSource } from './sources.js';
import { EngineComparison, quarantineRecords } from './testing/engine-comparison.js';

/**
 * The fast path's own decisions: when it is eligible (fast-plan.ts), when it hands a file back
 * to the exact path (a check fails) or the import is run again on the exact path (DuckDB throws
 * on the file), and that each of these still gives the exact path's outcome.
 */

let harness: EngineComparison;

beforeAll(async () => {
  harness = await EngineComparison.open();
});

afterAll(async () => {
  await harness.close();
});

const header = 'id,customer_id,ordered_at,total_amount';
/** Enough rows to push the interesting part past the first 64 KiB (the sampled bytes). */
const filler = Array.from({ length: 3000 }, (_, i) => `o${i},c${i},2023-03-05 10:00:00,${i}.5`);

async function decide(name: string, content: string | Buffer): Promise<FastCsvDecision> {
  const source: OpenedSource = await openSource(harness.file(name, content));
  try {
    return await planFastCsv(source, 'duckdb');
  } finally {
    await source.close();
  }
}

describe('lineEndings', () => {
  it.each([
    ['a,b\n1,2\n', 'lf'],
    ['a,b\r\n1,2\r\n', 'auto'],
    ['a,b\r\n1,2\r', 'auto'],
    ['a,b\r\n1,2\n', undefined],
    ['a,b\r1,2\r', undefined],
    ['a,b\n1,x\ry\n', undefined],
  ])('%j → %s', (text, expected) => {
    expect(lineEndings(Buffer.from(text))).toBe(expected);
  });
});

describe('planFastCsv', () => {
  it('accepts UTF-8 CSV, gzip and TSV, and names why it refuses the rest', async () => {
    expect((await decide('a.csv', `${header}\no1,c1,2023-03-05,1\n`)).eligible).toBe(true);
    expect((await decide('a.csv.gz', gzipSync(`${header}\no1,c1,2023-03-05,1\n`))).eligible).toBe(true);
    expect((await decide('a.tsv', 'id\tcustomer_id\no1\tc1\n')).eligible).toBe(true);
    const refused = async (name: string, content: string | Buffer) => {
      const decision = await decide(name, content);
      return decision.eligible ? 'eligible' : decision.reason;
    };
    expect(await refused('b.csv', 'a,b\r1,2\r')).toMatch(/header has a line break/);
    expect(await refused('c.csv', 'a,b\r\n1,2\n3,4\n')).toMatch(/line endings/);
    expect(await refused('d[1].csv', `${header}\n`)).toMatch(/glob/);
    expect(await refused('e.jsonl', '{"id":"o1"}\n')).toMatch(/format is jsonl/);
    expect(await refused('f.csv', Buffer.from('\ufeffa,b\n1,2\n', 'utf16le'))).toMatch(/utf-16/);
    const source = await openSource(harness.file('g.csv', `${header}\n`));
    expect(await planFastCsv(source, 'postgres')).toEqual({
      eligible: false,
      reason: 'the store is not DuckDB',
    });
    await source.close();
  });
});

describe('fast path hand-back', () => {
  it.each([
    [
      'a bare CR after the first 64 KiB (DuckDB throws: the import runs again exactly)',
      `${[header, ...filler].join('\n')}\no9,c9,2023-03-05,1\r\no10,c1,2023-03-05,2\n`,
      /fast path failed/,
    ],
    [
      'CRLF lines after LF ones',
      `${[header, ...filler].join('\n')}\r\no9,c9,2023-03-05,1\r\n`,
      /fast path failed/,
    ],
    ['a leading blank line', `\n${header}\no1,c1,2023-03-05,1\n`, /starts with a blank line/],
    ['a ragged line', `${header}\no1,c1,2023-03-05,1\no2,c2\n`, /rejected a record/],
    ['an unterminated quote', `${header}\no1,c1,2023-03-05,"1\n`, /rejected a record|spans/],
    ['a quoted line break', `${header}\no1,"c\n1",2023-03-05,1\n`, /spans several lines/],
    [
      'the line reader delimiter inside a value',
      `${header}\no1,c\u0001\u0002\u0003\u00041,2023-03-05,1\n`,
      /every line/,
    ],
  ])('%s', async (_, content, reason) => {
    await harness.reset('orders');
    const result = await harness.compare({ table: 'orders', files: [harness.file('x.csv', content)] });
    expect(result?.files[0]?.engine).toBe('exact');
    expect(result?.files[0]?.fastPathSkipped).toMatch(reason);
  });

  it('reads invalid UTF-8 after the sample like the exact path (U+FFFD)', async () => {
    await harness.reset('orders');
    const bad = Buffer.concat([
      Buffer.from(`${[header, ...filler].join('\n')}\no9,c`),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(',2023-03-05,1\n'),
    ]);
    const result = await harness.compare({ table: 'orders', files: [harness.file('bad-utf8.csv', bad)] });
    expect(result?.read).toBe(3001);
  });
});

describe('fast path on well-formed files', () => {
  it('keeps physical line numbers across blank lines and writes the same quarantine', async () => {
    await harness.reset('orders');
    const content = `${header}\n\no1,c1,2023-03-05,1\n\n\no2,c2,2023-02-30,2\r\n`.replace('\r\n', '\n');
    const result = await harness.compare({ table: 'orders', files: [harness.file('blank.csv', content)] });
    expect(result?.files[0]?.engine).toBe('fast');
    expect(quarantineRecords(result?.quarantine ?? null).map((r) => [r[1], r[2]])).toEqual([['2', '6']]);
  });

  it('loads several files into one stage: last duplicate wins across files, engines mixed', async () => {
    await harness.reset('orders');
    const a = harness.file('a.csv', `${header}\no1,c1,2023-03-05,1\no2,c2,2023-03-05,2\n`);
    const b = harness.file(
      'b.jsonl',
      '{"id":"o1","customer_id":"c9","ordered_at":"2023-03-06","total_amount":9}\n',
    );
    const c = harness.file('c.csv', `${header}\r\no2,c7,2023/3/7 8:00,"¥1,000"\r\no3,c3, 2023-03-05,3\r\n`);
    const result = await harness.compare({ table: 'orders', files: [a, b, c] });
    expect(result?.files.map((f) => f.engine)).toEqual(['fast', 'exact', 'fast']);
    expect(result).toMatchObject({ read: 5, accepted: 5, inserted: 3, duplicateIdsInInput: 2 });
    expect(
      await harness.fastStore.query('SELECT id, customer_id, total_amount FROM orders ORDER BY id'),
    ).toEqual([
      { id: 'o1', customer_id: 'c9', total_amount: 9 },
      { id: 'o2', customer_id: 'c7', total_amount: 1000 },
      { id: 'o3', customer_id: 'c3', total_amount: 3 },
    ]);
  });

  it('reports progress mid-way and uses the fast path on its own only for files of fastMinBytes', async () => {
    const store = await openDuckDbStore({ path: ':memory:' });
    await store.migrate();
    try {
      const path = join(harness.dir, 'progress.csv');
      writeFileSync(path, `${[header, ...filler, 'o1,c1,2023-02-30,1'].join('\n')}\n`);
      const seen: number[] = [];
      const quarantineDir = join(harness.dir, 'q-progress');
      const small = await ingestFiles(store, { table: 'orders', files: [path], quarantineDir });
      expect(small.files[0]?.engine).toBe('exact');
      expect(small.files[0]?.fastPathSkipped).toBeUndefined();
      const big = await ingestFiles(store, {
        table: 'orders',
        files: [path],
        quarantineDir,
        fastMinBytes: 1000,
        onProgress: (p) => seen.push(p.records),
      });
      expect(big.files[0]?.engine).toBe('fast');
      expect(big).toMatchObject({ read: 3001, rejected: 1, updated: 3000, inserted: 0 });
      expect(seen).toEqual([3000, 3001]);
    } finally {
      await store.close();
    }
  });
});
