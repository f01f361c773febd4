import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, InternalError, OperationalError } from '../core/errors.js';
import { col, tables } from '../core/schema/index.js';
import {
  orderRows,
  ordersSpec,
  type TypesRow,
  typesRows,
  typesTable,
  typesValues,
} from './contract-fixtures.js';
import { createTableStatements } from './migrations/ddl.js';
import { migrations } from './migrations/migrations.js';
import { portableSqlContract } from './portable-sql.contract.js';
import type { Store } from './store.js';

/**
 * The contract every `Store` adapter passes (after Kysely's per-dialect test loop): the same
 * tests, with the same expected values, run against each engine (store.test.ts).
 */

export interface StoreContractOptions {
  /** Reopens the data of a closed store (persistent engines); enables the persistence test. */
  readonly reopen?: (closed: Store) => Promise<Store>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  cleanup?: (store: Store) => Promise<void>,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
      await cleanup?.(store);
    });

    async function withTypesTable(): Promise<void> {
      for (const sql of createTableStatements(typesTable, store.dialect)) await store.execute(sql);
    }

    const count = async (table: string, where = ''): Promise<number> => {
      const [row] = await store.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} ${where}`);
      return row?.n ?? Number.NaN;
    };

    it('migrate creates every table of the data model and is idempotent', async () => {
      expect(await store.migrate()).toEqual(migrations.map((migration) => migration.version));
      const found = await store.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_catalog = current_database() AND table_type = 'BASE TABLE'`,
      );
      const names = new Set(found.map((row) => row.table_name));
      for (const spec of tables) expect(names, spec.name).toContain(spec.name);
      expect(names).toContain('schema_migrations');
      const columns = await store.query<{ column_name: string; is_nullable: string }>(
        `SELECT column_name, is_nullable FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_catalog = current_database() AND table_name = 'orders'
         ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => c.column_name)).toEqual(ordersSpec.columns.map((c) => c.name));
      expect(columns.find((c) => c.column_name === 'ordered_at')?.is_nullable).toBe('NO');
      expect(columns.find((c) => c.column_name === 'channel')?.is_nullable).toBe('YES');
      expect(await store.migrate()).toEqual([]);
    });

    it('schema_migrations records each version once', async () => {
      await store.migrate();
      await store.migrate();
      const rows = await store.query(
        'SELECT version, name, applied_at FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((row) => [row.version, row.name])).toEqual(migrations.map((m) => [m.version, m.name]));
      expect(rows[0]).toMatchObject({ version: 1, name: 'initial schema' });
      const appliedAt = rows[0]?.applied_at;
      expect(appliedAt).toBeInstanceOf(Date);
      expect(Math.abs(Date.now() - (appliedAt as Date).getTime())).toBeLessThan(60_000);
    });

    it('enforces NOT NULL and primary keys but no foreign keys', async () => {
      await store.migrate();
      await store.execute(
        "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price) VALUES ('l1', 'no-such-order', 'p', 1, 2.5)",
      );
      expect(await count('order_lines')).toBe(1);
      await expect(
        store.execute(
          "INSERT INTO order_lines (id, order_id, product_id, quantity, unit_price) VALUES ('l1', 'o', 'p', 1, 1)",
        ),
      ).rejects.toMatchObject({ code: 'sql_error' });
      await expect(
        store.execute("INSERT INTO orders (id, customer_id, total_amount) VALUES ('o1', 'c1', 1)"),
      ).rejects.toBeInstanceOf(OperationalError);
    });

    it('round-trips every column type through parameters and bulkInsert', async () => {
      await withTypesTable();
      const insert =
        'INSERT INTO mm_contract_types (id, t, i, d, b, ts, dt, j) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)';
      for (const row of typesRows) await store.execute(insert, typesValues(row));
      const viaParams = await store.query<TypesRow>('SELECT * FROM mm_contract_types ORDER BY id');
      expect(viaParams).toEqual(typesRows);
      await store.execute('DELETE FROM mm_contract_types');
      const bulkRows = [...typesRows, { ...typesRows[2], id: 'r4', j: 'a json string' } as TypesRow];
      await store.bulkInsert('mm_contract_types', typesTable.columns, bulkRows.map(typesValues));
      expect(await store.query('SELECT * FROM mm_contract_types ORDER BY id')).toEqual(bulkRows);
    });

    it('binds parameters of each type', async () => {
      await withTypesTable();
      await store.bulkInsert('mm_contract_types', typesTable.columns, typesRows.map(typesValues));
      const r1 = typesRows[0] as TypesRow;
      const found = await store.query(
        `SELECT id FROM mm_contract_types
         WHERE t = $1 AND i = $2 AND d < $3 AND b = $4 AND ts = $5 AND dt = $6 AND ts >= $7 AND dt BETWEEN $8 AND $9`,
        [r1.t, r1.i, 0, true, r1.ts, r1.dt, new Date('2024-01-01T00:00:00Z'), '2024-01-01', '2024-12-31'],
      );
      expect(found).toEqual([{ id: 'r1' }]);
      const [echo] = await store.query(
        'SELECT CAST($1 AS JSON) AS j, $2 AS s, coalesce($3, $4) AS fallback, CAST($5 AS BIGINT) + 1 AS n',
        [{ k: ['v', 1] }, 'текст 文本', null, 'fallback', 41],
      );
      expect(echo).toEqual({ j: { k: ['v', 1] }, s: 'текст 文本', fallback: 'fallback', n: 42 });
    });

    it('normalises numbers, dates and booleans of expressions identically', async () => {
      await withTypesTable();
      await store.bulkInsert('mm_contract_types', typesTable.columns, typesRows.map(typesValues));
      const [row] = await store.query(
        `SELECT count(*) AS n, sum(i) AS total, avg(i) AS mean, sum(d) AS sum_d, CAST(1.25 AS DECIMAL(10, 2)) AS dec,
                CAST(ts AS DATE) AS day, date_trunc('month', ts) AS month, CAST('2024-03-01' AS DATE) AS lit,
                (1 = 1) AS yes, CAST(NULL AS TEXT) AS nothing, j->>'a' AS a
         FROM mm_contract_types WHERE id = 'r1' GROUP BY ts, j->>'a'`,
      );
      expect(row).toEqual({
        n: 1,
        total: 2 ** 40 + 7,
        mean: 2 ** 40 + 7,
        sum_d: -1234.5678,
        dec: 1.25,
        day: '2024-02-29',
        month: new Date('2024-02-01T00:00:00Z'),
        lit: '2024-03-01',
        yes: true,
        nothing: null,
        a: '1',
      });
    });

    it('upserts with ON CONFLICT (id) DO UPDATE', async () => {
      await store.migrate();
      await store.bulkInsert('orders', ordersSpec.columns, orderRows(3));
      const changed = await store.execute(
        `INSERT INTO orders (id, customer_id, ordered_at, total_amount) VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)
         ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, total_amount = excluded.total_amount`,
        [
          'o1',
          'c-new',
          new Date('2024-05-01T00:00:00Z'),
          99.5,
          'o9',
          'c9',
          new Date('2024-05-02T00:00:00Z'),
          7,
        ],
      );
      expect(changed).toBe(2);
      const rows = await store.query('SELECT id, customer_id, total_amount, channel FROM orders ORDER BY id');
      expect(rows).toEqual([
        { id: 'o0', customer_id: 'c0', total_amount: 0, channel: 'online' },
        { id: 'o1', customer_id: 'c-new', total_amount: 99.5, channel: 'store' },
        { id: 'o2', customer_id: 'c2', total_amount: 2, channel: 'online' },
        { id: 'o9', customer_id: 'c9', total_amount: 7, channel: null },
      ]);
    });

    it('keeps the latest row per id with INSERT … SELECT DISTINCT ON (id) from a TEMP staging table', async () => {
      await store.migrate();
      const stageColumns = [
        ...ordersSpec.columns.slice(0, 3),
        ordersSpec.columns[7],
        col('n', 'integer', 'version'),
      ];
      await store.transaction(async (tx) => {
        await tx.execute(
          'CREATE TEMP TABLE stage AS SELECT id, customer_id, ordered_at, total_amount FROM orders LIMIT 0',
        );
        await tx.execute('ALTER TABLE stage ADD COLUMN n BIGINT');
        const at = new Date('2024-03-01T08:00:00Z');
        await tx.bulkInsert('stage', stageColumns as typeof ordersSpec.columns, [
          ['a', 'c1', at, 1, 1],
          ['a', 'c1', at, 3, 3],
          ['a', 'c1', at, 2, 2],
          ['b', 'c2', at, 5, 1],
        ]);
        const inserted = await tx.execute(
          `INSERT INTO orders (id, customer_id, ordered_at, total_amount)
           SELECT DISTINCT ON (id) id, customer_id, ordered_at, total_amount FROM stage ORDER BY id, n DESC`,
        );
        expect(inserted).toBe(2);
        await tx.execute('DROP TABLE stage');
      });
      expect(await store.query('SELECT id, total_amount FROM orders ORDER BY id')).toEqual([
        { id: 'a', total_amount: 3 },
        { id: 'b', total_amount: 5 },
      ]);
    });

    it('commits a transaction as a whole', async () => {
      await store.migrate();
      const result = await store.transaction(async (tx) => {
        await tx.execute("INSERT INTO customers (id, signup_at) VALUES ('c1', $1)", [new Date()]);
        await tx.bulkInsert('orders', ordersSpec.columns, orderRows(3000));
        expect(await tx.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 3000 }]);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await count('orders')).toBe(3000);
      expect(await count('customers')).toBe(1);
    });

    it('rolls back everything, bulkInsert included, when the work throws', async () => {
      await store.migrate();
      const failure = new Error('work failed');
      await expect(
        store.transaction(async (tx) => {
          await tx.execute("INSERT INTO customers (id, signup_at) VALUES ('c1', $1)", [new Date()]);
          await tx.bulkInsert('orders', ordersSpec.columns, orderRows(3000));
          throw failure;
        }),
      ).rejects.toBe(failure);
      expect(await count('orders')).toBe(0);
      expect(await count('customers')).toBe(0);
    });

    it('rolls back and throws when a statement failed even if the work caught it', async () => {
      await store.migrate();
      await expect(
        store.transaction(async (tx) => {
          await tx.bulkInsert('orders', ordersSpec.columns, orderRows(10));
          await tx.execute('SELEC nonsense').catch(() => undefined);
          return 'swallowed';
        }),
      ).rejects.toMatchObject({ code: 'transaction_aborted' });
      expect(await count('orders')).toBe(0);
    });

    it.runIf(options.reopen !== undefined)('keeps committed data after close and reopen', async () => {
      await store.migrate();
      await store.transaction((tx) => tx.bulkInsert('orders', ordersSpec.columns, orderRows(1234)));
      await store.close();
      const reopened = await (options.reopen as NonNullable<StoreContractOptions['reopen']>)(store);
      try {
        expect(await reopened.migrate()).toEqual([]);
        expect(await reopened.query('SELECT count(*) AS n, sum(total_amount) AS s FROM orders')).toEqual([
          { n: 1234, s: (1234 * 1233) / 2 },
        ]);
      } finally {
        await reopened.close();
      }
    });

    it('streams all rows in batches of the requested size', async () => {
      await store.migrate();
      await store.bulkInsert('orders', ordersSpec.columns, orderRows(2500));
      const sizes: number[] = [];
      const ids = new Set<string>();
      for await (const batch of store.stream<{ id: string }>('SELECT id FROM orders ORDER BY id', [], 1000)) {
        sizes.push(batch.length);
        for (const row of batch) ids.add(row.id);
        // Writing through the store while a stream is open must work.
        await store.execute("UPDATE orders SET status = 'pending' WHERE id = 'o0'");
      }
      expect(sizes).toEqual([1000, 1000, 500]);
      expect(ids.size).toBe(2500);
      const filtered: number[] = [];
      for await (const batch of store.stream(
        'SELECT id FROM orders WHERE total_amount >= $1;',
        [2000],
        128,
      )) {
        filtered.push(batch.length);
      }
      expect(filtered).toEqual([128, 128, 128, 116]);
      for await (const _ of store.stream('SELECT id FROM orders', [], 10)) break;
      expect(await count('orders')).toBe(2500);
    });

    it('streams inside a transaction, interleaved with other statements of it', async () => {
      await store.migrate();
      await store.transaction(async (tx) => {
        await tx.bulkInsert('orders', ordersSpec.columns, orderRows(2100));
        const sizes: number[] = [];
        for await (const batch of tx.stream('SELECT id FROM orders ORDER BY id', [], 1000)) {
          sizes.push(batch.length);
          expect(await tx.query('SELECT count(*) AS n FROM orders')).toEqual([{ n: 2100 }]);
        }
        expect(sizes).toEqual([1000, 1000, 100]);
      });
    });

    it('bulk-inserts 20k rows (also with a subset of columns in another order)', async () => {
      await store.migrate();
      await store.bulkInsert('orders', ordersSpec.columns, orderRows(20_000));
      expect(await store.query('SELECT count(*) AS n, sum(total_amount) AS s FROM orders')).toEqual([
        { n: 20_000, s: (20_000 * 19_999) / 2 },
      ]);
      const [idColumn, customerColumn, orderedAtColumn] = ordersSpec.columns;
      const subset = [
        orderedAtColumn,
        ordersSpec.columns[7],
        customerColumn,
        idColumn,
      ] as typeof ordersSpec.columns;
      await store.bulkInsert('orders', subset, [[new Date('2025-01-01T00:00:00Z'), 10, 'cx', 'extra']]);
      expect(
        await store.query("SELECT customer_id, total_amount, channel FROM orders WHERE id = 'extra'"),
      ).toEqual([{ customer_id: 'cx', total_amount: 10, channel: null }]);
    });

    portableSqlContract(() => store);

    it('reports bad SQL as OperationalError(sql_error) with the engine message and cause', async () => {
      const error = await store.query('SELEC 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OperationalError);
      expect(error).toMatchObject({ code: 'sql_error', message: expect.stringMatching(/syntax/i) });
      expect((error as Error).cause).toBeDefined();
      await expect(store.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: 'sql_error' });
      expect(await store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    });

    it('returns the number of rows changed', async () => {
      await store.migrate();
      await store.bulkInsert('orders', ordersSpec.columns, orderRows(5));
      expect(await store.execute("UPDATE orders SET status = 'returned' WHERE total_amount >= $1", [2])).toBe(
        3,
      );
      expect(await store.execute('DELETE FROM orders WHERE total_amount < $1', [1])).toBe(1);
      expect(await store.execute('SELECT * FROM orders')).toBe(0);
    });

    it('refuses store calls and nested transactions inside a transaction', async () => {
      await store.migrate();
      await store.transaction(async (tx) => {
        await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(InternalError);
        await expect(store.transaction(async () => 1)).rejects.toMatchObject({
          code: 'store_call_in_transaction',
        });
        await tx.bulkInsert('orders', ordersSpec.columns, orderRows(2));
      });
      expect(await count('orders')).toBe(2);
    });

    it('does not interleave other calls with an open transaction', async () => {
      await store.migrate();
      const writer = store.transaction(async (tx) => {
        await tx.bulkInsert('orders', ordersSpec.columns, orderRows(1));
        await sleep(30);
        await tx.bulkInsert('orders', ordersSpec.columns, orderRows(1, 'late'));
      });
      await sleep(5);
      const seen = await Promise.all([count('orders'), count('orders'), count('orders')]);
      await writer;
      for (const n of seen) expect([0, 2]).toContain(n);
      expect(await count('orders')).toBe(2);
    });

    it('rejects values of the wrong form with InputError and inserts nothing', async () => {
      await store.migrate();
      const rows = orderRows(3000);
      (rows[2500] as unknown[])[2] = '2024-01-01T00:00:00Z';
      const error = await store.bulkInsert('orders', ordersSpec.columns, rows).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/ordered_at.*row 2500/);
      expect(await count('orders')).toBe(0);
    });
  });
}
