import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { type CsvRecord, CsvRecordScanner } from './csv-records.js';
import { type IngestEngine, ingestFiles } from './ingest.js';
import { failingStore } from './testing/failing-store.js';

/**
 * The ingest guarantees every store engine must keep (quarantine arithmetic, upsert on id with
 * the last duplicate winning, the append-only rule, all-or-nothing), as one suite run against
 * DuckDB with each ingest engine (ingest.test.ts) and against PostgreSQL when MARKETMIND_PG_URL
 * is set (ingest.postgres.test.ts). Files are big enough (`fastMinBytes: 0`) that engine 'auto'
 * and 'fast' use the DuckDB fast path where it applies.
 */

export interface IngestContractOptions {
  readonly engine: IngestEngine;
  /** The engine that is expected to load the files ('exact' on PostgreSQL). */
  readonly expectedEngine: 'exact' | 'fast';
}

const ordersHeader = 'id,customer_id,ordered_at,channel,status,currency,total_amount,discount_amount';

function readQuarantine(path: string): string[][] {
  const scanner = new CsvRecordScanner({ delimiter: ',' });
  const rows: CsvRecord[] = [];
  scanner.push(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), rows);
  scanner.end(rows);
  return rows.map((r) => r.fields);
}

export function describeIngestContract(
  label: string,
  open: () => Promise<Store>,
  dispose: (store: Store) => Promise<void>,
  options: IngestContractOptions,
): void {
  describe(`ingest contract: ${label}`, () => {
    let dir: string;
    let store: Store;
    const ingest = (table: string, files: readonly string[], quarantineDir = join(dir, 'quarantine')) =>
      ingestFiles(store, { table, files, quarantineDir, engine: options.engine, fastMinBytes: 0 });
    const file = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'mm-ingest-contract-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    beforeEach(async () => {
      store = await open();
      await store.migrate();
    });
    afterEach(async () => {
      await dispose(store);
    });

    it('counts exactly and quarantines every bad row with its row, line and reasons', async () => {
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
        ].join('\r\n'),
      );
      const result = await ingest('orders', [path]);
      expect(result).toMatchObject({ read: 7, accepted: 3, rejected: 4, inserted: 3, updated: 0 });
      expect(result.files[0]?.engine).toBe(options.expectedEngine);
      expect(result.issuesByReason).toEqual({
        invalid_timestamp: 1,
        invalid_enum: 1,
        negative: 1,
        missing_required: 1,
        stray_quote: 1,
      });
      const q = readQuarantine(result.quarantine as string);
      expect(q.map((r) => [r[1], r[2], r[3]])).toEqual([
        ['2', '3', 'ordered_at'],
        ['3', '4', 'channel;total_amount'],
        ['5', '7', 'id'],
        ['7', '9', ''],
      ]);
      expect(q[1]?.[5]).toBe('o3,c3,2023/03/05,Pigeon,completed,CNY,-4,');
      expect(q[3]?.[4]).toBe('stray_quote (quote character inside an unquoted field)');
      expect(
        await store.query('SELECT id, channel, total_amount, ordered_at FROM orders ORDER BY id'),
      ).toEqual([
        { id: 'o1', channel: 'online', total_amount: 1234.5, ordered_at: new Date('2023-03-05T10:00:00Z') },
        { id: 'o4', channel: 'store', total_amount: 88, ordered_at: new Date('2023-03-05T00:00:00Z') },
        { id: 'o7', channel: 'app', total_amount: 12.5, ordered_at: new Date('2023-03-05T00:00:00Z') },
      ]);
      const [imported] = await store.query('SELECT "read", accepted, rejected, quarantine_path FROM imports');
      expect(imported).toEqual({ read: 7, accepted: 3, rejected: 4, quarantine_path: result.quarantine });
    });

    it('updates on re-import, lets the last duplicate win and keeps unmapped columns', async () => {
      const first = file(
        'a.csv',
        `${ordersHeader}\no1,c1,2023-03-05,online,completed,CNY,10,1\no2,c2,2023-03-05,app,pending,CNY,20,\n`,
      );
      await ingest('orders', [first]);
      const second = file(
        'b.csv',
        'id,customer_id,ordered_at,total_amount\no2,c2,2023-03-06,21\no3,c3,2023-03-06,30\no2,c2,2023-03-07,22\n',
      );
      const result = await ingest('orders', [second]);
      expect(result).toMatchObject({ read: 3, accepted: 3, inserted: 1, updated: 1, duplicateIdsInInput: 1 });
      expect(
        await store.query('SELECT id, total_amount, status, ordered_at FROM orders ORDER BY id'),
      ).toEqual([
        { id: 'o1', total_amount: 10, status: 'completed', ordered_at: new Date('2023-03-05T00:00:00Z') },
        { id: 'o2', total_amount: 22, status: 'pending', ordered_at: new Date('2023-03-07T00:00:00Z') },
        { id: 'o3', total_amount: 30, status: null, ordered_at: new Date('2023-03-06T00:00:00Z') },
      ]);
      expect(await store.query('SELECT count(*) AS n FROM imports')).toEqual([{ n: 2 }]);
    });

    it('rejects a changed row of an append-only table and accepts an identical re-import', async () => {
      const header = 'id,customer_id,channel,purpose,granted,ts';
      const first = file(
        'c1.csv',
        `${header}\nk1,c1,email,marketing,yes,2023-03-05\nk2,c1,sms,marketing,no,2023-03-05\n`,
      );
      await ingest('consents', [first]);
      expect(await ingest('consents', [first])).toMatchObject({
        read: 2,
        accepted: 2,
        rejected: 0,
        inserted: 0,
        updated: 0,
        quarantine: null,
      });
      const changed = file(
        'c2.csv',
        `${header}\nk1,c1,email,marketing,no,2023-03-06\nk3,c2,email,marketing,yes,2023-03-06\nk3,c2,email,marketing,no,2023-03-07\n`,
      );
      const result = await ingest('consents', [changed]);
      expect(result).toMatchObject({ read: 3, accepted: 1, rejected: 2, inserted: 1, updated: 0 });
      expect(result.issuesByReason).toEqual({ append_only_conflict: 2 });
      const q = readQuarantine(result.quarantine as string);
      expect(q.map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
        ['1', '2', 'id', 'k1,c1,email,marketing,no,2023-03-06'],
        ['3', '4', 'id', 'k3,c2,email,marketing,no,2023-03-07'],
      ]);
      expect(await store.query('SELECT id, granted FROM consents ORDER BY id')).toEqual([
        { id: 'k1', granted: true },
        { id: 'k2', granted: false },
        { id: 'k3', granted: true },
      ]);
    });

    it('leaves the store unchanged and writes no quarantine file when the import fails', async () => {
      const before = file('before.csv', `${ordersHeader}\no0,c0,2023-03-05,online,completed,CNY,5,0\n`);
      await ingest('orders', [before]);
      const lines = [ordersHeader];
      for (let i = 1; i <= 50; i += 1)
        lines.push(`o${i},c${i},2023-03-05,online,completed,CNY,${i % 7 === 0 ? -1 : i},0`);
      lines.push('o0,c0,2023-03-05,online,completed,CNY,999,0');
      const path = file('big.csv', lines.join('\n'));
      const quarantineDir = join(dir, 'failed');
      const failing = failingStore(store, (table) => table === 'imports');
      await expect(
        ingestFiles(failing, {
          table: 'orders',
          files: [path],
          quarantineDir,
          engine: options.engine,
          fastMinBytes: 0,
        }),
      ).rejects.toThrow(/injected failure/);
      expect(await store.query('SELECT id, total_amount FROM orders')).toEqual([
        { id: 'o0', total_amount: 5 },
      ]);
      expect(await store.query('SELECT count(*) AS n FROM imports')).toEqual([{ n: 1 }]);
      expect(existsSync(quarantineDir) ? readdirSync(quarantineDir) : []).toEqual([]);
      expect(
        await store.query(
          "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'mm\\_ingest%' ESCAPE '\\'",
        ),
      ).toEqual([]);
    });
  });
}
