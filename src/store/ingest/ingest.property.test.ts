import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { openDuckDbStore } from '../duckdb/duckdb-store.js';
import type { Store } from '../store.js';
import { type CsvRecord, CsvRecordScanner } from './csv-records.js';
import { ingestFiles } from './ingest.js';

/**
 * Property: whatever bytes a CSV file holds, `ingestFiles` either
 * - returns a result with accepted + rejected = read (per file and in total), one quarantine
 *   record per rejected row, and exactly (accepted − duplicate ids) rows in the store; or
 * - throws an InputError because the file is totally unusable, and writes nothing.
 * "Totally unusable" means, precisely: the file is empty or has only empty lines
 * (`empty_file`), its header record is itself malformed (`invalid_header`, e.g. a stray
 * quote), or its header has no column for some required column of the table
 * (`missing_required_column`) — each decided from the header alone, before any row is read.
 */

const unusableCodes = new Set(['empty_file', 'invalid_header', 'missing_required_column']);

const delimiterArb = fc.constantFrom(',', ';', '\t', '|');
const cellArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom('o1', 'o2', 'o3', 'c1', '2023-03-05', '2023年3月5日', '2023-02-30', '12.5'),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom('¥1,234.50', '-3', '', ' ', 'online', 'ONLINE', 'pigeon', '1e400'),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('"quoted"', '"multi\nline"', 'stray"quote', '"unterminated', '"a""b"', '"x"y'),
  },
);
const goodRow = (d: string) =>
  fc
    .tuple(
      fc.constantFrom('o1', 'o2', 'o3', 'o4'),
      fc.constantFrom('2023-03-05', '05/03/2023'),
      fc.double({ min: -5, max: 1e6, noNaN: true }),
    )
    .map(([id, date, amount]) => [id, 'c1', date, String(amount)].join(d));
const lineArb = (d: string): fc.Arbitrary<Buffer> =>
  fc.oneof(
    { weight: 4, arbitrary: goodRow(d).map((s) => Buffer.from(s)) },
    { weight: 4, arbitrary: fc.array(cellArb, { maxLength: 7 }).map((cells) => Buffer.from(cells.join(d))) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b)) },
  );
const headerArb = (d: string): fc.Arbitrary<Buffer> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .constantFrom('id,customer_id,ordered_at,total_amount', 'ID,Customer Id,Ordered At,Total_Amount')
        .map((h) => Buffer.from(h.replaceAll(',', d))),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', 'id,"customer_id', 'id,x"y,ordered_at').map((h) => Buffer.from(h)),
    },
  );
const fileArb = delimiterArb.chain((d) =>
  fc.record({
    bom: fc.boolean(),
    newline: fc.constantFrom('\n', '\r\n'),
    header: headerArb(d),
    lines: fc.array(lineArb(d), { maxLength: 25 }),
  }),
);

function countRecords(path: string): number {
  const scanner = new CsvRecordScanner({ delimiter: ',' });
  const rows: CsvRecord[] = [];
  scanner.push(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), rows);
  scanner.end(rows);
  return rows.length;
}

describe('ingestFiles on random malformed CSV (property)', () => {
  let dir: string;
  let store: Store;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm-ingest-prop-'));
    store = await openDuckDbStore({ path: ':memory:' });
    await store.migrate();
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps accepted + rejected = read and throws only InputError for unusable files', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, async (spec) => {
        run += 1;
        await store.execute('DELETE FROM orders');
        await store.execute('DELETE FROM imports');
        const newline = Buffer.from(spec.newline);
        const parts: Buffer[] = spec.bom ? [Buffer.from([0xef, 0xbb, 0xbf])] : [];
        for (const line of [spec.header, ...spec.lines]) parts.push(line, newline);
        const path = join(dir, `random-${run}.csv`);
        writeFileSync(path, Buffer.concat(parts));
        const quarantineDir = join(dir, `q-${run}`);
        let result: Awaited<ReturnType<typeof ingestFiles>>;
        try {
          result = await ingestFiles(store, { table: 'orders', files: [path], quarantineDir });
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          expect(unusableCodes.has((error as InputError).code)).toBe(true);
          expect(await store.query('SELECT count(*) AS n FROM imports')).toEqual([{ n: 0 }]);
          return;
        }
        expect(result.accepted + result.rejected).toBe(result.read);
        for (const f of result.files) expect(f.accepted + f.rejected).toBe(f.read);
        const [{ n } = { n: -1 }] = await store.query<{ n: number }>('SELECT count(*) AS n FROM orders');
        expect(n).toBe(result.accepted - result.duplicateIdsInInput);
        expect(n).toBe(result.inserted);
        if (result.rejected === 0) expect(result.quarantine).toBeNull();
        else expect(countRecords(result.quarantine as string)).toBe(result.rejected);
        expect(readdirSync(dir).some((name) => name.endsWith('.tmp'))).toBe(false);
      }),
      { numRuns: 150 },
    );
  });
});
