import { InternalError } from '../core/errors.js';
import { col, findTable, id, type TableSpec } from '../core/schema/index.js';
import type { SqlValue } from './store.js';

/** Fixtures of the store contract (store.contract.ts): a table with every column type and order rows. */

/** One column of every type; created per test with `createTableStatements`. */
export const typesTable: TableSpec = {
  name: 'mm_contract_types',
  kind: 'system',
  description: 'Contract-test table with one column of every type.',
  primaryKey: ['id'],
  columns: [
    id(),
    col('t', 'text', 'text'),
    col('i', 'integer', 'integer'),
    col('d', 'double', 'double'),
    col('b', 'boolean', 'boolean'),
    col('ts', 'timestamp', 'timestamp'),
    col('dt', 'date', 'date'),
    col('j', 'json', 'json'),
  ],
};

export type TypesRow = {
  id: string;
  t: string | null;
  i: number | null;
  d: number | null;
  b: boolean | null;
  ts: Date | null;
  dt: string | null;
  j: SqlValue;
};

/** Values that tend to break drivers: CJK text, emoji, big integers, ms timestamps, leap days, nested json. */
export const typesRows: readonly TypesRow[] = [
  {
    id: 'r1',
    t: '你好，世界 — 顾客满意度',
    i: 2 ** 40 + 7,
    d: -1234.5678,
    b: true,
    ts: new Date('2024-02-29T23:59:59.123Z'),
    dt: '2024-02-29',
    j: { a: 1, b: ['x', null, 2.5], c: { d: '中文', e: true } },
  },
  {
    id: 'r2',
    t: 'emoji 👍🏽🎉 and "quotes" \\ backslash, comma',
    i: -3,
    d: 0.1,
    b: false,
    ts: new Date('1999-12-31T00:00:00.001Z'),
    dt: '1999-12-31',
    j: [1, 'two', { three: 3 }],
  },
  { id: 'r3', t: null, i: null, d: null, b: null, ts: null, dt: null, j: null },
];

export function typesValues(row: TypesRow): SqlValue[] {
  return [row.id, row.t, row.i, row.d, row.b, row.ts, row.dt, row.j];
}

export function requireTable(name: string): TableSpec {
  const spec = findTable(name);
  if (!spec) throw new InternalError('missing_table', `No table spec named ${name}`);
  return spec;
}

export const ordersSpec: TableSpec = requireTable('orders');

const orderEpoch = Date.UTC(2024, 0, 1);

/**
 * `count` order rows in the column order of the orders spec: id o<k>, customer c<k % 97>,
 * one per hour from 2024-01-01, total_amount k (so the sum is count·(count−1)/2).
 */
export function orderRows(count: number, prefix = 'o'): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (let k = 0; k < count; k++) {
    rows.push([
      `${prefix}${k}`,
      `c${k % 97}`,
      new Date(orderEpoch + k * 3_600_000),
      k % 2 === 0 ? 'online' : 'store',
      k % 3 === 0 ? null : `s${k % 5}`,
      'completed',
      'CNY',
      k,
      k % 4 === 0 ? null : 0.5,
      null,
    ]);
  }
  return rows;
}
