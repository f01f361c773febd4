import { expect, it } from 'vitest';
import { typesTable } from './contract-fixtures.js';
import { createTableStatements } from './migrations/ddl.js';
import type { Row, Store } from './store.js';

/**
 * The portable-SQL rules and value forms of store.ts, proven on each engine: registered inside
 * `describeStoreContract`, so every adapter runs them. `store` returns the open store of the
 * current test.
 */
export function portableSqlContract(store: () => Store): void {
  it('returns INTERVAL and TIME values in one JSON-safe form', async () => {
    const [row] = await store().query(
      `SELECT INTERVAL '1 year 2 months 3 days 04:05:06.789' AS mixed,
              CAST('-1 day -00:00:01.5' AS INTERVAL) AS negative,
              CAST('1 mon -2 days' AS INTERVAL) AS mixed_signs,
              INTERVAL '100 hours' AS long_time,
              INTERVAL '1 microsecond' AS micro,
              CAST($1 AS TIMESTAMPTZ) - CAST($2 AS TIMESTAMPTZ) AS elapsed,
              ARRAY[INTERVAL '1 day', NULL] AS list,
              CAST(NULL AS INTERVAL) AS nothing,
              TIME '04:05:06.789' AS time_of_day`,
      [new Date('2024-03-02T02:00:00Z'), new Date('2024-01-01T00:00:00Z')],
    );
    expect(row).toEqual({
      mixed: { months: 14, days: 3, milliseconds: 14_706_789 },
      negative: { months: 0, days: -1, milliseconds: -1500 },
      mixed_signs: { months: 1, days: -2, milliseconds: 0 },
      long_time: { months: 0, days: 0, milliseconds: 360_000_000 },
      micro: { months: 0, days: 0, milliseconds: 0.001 },
      elapsed: { months: 0, days: 61, milliseconds: 7_200_000 },
      list: [{ months: 0, days: 1, milliseconds: 0 }, null],
      nothing: null,
      time_of_day: '04:05:06.789',
    });
    expect(JSON.parse(JSON.stringify(row))).toEqual(row);
  });

  it('divides as doubles after CAST(… AS DOUBLE PRECISION) and gives NULL for x / NULLIF(0, 0)', async () => {
    const [row] = await store().query(
      `SELECT CAST(7 AS DOUBLE PRECISION) / 2 AS half,
              CAST(trunc(CAST(-7 AS DOUBLE PRECISION) / 2) AS BIGINT) AS truncated,
              7 / NULLIF(0, 0) AS by_zero,
              CAST(7 AS DOUBLE PRECISION) / NULLIF($1, 0) AS by_zero_param,
              sum(CAST(x AS DOUBLE PRECISION)) / NULLIF(count(*), 0) AS mean_of_none
       FROM (SELECT 1 AS x) AS one WHERE x > $2`,
      [0, 1],
    );
    expect(row).toEqual({ half: 3.5, truncated: -3, by_zero: null, by_zero_param: null, mean_of_none: null });
  });

  it('differs on integer / and on division by zero, as store.ts documents', async () => {
    const engine = store();
    const [quotient] = await engine.query<Row & { q: number }>('SELECT 7 / 2 AS q');
    expect(quotient?.q).toBe(engine.dialect === 'duckdb' ? 3.5 : 3);
    const byZero = engine.query<Row & { q: number | null }>('SELECT 7 / 0 AS q');
    if (engine.dialect === 'postgres') {
      await expect(byZero).rejects.toMatchObject({
        code: 'sql_error',
        message: expect.stringMatching(/zero/),
      });
    } else {
      const [row] = await byZero;
      expect(row?.q === null || !Number.isFinite(row?.q)).toBe(true);
    }
  });

  it('agrees on percentile_cont and date_trunc in UTC', async () => {
    for (const sql of createTableStatements(typesTable, store().dialect)) await store().execute(sql);
    const at = (iso: string, d: number, n: number) => [
      `p${n}`,
      null,
      null,
      d,
      null,
      new Date(iso),
      null,
      null,
    ];
    await store().bulkInsert('mm_contract_types', typesTable.columns, [
      at('2024-01-15T12:00:00Z', 2, 1),
      at('2024-01-31T23:30:00Z', 1, 2),
      at('2024-02-01T00:00:00Z', 10, 3),
      at('2024-02-10T00:00:00Z', 3, 4),
      at('2024-02-29T23:59:59.999Z', 4, 5),
    ]);
    const rows = await store().query(
      `SELECT date_trunc('month', ts) AS month, count(*) AS n,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS median
       FROM mm_contract_types GROUP BY date_trunc('month', ts) ORDER BY month`,
    );
    expect(rows).toEqual([
      { month: new Date('2024-01-01T00:00:00Z'), n: 2, median: 1.5 },
      { month: new Date('2024-02-01T00:00:00Z'), n: 3, median: 4 },
    ]);
  });
}
